// ONNX export: one self-contained .onnx file (opset 13, weights embedded as initializers) taking images
// in the app's shape, channels-last and scaled to [0, 1], and returning class probabilities.
// README.md beside this file documents the conventions.
import { issue } from '../../issues';
import type { ModelFile } from '../../model-file';
import { exportFileNames, fileBase } from '../file-names';
import type { ExportedFile, FormatResult } from '../types';
import { trainedPlan } from '../weights';
import { INPUT_NAME, OnnxContext, OUTPUT_NAME } from './onnx-context';
import { ONNX_LAYERS } from '../layer-tables';
import { encodeOnnxModel } from './onnx-proto';

export { ONNX_LAYERS } from '../layer-tables';

const BATCH = 'N';
/** The metadata_props key listing the frozen layers (trainable = False), comma-separated. */
export const ONNX_FROZEN_KEY = 'layerwise.frozen';

export function exportOnnx(
  model: ModelFile,
  options: { sidecar?: Uint8Array } = {},
): FormatResult<ExportedFile[]> {
  const trained = trainedPlan(model, options.sidecar, 'ONNX');
  if (!trained.ok) return trained;
  const { plan, tensors } = trained.value;
  const unmapped = plan.nodes.filter((n) => !Object.hasOwn(ONNX_LAYERS, n.type));
  if (unmapped.length > 0)
    return {
      ok: false,
      issues: unmapped.map((n) =>
        issue('E_UNKNOWN_TYPE', `${n.name}: ONNX export does not support ${n.type} layers yet`, {
          nodeId: n.id,
        }),
      ),
    };
  const ctx = new OnnxContext(plan, tensors);
  for (const node of plan.nodes)
    ctx.setOutput(node, (ONNX_LAYERS[node.type] as (typeof ONNX_LAYERS)[string])(ctx, node));
  const last = plan.nodes[plan.outputIndex];
  if (last === undefined) throw new Error('the plan has no output node');
  // The output leaves in Keras' order whatever layout the last layer computed in.
  const result = ctx.inLayout(ctx.outputOf(last), 'channels_last');
  ctx.nodes.push({ opType: 'Identity', name: OUTPUT_NAME, inputs: [result.name], outputs: [OUTPUT_NAME] });

  // ONNX has no trainable flag: frozen layers are named in the metadata, for whoever fine-tunes the file.
  const frozen = plan.nodes.filter((n) => !n.trainable && n.weights.length > 0).map((n) => n.name);
  const bytes = encodeOnnxModel({
    ...(frozen.length > 0 ? { metadata: { [ONNX_FROZEN_KEY]: frozen.join(',') } } : {}),
    docString: `${model.name}: exported by Layerwise. Input '${INPUT_NAME}' [N, ${plan.inputShape.join(', ')}] float32 channels-last, images scaled to [0, 1]; output '${OUTPUT_NAME}' [N, ${plan.outputShape.join(', ')}].`,
    graph: {
      name: fileBase(model.name),
      nodes: ctx.nodes,
      initializers: ctx.initializers,
      inputs: [{ name: INPUT_NAME, dims: [BATCH, ...plan.inputShape] }],
      outputs: [{ name: OUTPUT_NAME, dims: [BATCH, ...plan.outputShape] }],
    },
  });
  return { ok: true, value: [{ name: exportFileNames(model.name).onnx, data: bytes }] };
}
