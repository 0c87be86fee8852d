// The published JSON Schema: current with the code, and in agreement with the parser on real files.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { modelFileJsonSchema } from './model-schema';
import { analyzeGraph } from './analyze';
import { parseModelFile } from './model-file';

const committed = JSON.parse(
  readFileSync(new URL('../docs/model-format.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(committed);
const template = (name: string) =>
  JSON.parse(readFileSync(new URL(`../assets/templates/${name}.json`, import.meta.url), 'utf8'));

describe('model file JSON Schema', () => {
  it('is up to date (run `npm run generate:docs` after changing layers or the format)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(modelFileJsonSchema())));
  });

  it.each(['mnist-cnn', 'mnist-mlp', 'lenet5', 'fashion-cnn-augmented'])(
    'accepts the %s template',
    (name) => {
      expect(validate(template(name)), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  type Mutable = {
    version: number;
    graph: { nodes: { type: string; params: Record<string, unknown> }[]; edges: unknown[] };
  };
  const conv = (m: Mutable) => m.graph.nodes[1] as Mutable['graph']['nodes'][number];
  it.each([
    ['a bad param', (m: Mutable) => (conv(m).params.filters = 0)],
    ['an unknown param', (m: Mutable) => (conv(m).params.filter = 3)],
    ['an unknown layer type', (m: Mutable) => (conv(m).type = 'Conv3D')],
    ['a newer version', (m: Mutable) => (m.version = 3)],
    ['a malformed edge', (m: Mutable) => (m.graph.edges[0] = { source: 'input' })],
  ])('refuses %s, as the engine does', (_name, mutate) => {
    const model = template('mnist-cnn') as Mutable;
    mutate(model);
    expect(validate(model)).toBe(false);
    const parsed = parseModelFile(JSON.stringify(model));
    expect(parsed.ok && analyzeGraph(parsed.model.graph).issues.length === 0).toBe(false);
  });
});
