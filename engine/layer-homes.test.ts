// One home per layer: every format's table covers exactly the registry's types, and no code outside
// engine/layers dispatches on a layer type or casts a layer's params (that knowledge lives in the homes).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERAS_LAYERS, KERAS_SCRIPT_LAYERS, ONNX_LAYERS, TORCH_LAYERS } from './formats/layer-tables';
import { LAYER_DEFINITIONS } from './layers';

const ROOT = join(import.meta.dirname, '..');
const SOURCE_DIRS = ['engine', 'electron', 'worker-native', 'renderer/src'];
const HOMES = 'engine/layers/';

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'build', 'testing'].includes(entry.name) ? [] : sources(path);
    const isTest = /\.test(-support)?\.tsx?$|\.test\.tsx?$/.test(entry.name) || path.includes('test-support');
    return /\.tsx?$/.test(entry.name) && !isTest ? [path] : [];
  });
}

const types = LAYER_DEFINITIONS.map((d) => d.type);
// InputLayer is the graph's entry, a role every model has once, not a layer's behaviour.
const dispatched = types.filter((t) => t !== 'InputLayer').join('|');
const RULES: readonly (readonly [string, RegExp])[] = [
  ['a cast of a layer param', /\bparams(\.\w+|\[['"]\w+['"]\])\s+as\s/],
  [
    'a dispatch on a layer type',
    new RegExp(`(case|===|!==)\\s*'(${dispatched})'|'(${dispatched})'\\s*(===|!==)`),
  ],
];

describe('layer homes', () => {
  it.each([
    ['Keras (TF.js)', KERAS_LAYERS],
    ['Keras script', KERAS_SCRIPT_LAYERS],
    ['ONNX', ONNX_LAYERS],
    ['PyTorch', TORCH_LAYERS],
  ])('the %s table has exactly the registry types', (_format, table) => {
    expect(Object.keys(table)).toEqual(types);
  });

  it('no code outside engine/layers casts layer params or dispatches on a layer type', () => {
    const found: string[] = [];
    for (const file of SOURCE_DIRS.flatMap(sources)) {
      const path = relative(ROOT, join(ROOT, file)).replaceAll('\\', '/');
      if (path.startsWith(HOMES)) continue;
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const [what, rule] of RULES)
            if (rule.test(line)) found.push(`${path}:${i + 1}: ${what}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('the rules catch what they are for', () => {
    const [cast, dispatch] = RULES.map(([, rule]) => rule) as [RegExp, RegExp];
    expect(cast.test('const units = node.params.units as number;')).toBe(true);
    expect(dispatch.test("if (node.type === 'Conv2D') return;")).toBe(true);
    expect(dispatch.test("    case 'Dense':")).toBe(true);
    expect(dispatch.test("node.type === 'InputLayer'")).toBe(false);
  });
});
