// Frozen layers (trainable = False) survive every export: the TF.js model.json and the Keras script carry
// trainable false (and tf.loadLayersModel and our importer read it back), the PyTorch script freezes the
// module's parameters, and the ONNX file names the frozen layers in its metadata_props.
import * as ort from 'onnxruntime-node';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { randomFloats } from '../../worker-native/test-support/models';
import { compileGraph } from '../compile';
import type { Graph } from '../graph';
import type { ModelFile } from '../model-file';
import { chain } from '../testing/graphs';
import { exportOnnx, ONNX_FROZEN_KEY } from './onnx';
import { all, messages, readMessage, text } from './onnx/protobuf-reader.test-support';
import { exportKeras, exportPytorch } from './python';
import { exportTfjs, importTfjs } from './tfjs';
import { encodeWeights } from './weights';

/** n1 conv2d (frozen), n2 batch_normalization (frozen), n3 flatten (frozen, no weights), n4 dense. */
const frozenGraph: Graph = (() => {
  const g = chain(
    [6, 6, 1],
    ['Conv2D', { filters: 2, kernel_size: 3 }],
    ['BatchNormalization'],
    ['Flatten'],
    ['Dense', { units: 3, activation: 'softmax' }],
  );
  const frozen = new Set(['n1', 'n2', 'n3']);
  return { ...g, nodes: g.nodes.map((n) => (frozen.has(n.id) ? { ...n, trainable: false } : n)) };
})();

function withWeights(graph: Graph): ModelFile {
  const compiled = compileGraph(graph);
  if (!compiled.ok) throw new Error('the graph does not compile');
  const weights = compiled.plan.nodes.flatMap((n) => n.weights);
  const values = new Map(weights.map((w, i) => [w.name, randomFloats(w.size, i + 1, 0.1, 1)]));
  return {
    format: 'layerwise-model',
    version: 2,
    name: 'frozen',
    graph,
    weights: encodeWeights(compiled.plan, values),
  };
}

const model = withWeights(frozenGraph);

function files(result: ReturnType<typeof exportTfjs>) {
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.value;
}

describe('exports of frozen layers', () => {
  it('TF.js: model.json says trainable false; tfjs and our importer read it back', async () => {
    const [json, bin] = files(exportTfjs(model));
    const modelJson = JSON.parse(json?.data as string);
    const layers = modelJson.modelTopology.model_config.config.layers as {
      name: string;
      config: { trainable?: boolean };
    }[];
    expect(layers.map((l) => [l.name, l.config.trainable])).toEqual([
      ['input_layer', undefined],
      ['conv2d', false],
      ['batch_normalization', false],
      ['flatten', false],
      ['dense', true],
    ]);
    const bytes = bin?.data as Uint8Array;
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: bytes.slice().buffer,
      }),
    );
    // tfjs' InputLayer is never trainable.
    expect(loaded.layers.slice(1).map((l) => l.trainable)).toEqual([false, false, false, true]);
    expect(loaded.trainableWeights.map((w) => w.originalName)).toEqual(['dense/kernel', 'dense/bias']);
    loaded.dispose();
    const imported = importTfjs(modelJson, { [bin?.name as string]: bytes });
    if (!imported.ok) throw new Error(imported.issues.map((i) => i.message).join('\n'));
    expect(imported.value.graph.nodes.map((n) => [n.name, n.trainable])).toEqual([
      ['input_layer', undefined],
      ['conv2d', false],
      ['batch_normalization', false],
      ['flatten', false],
      ['dense', undefined],
    ]);
  });

  it('Keras script: the frozen layers are built with trainable=False', () => {
    const [script] = files(exportKeras(model));
    const source = script?.data as string;
    const call = (name: string) => source.split('\n').find((l) => l.includes(`name="${name}"`)) ?? '';
    expect(call('conv2d')).toContain('trainable=False');
    expect(call('batch_normalization')).toContain('trainable=False');
    expect(call('dense')).not.toContain('trainable');
  });

  it('PyTorch script: frozen modules lose requires_grad and stay in eval mode', () => {
    const [script] = files(exportPytorch(model));
    const source = script?.data as string;
    expect(source).toContain('self.conv2d.requires_grad_(False).eval()');
    expect(source).toContain('self.batch_normalization.requires_grad_(False).eval()');
    expect(source).not.toContain('self.dense.requires_grad_(False)');
    expect(source).toMatch(/def train\(self, mode=True\):[^]*self\.conv2d\.eval\(\)/);
  });

  it('ONNX: metadata_props name the frozen layers with weights; a model without any has none', async () => {
    const onnx = files(exportOnnx(model))[0]?.data as Uint8Array;
    const props = messages(readMessage(onnx), 14).map((p) => [text(all(p, 1)[0]), text(all(p, 2)[0])]);
    expect(props).toEqual([[ONNX_FROZEN_KEY, 'conv2d,batch_normalization']]);
    const session = await ort.InferenceSession.create(onnx);
    await session.release();
    const unfrozen = withWeights({
      ...frozenGraph,
      nodes: frozenGraph.nodes.map(({ trainable: _, ...n }) => n),
    });
    expect(messages(readMessage(files(exportOnnx(unfrozen))[0]?.data as Uint8Array), 14)).toEqual([]);
  });
});
