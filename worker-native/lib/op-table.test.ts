// The addon's op table against the layer registry: every registry type has a C++ op and the core runs no
// type the registry lacks, and no code outside the ops knows a layer type. A spec the core cannot run
// (unknown type, a param missing or malformed) fails when the model is built, with an error naming the
// node, its type and the param.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAYER_DEFINITIONS } from '../../engine';
import { graph } from '../../engine/testing/graphs';
import { defaultTrainingConfig } from '../../engine/training-config';
import { compiledPlan } from '../test-support/models';
import { loadBinding } from './native-model';
import { nativeModelSpec, type NativeModelSpec } from './native-spec';

describe('the native op table', () => {
  it('has exactly the registry layer types, once each', () => {
    const ops = loadBinding().opTypes();
    expect(new Set(ops).size).toBe(ops.length);
    expect([...ops].sort()).toEqual(LAYER_DEFINITIONS.map((d) => d.type).sort());
  });

  it('is the only place outside addon/ops/ that names a layer type (no per-layer switch in the model)', () => {
    const addon = new URL('../addon/', import.meta.url);
    const files = readdirSync(addon).filter((f) => /\.(cc|h)$/.test(f) && f !== 'op_table.cc');
    const sources = [
      ...files.map((f) => [`addon/${f}`, readFileSync(new URL(f, addon), 'utf8')]),
      ...['native-spec.ts', 'native-model.ts'].map((f) => [
        `lib/${f}`,
        readFileSync(new URL(f, import.meta.url), 'utf8'),
      ]),
    ];
    expect(files).toContain('model.cc');
    const named = sources.flatMap(([file, text]) =>
      LAYER_DEFINITIONS.filter((d) => new RegExp(`["'\`]${d.type}["'\`]`).test(text ?? '')).map(
        (d) => `${file}: ${d.type}`,
      ),
    );
    expect(named).toEqual([]);
  });
});

describe('a spec the core cannot run', () => {
  // One node of most built-in types, wired so that every one of them runs.
  const plan = compiledPlan(
    graph(
      [
        ['in', 'InputLayer', { shape: [6, 6, 2] }],
        ['conv', 'Conv2D', { filters: 2, kernel_size: 3, padding: 'same', activation: 'relu' }],
        ['pool', 'MaxPooling2D'],
        ['avg', 'AveragePooling2D', { pool_size: 1 }],
        ['norm', 'BatchNormalization'],
        ['sum', 'Add'],
        ['cat', 'Concatenate'],
        ['drop', 'Dropout', { rate: 0.5 }],
        ['flat', 'Flatten'],
        ['out', 'Dense', { units: 3 }],
        ['act', 'Activation', { activation: 'softmax' }],
      ],
      [
        'in->conv',
        'conv->pool',
        'pool->avg',
        'avg->norm',
        'norm->sum',
        'pool->sum',
        'sum->cat',
        'pool->cat',
        'cat->drop',
        'drop->flat',
        'flat->out',
        'out->act',
      ],
    ),
  );
  const build = (edit: (spec: NativeModelSpec) => void) => () => {
    const spec = structuredClone(nativeModelSpec(plan, defaultTrainingConfig(), 1));
    edit(spec);
    new (loadBinding().Model)(spec).dispose();
  };
  const nodeOf = (spec: NativeModelSpec, type: string) => {
    const node = spec.nodes.find((n) => n.op === type);
    if (node === undefined) throw new Error(`no ${type} node in the test model`);
    return node;
  };
  const nameOf = (type: string) => plan.nodes.find((n) => n.type === type)?.name ?? '';

  it('builds when nothing is wrong (the cases below differ by one edit)', () => {
    expect(build(() => undefined)).not.toThrow();
  });

  it('names an unknown layer type', () => {
    expect(
      build((spec) => {
        nodeOf(spec, 'Dropout').op = 'NoSuchLayer';
      }),
    ).toThrow(`invalid model spec: ${nameOf('Dropout')} (NoSuchLayer): unknown layer type`);
  });

  it.each([
    ['Conv2D', 'strides'],
    ['Conv2D', 'kernel_size'],
    ['Conv2D', 'padding'],
    ['Conv2D', 'use_bias'],
    ['Dense', 'use_bias'],
    ['MaxPooling2D', 'pool_size'],
    ['AveragePooling2D', 'strides'],
    ['BatchNormalization', 'epsilon'],
    ['BatchNormalization', 'center'],
    ['Dropout', 'rate'],
    ['Concatenate', 'axis'],
  ])('names the node, %s and a missing param %s', (type, key) => {
    expect(
      build((spec) => {
        const params = { ...nodeOf(spec, type).params };
        delete params[key];
        nodeOf(spec, type).params = params;
      }),
    ).toThrow(`invalid model spec: ${nameOf(type)} (${type}): param '${key}' is missing`);
  });

  it.each([
    ['Conv2D', 'strides', [1], "param 'strides' must list 2 numbers, got 1"],
    ['Conv2D', 'padding', 'full', "param 'padding' must be 'same' or 'valid', got 'full'"],
    ['Dropout', 'rate', 'half', "param 'rate' must be a number"],
    ['Activation', 'activation', 'nope', "unknown activation 'nope'"],
    ['Concatenate', 'axis', 7, "param 'axis' (7) is out of range"],
  ])('names the node, %s and a malformed param %s', (type, key, value, message) => {
    expect(
      build((spec) => {
        nodeOf(spec, type).params = { ...nodeOf(spec, type).params, [key]: value };
      }),
    ).toThrow(`invalid model spec: ${nameOf(type)} (${type}): ${message}`);
  });
});
