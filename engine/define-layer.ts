// The shape of a layer definition. Every layer type is one `defineLayer({...})` in engine/layers/;
// the palette, inspector, compiler, native plan and exporters all read it.
import type { LayerFormats } from './layer-formats';
import type { InitializerName, ParamSpecs, ParamsOf } from './params';
import type { Shape } from './shape';

export const CATEGORIES = [
  'Core',
  'Convolution',
  'Pooling',
  'Normalization',
  'Regularization',
  'Merge',
  'Activation',
  'Augmentation',
] as const;
export type LayerCategory = (typeof CATEGORIES)[number];

/** One weight tensor in Keras layout (Dense kernel (in, out), Conv2D kernel HWIO). */
export interface WeightSpec {
  readonly name: string;
  readonly shape: Shape;
  readonly trainable: boolean;
  readonly initializer: InitializerName;
}

export interface LayerDefinition<S extends ParamSpecs = ParamSpecs, T extends string = string> {
  /** The Keras class name. */
  readonly type: T;
  readonly category: LayerCategory;
  /** One line for the palette and tooltips. */
  readonly doc: string;
  readonly params: S;
  /** How many incoming edges the layer takes. */
  readonly inputs: { readonly min: number; readonly max: number };
  /** Output shape from input shapes; throws LayerShapeError for a user mistake. */
  outputShape(inputs: readonly Shape[], params: ParamsOf<S>): Shape;
  /** Weights in creation order (Keras order); absent for layers without weights. */
  weights?(inputs: readonly Shape[], params: ParamsOf<S>): WeightSpec[];
  /** How every format writes the layer, typed by its params (engine/layer-formats.ts). */
  readonly formats: LayerFormats<ParamsOf<S>>;
  /** The activation the layer's output ends in, for the health rules (dead units, saturation), when it is
   *  the layer itself (ReLU, Softmax); by default its `activation` param, if it has one. */
  appliedActivation?(params: ParamsOf<S>): string | null;
}

/** Params after validation and defaults, for code that handles any layer type. */
export type ResolvedParams = Readonly<Record<string, unknown>>;

export type AnyLayerDefinition<T extends string = string> = Omit<
  LayerDefinition<ParamSpecs, T>,
  'formats'
> & {
  outputShape(inputs: readonly Shape[], params: ResolvedParams): Shape;
  weights?(inputs: readonly Shape[], params: ResolvedParams): WeightSpec[];
  readonly formats: LayerFormats;
  appliedActivation?(params: ResolvedParams): string | null;
};

/** A layer home's definition; its type stays a literal so the registry can derive the LayerType union. */
export function defineLayer<S extends ParamSpecs, const T extends string>(
  definition: LayerDefinition<S, T>,
): AnyLayerDefinition<T> {
  return definition as unknown as AnyLayerDefinition<T>;
}
