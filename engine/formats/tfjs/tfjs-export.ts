// TensorFlow.js Layers export: <name>.tfjs.json (what tfjs calls model.json: a Keras Functional topology
// and a weights manifest) and one .bin of little-endian float32 values in manifest order, as
// tf.loadLayersModel and tensorflowjs_converter read.
import type { ExecutionPlan } from '../../compile';
import { issue } from '../../issues';
import type { ModelFile } from '../../model-file';
import { exportFileNames, fileBase, withContentHash } from '../file-names';
import type { ExportedFile, FormatResult } from '../types';
import { float32Bytes, trainedPlan } from '../weights';
import { KERAS_LAYERS } from '../layer-tables';
import { kerasLayerConfig } from './keras-layers';
import { leakyReluLayerConfig, splitLeakyReluName } from './tfjs-leaky-relu';

/** The Keras that the configs follow: tf.keras 2 reads them, Keras 3 through its legacy loader. */
const KERAS_VERSION = '2.15.0';

export interface TopologyLayer {
  readonly class_name: string;
  readonly config: Record<string, unknown>;
  readonly name: string;
  readonly inbound_nodes: [string, number, number, Record<string, never>][][];
}

const inbound = (names: readonly string[]): TopologyLayer['inbound_nodes'] =>
  names.length === 0 ? [] : [names.map((name) => [name, 0, 0, {}])];

/**
 * The plan as tfjs layers. tfjs has no leaky_relu activation, so a layer with activation leaky_relu
 * becomes the linear layer followed by a LeakyReLU named `<layer>_leaky_relu` (import folds it back).
 * Training-only layers (augmentation), which tfjs lacks, are left out: inference passes through them.
 */
export function tfjsLayers(plan: ExecutionPlan): { layers: TopologyLayer[]; outputOf: string[] } {
  const taken = new Set(plan.nodes.map((n) => n.name));
  const outputOf: string[] = [];
  const layers: TopologyLayer[] = [];
  for (const node of plan.nodes) {
    const inputs = node.inputs.map((i) => outputOf[i] as string);
    if (KERAS_LAYERS[node.type]?.trainingOnly) {
      outputOf.push(inputs[0] as string);
      continue;
    }
    const { className, config } = kerasLayerConfig(node);
    if (node.params.activation === 'leaky_relu') {
      layers.push(layer(className, { ...config, activation: 'linear' }, inputs));
      const extra = splitLeakyReluName(node.name, taken);
      layers.push(layer('LeakyReLU', leakyReluLayerConfig(extra), [node.name]));
    } else {
      layers.push(layer(className, config, inputs));
    }
    outputOf.push((layers.at(-1) as TopologyLayer).name);
  }
  return { layers, outputOf };
}

function layer(className: string, config: Record<string, unknown>, inputs: readonly string[]): TopologyLayer {
  const name = config.name as string;
  return { class_name: className, config, name, inbound_nodes: inbound(inputs) };
}

/** The model.json content for a plan, naming `binName` as its one weights file. */
export function tfjsModelJson(plan: ExecutionPlan, modelName: string, binName: string) {
  const { layers, outputOf } = tfjsLayers(plan);
  return {
    format: 'layers-model',
    generatedBy: 'Layerwise',
    convertedBy: null,
    modelTopology: {
      keras_version: KERAS_VERSION,
      backend: 'tensorflow',
      model_config: {
        class_name: 'Functional',
        config: {
          name: modelName,
          layers,
          input_layers: [[plan.nodes[plan.inputIndex]?.name, 0, 0]],
          output_layers: [[outputOf[plan.outputIndex], 0, 0]],
        },
      },
    },
    weightsManifest: [
      {
        paths: [binName],
        weights: plan.nodes.flatMap((n) =>
          n.weights.map((w) => ({ name: w.name, shape: [...w.shape], dtype: 'float32' })),
        ),
      },
    ],
  };
}

export function exportTfjs(
  model: ModelFile,
  options: { sidecar?: Uint8Array } = {},
): FormatResult<ExportedFile[]> {
  const trained = trainedPlan(model, options.sidecar, 'TensorFlow.js');
  if (!trained.ok) return trained;
  const { plan, tensors } = trained.value;
  const refused = plan.nodes.flatMap((n) => {
    const why = KERAS_LAYERS[n.type]?.tfjsRefuses?.(n.params);
    return why === undefined
      ? []
      : [issue('E_PARAM', `${n.name}: ${why.message}`, { nodeId: n.id, field: why.field })];
  });
  if (refused.length > 0) return { ok: false, issues: refused };

  const names = exportFileNames(model.name);
  const bin = new Uint8Array(plan.totalParams * 4);
  let at = 0;
  for (const w of plan.nodes.flatMap((n) => n.weights)) {
    bin.set(float32Bytes(tensors.get(w.name)?.values ?? new Float32Array(w.size)), at);
    at += w.size * 4;
  }
  const binName = withContentHash(names.tfjsWeights, bin);
  const json = tfjsModelJson(plan, fileBase(model.name), binName);
  return {
    ok: true,
    value: [
      { name: names.tfjsModel, data: `${JSON.stringify(json, null, 1)}\n` },
      { name: binName, data: bin },
    ],
  };
}
