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
/** A random augmentation's factor as Keras takes it: one number or a [lower, upper] pair (kept as given). */
export type Factor = number | readonly [number, number];

export type ParamControl =
  | { kind: 'int'; min: number; max: number; nullable?: boolean }
  | { kind: 'float'; min: number; max: number; maxExclusive: boolean }
  | { kind: 'bool' }
  | { kind: 'choice'; options: readonly string[] }
  | { kind: 'pair'; min: number; max: number; nullable: boolean }
  | { kind: 'dims'; min: number; maxRank: number; allowWildcard: boolean }
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
    case 'factor':
      return { min: control.min, max: control.max };
    case 'bool':
      return {};
    case 'choice':
      return { options: control.options.map((o) => `'${o}'`).join(', ') };
    case 'dims':
      return { maxRank: control.maxRank, max: MAX_DIM };
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
