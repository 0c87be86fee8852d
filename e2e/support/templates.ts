// The shipped template files, read from assets/templates so tests compare against the real thing.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface TemplateFile {
  readonly path: string;
  readonly name: string;
  readonly graph: { nodes: { id: string; type: string }[]; edges: { source: string; target: string }[] };
}

export function template(file: 'mnist-cnn' | 'mnist-mlp' | 'lenet5' | 'fashion-cnn-augmented'): TemplateFile {
  const path = fileURLToPath(new URL(`../../assets/templates/${file}.json`, import.meta.url));
  return { path, ...(JSON.parse(readFileSync(path, 'utf8')) as Omit<TemplateFile, 'path'>) };
}
