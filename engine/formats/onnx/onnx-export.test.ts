// The exported file itself: its ONNX fields decoded back, sidecar weights, and the refusals (no weights,
// misfit weights, a graph that does not compile) with issues naming what is wrong.
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { randomFloats } from '../../../worker-native/test-support/models';
import { compileGraph } from '../../compile';
import { LAYER_DEFINITIONS } from '../../layers';
import type { ModelFile } from '../../model-file';
import { ACTIVATIONS } from '../../params';
import { chain } from '../../testing/graphs';
import { exportLayerwiseJson } from '../layerwise-json';
import { encodeWeights } from '../weights';
import { exportOnnx, ONNX_LAYERS } from './index';
import { ONNX_ACTIVATIONS } from './onnx-activations';
import { all, messages, readMessage, text, type ProtoValue } from './protobuf-reader.test-support';

/** The MLP template named 'My MLP', with random weights. */
function mlpModel(): ModelFile {
  const template = JSON.parse(readFileSync('assets/templates/mnist-mlp.json', 'utf8')) as ModelFile;
  const compiled = compileGraph(template.graph);
  if (!compiled.ok) throw new Error('the MLP template does not compile');
  const weights = compiled.plan.nodes.flatMap((n) => n.weights);
  const values = new Map(weights.map((w, i) => [w.name, randomFloats(w.size, i + 1)]));
  return { ...template, name: 'My MLP', weights: encodeWeights(compiled.plan, values) };
}

/** A ValueInfoProto's dimensions: dim_param names or dim_value sizes. */
function dims(valueInfo: Map<number, ProtoValue[]>): unknown[] {
  const [type] = messages(valueInfo, 2);
  const [tensorType] = messages(type!, 1);
  const [shape] = messages(tensorType!, 2);
  return messages(shape!, 1).map((d) => (d.has(2) ? text(all(d, 2)[0]) : all(d, 1)[0]));
}

describe('exportOnnx', () => {
  const mlp = mlpModel();

  it('writes one <name>.onnx file that decodes to opset 13, input [N, 28, 28, 1] and output [N, 10]', async () => {
    const result = exportOnnx(mlp);
    expect(result.ok).toBe(true);
    const files = result.ok ? result.value : [];
    expect(files.map((f) => f.name)).toEqual(['My_MLP.onnx']);
    const bytes = files[0]?.data as Uint8Array;

    const model = readMessage(bytes);
    expect(all(model, 1)).toEqual([7]); // ir_version
    expect(text(all(model, 2)[0])).toBe('Layerwise'); // producer_name
    expect(messages(model, 8).map((opset) => [text(all(opset, 1)[0]), all(opset, 2)[0]])).toEqual([['', 13]]);
    const [g] = messages(model, 7);
    const [input] = messages(g!, 11);
    const [output] = messages(g!, 12);
    expect([text(all(input!, 1)[0]), dims(input!)]).toEqual(['input', ['N', 28, 28, 1]]);
    expect([text(all(output!, 1)[0]), dims(output!)]).toEqual(['probabilities', ['N', 10]]);
    const initializers = messages(g!, 5).map((t) => [text(all(t, 8)[0]), all(t, 1)]);
    expect(initializers).toEqual((mlp.weights?.tensors ?? []).map((t) => [t.name, t.shape]));

    const session = await ort.InferenceSession.create(bytes);
    expect([session.inputNames, session.outputNames]).toEqual([['input'], ['probabilities']]);
    await session.release();
  });

  it('reads weights from a sidecar file as well as inline', () => {
    const split = exportLayerwiseJson(mlp, { weights: 'sidecar' });
    if (!split.ok) throw new Error('sidecar export failed');
    const [json, bin] = split.value;
    const model = JSON.parse(json?.data as string) as ModelFile;
    const fromSidecar = exportOnnx(model, { sidecar: bin?.data as Uint8Array });
    const inline = exportOnnx(mlp);
    expect(fromSidecar.ok && inline.ok && fromSidecar.value[0]?.data).toEqual(
      inline.ok && inline.value[0]?.data,
    );
  });

  it('refuses a model without weights, saying to train it or export architecture-only JSON', () => {
    const { weights: _none, ...untrained } = mlp;
    expect(exportOnnx(untrained)).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({
          code: 'E_WEIGHTS',
          message: expect.stringMatching(
            /no weights: train it first \(ONNX needs them\).*architecture alone/,
          ),
        }),
      ],
    });
  });

  it('refuses weights that do not fit, naming the tensor and its layer', () => {
    const weights = mlp.weights!;
    const broken = {
      ...mlp,
      weights: {
        ...weights,
        tensors: weights.tensors.map((t, i) => (i === 0 ? { ...t, shape: [1, 2] } : t)),
      },
    };
    const result = exportOnnx(broken);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues).toEqual([
      expect.objectContaining({
        code: 'E_WEIGHTS',
        message: expect.stringContaining(weights.tensors[0]!.name),
        where: expect.objectContaining({ nodeId: expect.any(String) }),
      }),
    ]);
  });

  it('refuses a graph that does not compile, with the compiler’s issues', () => {
    const g = chain([784], ['Conv2D']);
    const result = exportOnnx({ ...mlp, graph: g });
    expect(result.ok ? [] : result.issues.map((i) => [i.code, i.where.nodeId])).toEqual([['E_RANK', 'n1']]);
  });

  it('maps every layer type of the registry and every activation', () => {
    expect(LAYER_DEFINITIONS.map((d) => d.type).filter((type) => !Object.hasOwn(ONNX_LAYERS, type))).toEqual(
      [],
    );
    expect(ACTIVATIONS.filter((a) => !Object.hasOwn(ONNX_ACTIVATIONS, a))).toEqual([]);
  });
});
