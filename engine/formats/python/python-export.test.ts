// The PyTorch and Keras scripts: every layer type mapped, the scripts compile as Python, their layers
// read as a person would write them, and bad models are refused with issues instead of a script.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYER_DEFINITIONS } from '../../layers';
import { ACTIVATIONS } from '../../params';
import { readModel, type ModelFile } from '../../model-file';
import type { Graph } from '../../graph';
import { chain, graph } from '../../testing/graphs';
import { exportKeras, exportPytorch } from '.';
import { KERAS_SCRIPT_LAYERS, TORCH_LAYERS } from '../layer-tables';
import { TORCH_ACTIVATIONS } from './torch-layers';

const template = (name: string): ModelFile => {
  const loaded = readModel(JSON.parse(readFileSync(`assets/templates/${name}.json`, 'utf8')));
  if (!loaded.ok) throw new Error(`template ${name} does not load`);
  return loaded.model;
};
const modelOf = (g: Graph, name = 'test', training?: Record<string, unknown>): ModelFile => ({
  format: 'layerwise-model',
  version: 2,
  name,
  graph: g,
  ...(training === undefined ? {} : { training }),
});
const script = (result: ReturnType<typeof exportPytorch>): string => {
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return String(result.value[0]?.data);
};

describe('layer tables', () => {
  it.each(LAYER_DEFINITIONS.map((d) => d.type))('%s has a PyTorch and a Keras mapping', (type) => {
    expect(TORCH_LAYERS[type]).toBeDefined();
    expect(KERAS_SCRIPT_LAYERS[type]).toBeDefined();
  });
  it('every activation has a PyTorch form', () => {
    expect(Object.keys(TORCH_ACTIVATIONS).sort()).toEqual([...ACTIVATIONS].sort());
  });
});

// An odd model name and layer names that clash with Python and nn.Module: the scripts must still work.
const awkward = modelOf(
  graph(
    [
      ['in', 'InputLayer', { shape: [28, 28, 1] }],
      ['a', 'Conv2D', { filters: 4, strides: 2, padding: 'same', activation: 'gelu' }],
      ['b', 'BatchNormalization', { scale: false }],
      ['c', 'MaxPooling2D', { pool_size: 3, strides: 2, padding: 'same' }],
      ['d', 'AveragePooling2D', { pool_size: 3, strides: 2, padding: 'same' }],
      ['e', 'Concatenate', { axis: 1 }],
      ['f', 'Dense', { units: 3 }],
      ['g', 'Reshape', { target_shape: [-1, 6] }],
      ['h', 'Flatten'],
      ['out', 'Dense', { units: 10, activation: 'softmax' }],
    ],
    ['in->a', 'a->b', 'b->c', 'b->d', 'c->e', 'd->e', 'e->f', 'f->g', 'g->h', 'h->out'],
  ),
  'My "model"\n""" \\',
);
const names = ['forward', 'training', '1st.layer', 'x', 'class', '_parameters', 'in-put', 'z', 'self', 'F'];
const renamed = {
  ...awkward,
  graph: { ...awkward.graph, nodes: awkward.graph.nodes.map((n, i) => ({ ...n, name: names[i] })) },
};

describe('generated scripts', () => {
  const models = {
    mlp: template('mnist-mlp'),
    cnn: template('mnist-cnn'),
    lenet: template('lenet5'),
    renamed,
  };
  it.each(Object.entries(models))('%s: both scripts compile with python3 -m py_compile', (_name, model) => {
    const dir = mkdtempSync(join(tmpdir(), 'layerwise-py-'));
    for (const result of [exportPytorch(model), exportKeras(model)]) {
      const file = join(dir, result.ok ? (result.value[0]?.name ?? 'x.py') : 'x.py');
      writeFileSync(file, script(result));
      const run = spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' });
      expect(run.stderr, file).toBe('');
      expect(run.status).toBe(0);
    }
  });

  it.each([
    ['cnn', 'pytorch', 'nn.Conv2d(1, 32, kernel_size=(3, 3))'],
    ['cnn', 'pytorch', 'self.max_pooling2d = nn.MaxPool2d(kernel_size=(2, 2))'],
    ['cnn', 'pytorch', 'flatten = torch.flatten(conv2d_2.permute(0, 2, 3, 1), 1)'],
    ['cnn', 'pytorch', 'self.dense = nn.Linear(576, 64)'],
    ['cnn', 'pytorch', 'return z if logits else torch.softmax(z, dim=-1)'],
    ['cnn', 'pytorch', '("conv2d/kernel", "conv2d.weight", "conv_kernel", "glorot_uniform", 9, 288)'],
    ['lenet', 'pytorch', 'nn.Conv2d(1, 6, kernel_size=(5, 5), padding=(2, 2))'],
    ['lenet', 'pytorch', 'nn.AvgPool2d(kernel_size=(2, 2))'],
    ['lenet', 'pytorch', 'torch.tanh(self.dense(flatten))'],
    ['renamed', 'pytorch', 'self.training_1 = nn.Conv2d(1, 4, kernel_size=(3, 3), stride=(2, 2))'],
    ['renamed', 'pytorch', 'training = F.gelu(self.training_1(F.pad(forward, (0, 1, 0, 1))))'],
    ['renamed', 'pytorch', 'nn.BatchNorm2d(4, eps=0.001, momentum=0.01)'],
    ['renamed', 'pytorch', 'nn.init.ones_(self.layer_1st_layer.weight)'],
    ['renamed', 'pytorch', "self.x_layer(F.pad(layer_1st_layer, (0, 1, 0, 1), value=float('-inf')))"],
    ['renamed', 'pytorch', 'average_pool_same(self.class_layer, layer_1st_layer, (0, 1, 0, 1))'],
    ['renamed', 'pytorch', 'layer__parameters = torch.cat([x_layer, class_layer], dim=2)'],
    ['renamed', 'pytorch', 'self.in_put(layer__parameters.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)'],
    ['renamed', 'pytorch', 'z_1 = in_put.permute(0, 2, 3, 1).reshape(-1, 49, 6)'],
    ['renamed', 'pytorch', 'z = self.F_layer(self_layer)'],
    [
      'cnn',
      'keras',
      'layers.Conv2D(32, (3, 3), activation="relu", kernel_regularizer=regularizer, name="conv2d")',
    ],
    ['cnn', 'keras', 'flatten = layers.Flatten(name="flatten")(conv2d_2)'],
    ['lenet', 'keras', 'layers.Conv2D(6, (5, 5), padding="same", activation="tanh"'],
    ['renamed', 'keras', 'layers.Concatenate(axis=1, name="_parameters")([x_layer, class_layer])'],
    ['renamed', 'keras', 'layers.BatchNormalization(scale=False, name="1st.layer")(training)'],
    ['renamed', 'keras', 'layers.Reshape((-1, 6), name="z")(in_put)'],
  ] as const)('%s %s script contains %s', (model, format, text) => {
    const exporter = format === 'pytorch' ? exportPytorch : exportKeras;
    expect(script(exporter(models[model]))).toContain(text);
  });

  it('names files after the model and writes the training settings with Keras defaults', () => {
    const result = exportPytorch(modelOf(chain([4], ['Dense', { units: 2 }]), 'My net', { epochs: 3 }));
    expect(result.ok && result.value.map((f) => f.name)).toEqual(['My_net_pytorch.py']);
    const text = script(result);
    expect(text).toContain('"epochs": 3,');
    expect(text).toContain(
      '"optimizer": {"type": "adam", "learning_rate": 0.001, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7}',
    );
    expect(exportKeras(modelOf(chain([4], ['Dense']), 'My net')).ok).toBe(true);
  });
});

describe('bad models', () => {
  it.each([
    [
      'an unknown layer',
      modelOf(chain([4], ['Dense2'])),
      { code: 'E_UNKNOWN_TYPE', where: { nodeId: 'n1' } },
    ],
    [
      'a bad parameter',
      modelOf(chain([4], ['Dense', { units: 0 }])),
      { code: 'E_PARAM', where: { nodeId: 'n1', field: 'units' } },
    ],
    [
      'a bad optimizer',
      modelOf(chain([4], ['Dense']), 'm', { optimizer: { type: 'adam', beta_1: 2 } }),
      { code: 'E_SCHEMA', where: { field: 'training.optimizer.beta_1' } },
    ],
    [
      'an unknown setting',
      modelOf(chain([4], ['Dense']), 'm', { epoch: 3 }),
      { code: 'E_SCHEMA', where: { field: 'training' } },
    ],
  ])('%s is an issue naming its place, and no script', (_name, model, expected) => {
    for (const result of [exportPytorch(model), exportKeras(model)]) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues[0]).toMatchObject(expected);
    }
  });
});
