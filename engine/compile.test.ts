// The execution plan: order, shapes, weight slots in one flat buffer, and the templates' totals.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, computeFans, type ExecutionPlan } from './compile';
import { parseModelFile } from './model-file';
import { chain, graph } from './testing/graphs';

function template(name: string) {
  const loaded = parseModelFile(
    readFileSync(new URL(`../assets/templates/${name}.json`, import.meta.url), 'utf8'),
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.model;
}

function compiled(g: Parameters<typeof compileGraph>[0]): ExecutionPlan {
  const result = compileGraph(g);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.plan;
}

describe('compiler', () => {
  it('compiles the Keras MNIST CNN example to its shapes and 93,322 parameters', () => {
    const plan = compiled(template('mnist-cnn').graph);
    expect(plan.nodes.map((n) => n.outputShape)).toEqual([
      [28, 28, 1],
      [26, 26, 32],
      [13, 13, 32],
      [11, 11, 64],
      [5, 5, 64],
      [3, 3, 64],
      [576],
      [64],
      [10],
    ]);
    expect([plan.totalParams, plan.trainableParams, plan.nonTrainableParams]).toEqual([93_322, 93_322, 0]);
    expect(plan.inputShape).toEqual([28, 28, 1]);
    expect(plan.outputShape).toEqual([10]);
  });

  it.each([
    ['mnist-mlp', 101_770, [10]],
    ['lenet5', 61_706, [10]],
  ])('compiles the %s template (%i parameters)', (name, total, output) => {
    const plan = compiled(template(name).graph);
    expect(plan.totalParams).toBe(total);
    expect(plan.outputShape).toEqual(output);
  });

  it('lays trainable weights out first and contiguously, then the non-trainable ones', () => {
    const plan = compiled(
      chain([4], ['Dense', { units: 3 }], ['BatchNormalization'], ['Dense', { units: 2 }]),
    );
    const slots = plan.nodes.flatMap((n) => n.weights.map((w) => [w.name, w.offset, w.size, w.trainable]));
    expect(slots).toEqual([
      ['dense/kernel', 0, 12, true],
      ['dense/bias', 12, 3, true],
      ['batch_normalization/gamma', 15, 3, true],
      ['batch_normalization/beta', 18, 3, true],
      ['batch_normalization/moving_mean', 29, 3, false],
      ['batch_normalization/moving_variance', 32, 3, false],
      ['dense_1/kernel', 21, 6, true],
      ['dense_1/bias', 27, 2, true],
    ]);
    expect([plan.trainableParams, plan.nonTrainableParams, plan.totalParams]).toEqual([29, 6, 35]);
  });

  it('links inputs by plan index in edge order and survives a structured clone', () => {
    const g = graph(
      [
        ['m', 'Concatenate'],
        ['in', 'InputLayer', { shape: [2, 2, 1] }],
        ['b', 'Conv2D', { filters: 2, kernel_size: 1 }],
        ['a', 'Conv2D', { filters: 3, kernel_size: 1 }],
      ],
      ['in->a', 'in->b', 'b->m', 'a->m'],
    );
    const plan = compiled(g);
    const index = (id: string) => plan.nodes.findIndex((n) => n.id === id);
    expect(plan.nodes[index('m')]?.inputs).toEqual([index('b'), index('a')]);
    expect(plan.nodes[index('m')]?.outputShape).toEqual([2, 2, 5]);
    expect(plan.nodes.every((n) => n.inputs.every((i) => i < n.index))).toBe(true);
    expect(structuredClone(plan)).toEqual(plan);
  });

  it('returns the issues instead of a plan for an invalid graph', () => {
    const result = compileGraph(chain([28, 28, 1], ['Flatten'], ['Conv2D']));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.code)).toEqual(['E_RANK']);
  });

  it.each([
    [[10], 10, 10],
    [[784, 128], 784, 128],
    [[3, 3, 32, 64], 288, 576],
    [[5, 3, 1, 8], 15, 120],
  ])('computes Keras fans of %j', (shape, fanIn, fanOut) => {
    expect(computeFans(shape)).toEqual({ fanIn, fanOut });
  });

  it('gives every weight its fans and initializer', () => {
    const plan = compiled(chain([28, 28, 1], ['Conv2D', { filters: 8, kernel_initializer: 'he_normal' }]));
    expect(plan.nodes[1]?.weights[0]).toMatchObject({
      name: 'conv2d/kernel',
      shape: [3, 3, 1, 8],
      initializer: 'he_normal',
      fanIn: 9,
      fanOut: 72,
    });
  });
});
