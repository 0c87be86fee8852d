// The nn.Module of a compiled plan: one attribute per layer that holds weights or state, and a forward
// that walks the plan in topological order (branches, Add and Concatenate included), plus the table
// that maps each of our weight tensors to its PyTorch parameter.
import type { ExecutionPlan, PlanNode } from '../../compile';
import type { ActivationName } from '../../params';
import { getLayer } from '../../registry';
import { formatDims } from '../../shape';
import { pyIdentifier, pyLiteral } from './python-literal';
import { TORCH_LAYERS } from '../layer-tables';
import { isImage, TORCH_ACTIVATIONS, type TorchLayer } from './torch-layers';

// nn.Module's own members: a layer named like one of them must not overwrite it.
const MODULE_MEMBERS = (
  'T_destination add_module apply bfloat16 buffers children compile cpu cuda double dump_patches eval ' +
  'extra_repr float forward get_buffer get_extra_state get_parameter get_submodule half ipu ' +
  'load_state_dict modules mtia named_buffers named_children named_modules named_parameters parameters ' +
  'register_backward_hook register_buffer register_forward_hook register_forward_pre_hook ' +
  'register_full_backward_hook register_full_backward_pre_hook register_load_state_dict_post_hook ' +
  'register_load_state_dict_pre_hook register_module register_parameter register_state_dict_pre_hook ' +
  'requires_grad_ set_extra_state set_submodule share_memory state_dict to to_empty train training type ' +
  'xpu zero_grad call_super_init'
).split(' ');

export interface TorchModule {
  /** The class definition `class Net(nn.Module): ...`. */
  readonly source: string;
  /** Python list of (our name, state_dict key, layout, initializer, fan_in, fan_out), in plan order. */
  readonly weightMap: string;
  /** [state_dict key, l1, l2] of every kernel: the global L2 applies to each, plus the layer's own factors. */
  readonly kernels: readonly (readonly [string, number, number])[];
}

const layerOf = (node: PlanNode): TorchLayer => {
  const layer = TORCH_LAYERS[node.type];
  if (layer === undefined) throw new Error(`no PyTorch mapping for layer type ${node.type}`);
  return layer;
};

export function torchModule(plan: ExecutionPlan, modelName: string): TorchModule {
  const attrs = new Set(MODULE_MEMBERS);
  const locals = new Set(['inputs', 'logits', 'z']);
  const init: string[] = [];
  const forward: string[] = [];
  const weightRows: string[] = [];
  const names: string[] = [];
  const kernels: [string, number, number][] = [];
  const frozen: string[] = [];

  for (const node of plan.nodes) {
    const layer = layerOf(node);
    const attr = layer.module === undefined ? '' : pyIdentifier(node.name, attrs);
    if (layer.module !== undefined) {
      init.push(`self.${attr} = ${layer.module(node)}`, ...(layer.setup?.(node, attr) ?? []));
      if (!node.trainable && node.weights.length > 0) {
        init.push(`self.${attr}.requires_grad_(False).eval()  # frozen (Keras trainable=False)`);
        frozen.push(attr);
      }
    }
    for (const w of node.weights) {
      const [param, layout] = layer.weights?.[w.name.slice(node.name.length + 1)] ?? [];
      if (param === undefined) throw new Error(`no PyTorch parameter for weight ${w.name}`);
      const row = [w.name, `${attr}.${param}`, layout, w.initializer, w.fanIn, w.fanOut];
      weightRows.push(`    ${pyLiteral(row, true)},`);
      // Keras 3 regularises trainable weights only: a frozen kernel adds nothing to the loss.
      if (w.name.endsWith('/kernel') && node.trainable) {
        const own = getLayer(node.type)?.formats.native(node) ?? {};
        const factor = (key: string) => (typeof own[key] === 'number' ? own[key] : 0);
        kernels.push([`${attr}.${param}`, factor('kernel_l1'), factor('kernel_l2')]);
      }
    }
    const inputs = node.inputs.map((i) => names[i] ?? 'inputs');
    const pre = layer.forward(node, node.type === 'InputLayer' ? ['inputs'] : inputs, `self.${attr}`);
    const act = (
      typeof node.params.activation === 'string' ? node.params.activation : 'linear'
    ) as ActivationName;
    const apply = (x: string) => TORCH_ACTIVATIONS[act](x, isImage(node.outputShape) ? 1 : -1);
    const note = `  # ${node.name} ${node.type} -> ${formatDims(node.outputShape)}`;
    if (node.index === plan.outputIndex) {
      // The loss works on the output layer's values before its softmax/sigmoid where it can (stable).
      forward.push(
        `z = ${pre}${note}`,
        act === 'linear' ? 'return z' : `return z if logits else ${apply('z')}`,
      );
    } else {
      const local = pyIdentifier(node.name, locals);
      names[node.index] = local;
      forward.push(`${local} = ${apply(pre)}${note}`);
    }
  }

  const batched = (shape: readonly number[]) => `(N, ${shape.join(', ')})`;
  const title = modelName.replace(/[^\w .-]/g, '_');
  const source = [
    'class Net(nn.Module):',
    `    """${title}, rebuilt from its Layerwise graph: ${batched(plan.inputShape)} in [0, 1] -> ${batched(plan.outputShape)}."""`,
    '',
    '    def __init__(self):',
    '        super().__init__()',
    ...(init.length > 0 ? init.map((l) => `        ${l}`) : ['        pass']),
    '',
    ...(frozen.length === 0
      ? []
      : [
          '    def train(self, mode=True):',
          '        """Frozen layers stay in eval mode, as in Keras: a frozen BatchNorm keeps its running statistics."""',
          '        super().train(mode)',
          ...frozen.map((attr) => `        self.${attr}.eval()`),
          '        return self',
          '',
        ]),
    '    def forward(self, inputs, logits=False):',
    '        """The outputs for channels-last inputs; logits=True skips the output activation (for the loss)."""',
    ...forward.map((l) => `        ${l}`),
  ].join('\n');
  return { source, weightMap: `WEIGHT_MAP = [\n${weightRows.join('\n')}\n]`, kernels };
}
