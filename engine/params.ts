// Parameter specs: one small object per layer parameter. Each holds the default, the one-line doc, the
// control the inspector draws, and a zod schema whose errors are message ids (engine/messages.ts): the
// registry renders them with the layer, the field and the bounds from `ruleValues`. Layer definitions
// are built from these, so validation, the UI and the JSON Schema of the model file never disagree.
import { z } from 'zod';
import type { MessageId, MessageValues } from './messages';

export const ACTIVATIONS = [
  'linear',
  'relu',
  'sigmoid',
  'tanh',
  'softmax',
  'leaky_relu',
  'elu',
  'gelu',
  'swish',
] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export const INITIALIZERS = [
  'glorot_uniform',
  'glorot_normal',
  'he_normal',
  'he_uniform',
  'lecun_normal',
  'zeros',
  'ones',
] as const;
export type InitializerName = (typeof INITIALIZERS)[number];

export type Pair = readonly [number, number];
/** [[top, bottom], [left, right]]: what each side of an image gains or loses (ZeroPadding2D, Cropping2D). */
export type SidePairs = readonly [Pair, Pair];
/** A random augmentation's factor as Keras takes it: one number or a [lower, upper] pair (kept as given). */
export type Factor = number | readonly [number, number];

export type ParamControl =
  | { kind: 'int'; min: number; max: number; nullable?: boolean }
  | { kind: 'float'; min: number; max: number; maxExclusive: boolean; nullable?: boolean }
  | { kind: 'bool' }
  | { kind: 'choice'; options: readonly string[] }
  | { kind: 'pair'; min: number; max: number; nullable: boolean }
  | { kind: 'sides'; min: number; max: number }
  | { kind: 'dims'; min: number; maxRank: number; allowWildcard: boolean; nullable?: boolean }
  | { kind: 'regularizer' }
  | { kind: 'factor'; min: number; max: number; nullable: boolean; pairOnly?: boolean };

export interface ParamSpec<T> {
  readonly control: ParamControl;
  readonly default: T;
  readonly doc: string;
  /** Accepts what a user may write (e.g. 3 for [3, 3]) and outputs the normalised value. */
  readonly schema: z.ZodType<T>;
}

// Sizes beyond this are typos, not models: they would not fit in memory anyway.
export const MAX_DIM = 1 << 16;

function spec<T>(control: ParamControl, def: T, doc: string, schema: z.ZodType<T>): ParamSpec<T> {
  return { control, default: def, doc, schema: schema.meta({ description: doc }) as z.ZodType<T> };
}

/** The values a param rule's message needs besides {{layer}} and {{field}}. */
export function ruleValues(control: ParamControl): MessageValues {
  switch (control.kind) {
    case 'int':
    case 'float':
    case 'pair':
    case 'sides':
    case 'factor':
      return { min: control.min, max: control.max };
    case 'bool':
      return {};
    case 'choice':
      return { options: control.options.map((o) => `'${o}'`).join(', ') };
    case 'dims':
      return { maxRank: control.maxRank, max: MAX_DIM };
    case 'regularizer':
      return {};
  }
}

function boundedInt(min: number, max: number, range: MessageId = 'param.int') {
  return z
    .number({ error: range })
    .int({ error: range })
    .min(min, { error: range })
    .max(max, { error: range });
}

export function int(def: number, doc: string, min = 1, max = MAX_DIM): ParamSpec<number> {
  return spec({ kind: 'int', min, max }, def, doc, boundedInt(min, max));
}

/** A whole number or null (unset), like Keras' `seed=None`. */
export function optionalInt(doc: string, min = 0, max = 2 ** 31 - 1): ParamSpec<number | null> {
  const schema = boundedInt(min, max).nullable();
  return spec({ kind: 'int', min, max, nullable: true }, null, doc, schema as z.ZodType<number | null>);
}

/** A number in [min, max], or [min, max) when maxExclusive. */
export function float(
  def: number,
  doc: string,
  min: number,
  max: number,
  maxExclusive = false,
): ParamSpec<number> {
  const range: MessageId = maxExclusive ? 'param.floatExclusive' : 'param.float';
  const base = z.number({ error: range }).min(min, { error: range });
  const schema = maxExclusive ? base.lt(max, { error: range }) : base.max(max, { error: range });
  return spec({ kind: 'float', min, max, maxExclusive }, def, doc, schema);
}

/** A number in [min, max], or null for "none" (ReLU's max_value: no cap). */
export function optionalFloat(doc: string, min: number, max: number): ParamSpec<number | null> {
  const range: MessageId = 'param.float';
  const schema = z.number({ error: range }).min(min, { error: range }).max(max, { error: range }).nullable();
  return spec({ kind: 'float', min, max, maxExclusive: false, nullable: true }, null, doc, schema);
}

export function bool(def: boolean, doc: string): ParamSpec<boolean> {
  return spec({ kind: 'bool' }, def, doc, z.boolean({ error: 'param.bool' satisfies MessageId }));
}

export function choice<const T extends readonly [string, ...string[]]>(
  options: T,
  def: T[number],
  doc: string,
): ParamSpec<T[number]> {
  const schema = z.enum(options, { error: 'param.choice' satisfies MessageId });
  return spec({ kind: 'choice', options }, def, doc, schema as z.ZodType<T[number]>);
}

export const activation = (def: ActivationName, doc = 'Activation applied to the output.') =>
  choice(ACTIVATIONS, def, doc);

export const initializer = (def: InitializerName, doc: string) => choice(INITIALIZERS, def, doc);

function pairSchema(min: number, max: number) {
  const each = boundedInt(min, max, 'param.pair');
  return z
    .union([each, z.tuple([each, each])], { error: 'param.pair' satisfies MessageId })
    .transform((v): Pair => (typeof v === 'number' ? [v, v] : v));
}

/** An int or a [height, width] pair, like Keras' kernel_size; normalised to a pair. */
export function pair(def: Pair, doc: string, min = 1, max = MAX_DIM): ParamSpec<Pair> {
  return spec({ kind: 'pair', min, max, nullable: false }, def, doc, pairSchema(min, max) as z.ZodType<Pair>);
}

/** Like pair, but null means "derived from another parameter" (pooling strides default to pool_size). */
export function optionalPair(doc: string, min = 1, max = MAX_DIM): ParamSpec<Pair | null> {
  const schema = pairSchema(min, max).nullable();
  return spec({ kind: 'pair', min, max, nullable: true }, null, doc, schema as z.ZodType<Pair | null>);
}

/**
 * Amounts for the four sides of an image, as Keras' ZeroPadding2D and Cropping2D take them: n (every
 * side), [height, width] (symmetric) or [[top, bottom], [left, right]]; normalised to the last form.
 */
export function sides(def: SidePairs, doc: string, min = 0, max = MAX_DIM): ParamSpec<SidePairs> {
  const each = boundedInt(min, max, 'param.sides');
  const both = z.tuple([each, each]);
  const schema = z
    .union([each, both, z.tuple([both, both])], { error: 'param.sides' satisfies MessageId })
    .transform((v): SidePairs => {
      if (typeof v === 'number')
        return [
          [v, v],
          [v, v],
        ];
      const [h, w] = v;
      return typeof h === 'number' && typeof w === 'number'
        ? [
            [h, h],
            [w, w],
          ]
        : (v as SidePairs);
    });
  return spec({ kind: 'sides', min, max }, def, doc, schema as unknown as z.ZodType<SidePairs>);
}

/** A list of dimensions such as an input shape; with allowWildcard one entry may be -1 (inferred). */
export function dims(
  def: readonly number[],
  doc: string,
  maxRank: number,
  allowWildcard = false,
): ParamSpec<readonly number[]> {
  const message: MessageId = allowWildcard ? 'param.dimsWildcard' : 'param.dims';
  const dim = z
    .number({ error: message })
    .int({ error: message })
    .max(MAX_DIM, { error: message })
    .refine((d) => d >= 1 || (allowWildcard && d === -1), { error: message });
  const schema = z
    .array(dim, { error: message })
    .min(1, { error: message })
    .max(maxRank, { error: message })
    .refine((ds) => ds.filter((d) => d === -1).length <= 1, {
      error: 'param.oneWildcard' satisfies MessageId,
    });
  return spec(
    { kind: 'dims', min: 1, maxRank, allowWildcard },
    def,
    doc,
    schema as z.ZodType<readonly number[]>,
  );
}

/** Keras' L1L2 penalty on a weight: loss += l1 · Σ|w| + l2 · Σw²; null when there is none. */
export type Regularizer = { readonly l1: number; readonly l2: number } | null;

// Keras' string shortcuts take 0.01 (keras.regularizers.L1(), L2(), L1L2(l1=0.01, l2=0.01)).
const REGULARIZER_SHORTCUTS: Readonly<Record<string, Regularizer>> = {
  l1: { l1: 0.01, l2: 0 },
  l2: { l1: 0, l2: 0.01 },
  l1_l2: { l1: 0.01, l2: 0.01 },
};

/** A kernel regularizer like Keras' kernel_regularizer: null, 'l1' | 'l2' | 'l1_l2', or {l1, l2}. */
export function regularizer(doc: string): ParamSpec<Regularizer> {
  const error = { error: 'param.regularizer' satisfies MessageId };
  const amount = z.number(error).min(0, error).max(1e6, error);
  const factors = z
    .object({ l1: amount.optional(), l2: amount.optional() }, error)
    .strict()
    .transform(({ l1 = 0, l2 = 0 }): Regularizer => (l1 === 0 && l2 === 0 ? null : { l1, l2 }));
  const shortcut = z
    .enum(['l1', 'l2', 'l1_l2'], error)
    .transform((name) => REGULARIZER_SHORTCUTS[name] ?? null);
  const schema = z.union([z.null(), shortcut, factors], error);
  return spec({ kind: 'regularizer' }, null, doc, schema as unknown as z.ZodType<Regularizer>);
}

/** A list of Keras axes (the batch is axis 0, so 1 to maxRank), or null for none (PReLU's shared_axes). */
export function optionalAxes(doc: string, maxRank: number): ParamSpec<readonly number[] | null> {
  const message: MessageId = 'param.axes';
  const axis = z.number({ error: message }).int({ error: message }).min(1, { error: message });
  const schema = z
    .array(axis.max(maxRank, { error: message }), { error: message })
    .max(maxRank, { error: message })
    .refine((axes) => new Set(axes).size === axes.length, { error: message })
    .nullable();
  return spec(
    { kind: 'dims', min: 1, maxRank, allowWildcard: false, nullable: true },
    null,
    doc,
    schema as z.ZodType<readonly number[] | null>,
  );
}

function factorSchema(min: number, max: number) {
  const each = z.number({ error: 'param.factor' }).min(min, { error: 'param.factor' });
  const bounded = each.max(max, { error: 'param.factor' });
  return z
    .union([bounded, z.tuple([bounded]), z.tuple([bounded, bounded])], {
      error: 'param.factor' satisfies MessageId,
    })
    .transform((v): Factor => (typeof v === 'number' ? v : v.length === 1 ? v[0] : v))
    .refine((v) => typeof v === 'number' || v[0] <= v[1], { error: 'param.factor' satisfies MessageId });
}

/**
 * A number or a [lower, upper] pair of numbers in [min, max], kept as written (Keras reads one number
 * per layer in its own way: ±f for a rotation, 1 ± f for a contrast); the layer resolves the range.
 */
export function factor(def: Factor, doc: string, min: number, max: number): ParamSpec<Factor> {
  const schema = factorSchema(min, max);
  return spec({ kind: 'factor', min, max, nullable: false }, def, doc, schema as z.ZodType<Factor>);
}

/** Like factor, but null means "derived from another parameter" (RandomZoom's width follows its height). */
export function optionalFactor(doc: string, min: number, max: number): ParamSpec<Factor | null> {
  const schema = factorSchema(min, max).nullable();
  return spec({ kind: 'factor', min, max, nullable: true }, null, doc, schema as z.ZodType<Factor | null>);
}

/** A [lower, upper] pair of numbers in [min, max] (RandomContrast's value_range). */
export function range(def: Pair, doc: string, min: number, max: number): ParamSpec<Pair> {
  const each = z
    .number({ error: 'param.range' })
    .min(min, { error: 'param.range' })
    .max(max, { error: 'param.range' });
  const schema = z
    .tuple([each, each], { error: 'param.range' satisfies MessageId })
    .refine((v) => v[0] < v[1], { error: 'param.range' satisfies MessageId });
  const control = { kind: 'factor', min, max, nullable: false, pairOnly: true } as const;
  return spec(control, def, doc, schema as unknown as z.ZodType<Pair>);
}

export type ParamSpecs = Record<string, ParamSpec<unknown>>;
export type ParamsOf<S extends ParamSpecs> = {
  readonly [K in keyof S]: S[K] extends ParamSpec<infer T> ? T : never;
};
