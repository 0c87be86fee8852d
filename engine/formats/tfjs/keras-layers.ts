// Every layer type as Keras writes it: class name, config from our params and our params from a config.
// TF.js export and import and the Keras script generator share this one table; params are Keras config
// keys already, so most entries copy values and add the settings Keras expects spelled out.
import type { LayerNode, PlanNode } from '../../compile';
import type { ResolvedParams } from '../../define-layer';
import { KERAS_LAYERS } from '../layer-tables';
import type { KerasConfig } from './keras-config';

export interface KerasLayerMapping<P = ResolvedParams> {
  readonly className: string;
  /**
   * The Keras config for our resolved params, without name, trainable and dtype; `node` is there when a
   * compiled graph is exported (its resolved shapes).
   */
  toKeras(params: P, node?: LayerNode<P>): Record<string, unknown>;
  /**
   * Our raw params from a Keras config; the registry checks their values when the graph compiles.
   * Throws UnsupportedConfig for settings Layerwise cannot compute.
   */
  fromKeras(config: KerasConfig): Record<string, unknown>;
  /**
   * Active only while training (the augmentation layers): tfjs-layers 4.22 has no such classes, so the
   * TF.js export leaves the layer out (the next layer reads its input, as inference does); import and
   * the Keras script still use the class.
   */
  readonly trainingOnly?: true;
  /** A config field naming an axis that must be the input's last one (BatchNormalization's axis). */
  readonly lastAxisField?: string;
  /** Params Keras runs but TensorFlow.js cannot (Conv1D's 'causal' padding): the field and why, so the
   *  TF.js export refuses the model instead of writing one tf.loadLayersModel fails on. */
  tfjsRefuses?(params: P): { field: string; message: string } | undefined;
}

/** A plan node as a Keras layer: `{className, config}` with the config's name, trainable and dtype. */
export function kerasLayerConfig(node: PlanNode): { className: string; config: Record<string, unknown> } {
  const mapping = KERAS_LAYERS[node.type];
  if (mapping === undefined) throw new Error(`no Keras mapping for layer type ${node.type}`);
  const common = node.type === 'InputLayer' ? {} : { trainable: node.trainable, dtype: 'float32' };
  return {
    className: mapping.className,
    config: { name: node.name, ...common, ...mapping.toKeras(node.params, node) },
  };
}
