// The Keras config vocabulary the layer table speaks: activations and initializers between our names and
// their serialized Keras forms, checks for config fields that must keep the value we compute with, and
// the config pieces several layers share.
import {
  ACTIVATIONS,
  INITIALIZERS,
  type ActivationName,
  type InitializerName,
  type Regularizer,
} from '../../params';

export type KerasConfig = Readonly<Record<string, unknown>>;

/** A Keras config Layerwise cannot represent; the importer turns it into an issue on the layer. */
export class UnsupportedConfig extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A short, safe rendering of any JSON value for messages (hostile input may be huge or odd). */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export const field = (config: KerasConfig, key: string): unknown =>
  Object.hasOwn(config, key) ? config[key] : undefined;

/** Throws unless `key` is absent, null or one of `accepted` (compared as JSON). */
export function requireValue(config: KerasConfig, key: string, accepted: readonly unknown[], why: string) {
  const value = field(config, key);
  if (value === undefined || value === null) return;
  const text = describeValue(value);
  if (!accepted.some((a) => describeValue(a) === text))
    throw new UnsupportedConfig(key, `${key} ${text} is not supported: ${why}`);
}

export const requireChannelsLast = (config: KerasConfig) =>
  requireValue(config, 'data_format', ['channels_last'], "Layerwise images are 'channels_last'");

// --- activations ---------------------------------------------------------------------------------------

// Other spellings of our activations: Keras 3 serializes swish as silu.
const ACTIVATION_ALIASES: Readonly<Record<string, ActivationName>> = { silu: 'swish' };

export function activationFromKeras(value: unknown, key = 'activation'): ActivationName | undefined {
  if (value === undefined || value === null) return undefined;
  const name = typeof value === 'string' ? value : undefined;
  const ours = name === undefined ? undefined : (ACTIVATION_ALIASES[name] ?? name);
  if (ours !== undefined && (ACTIVATIONS as readonly string[]).includes(ours)) return ours as ActivationName;
  throw new UnsupportedConfig(
    key,
    `activation ${describeValue(value)} is not supported: Layerwise has ${ACTIVATIONS.join(', ')}`,
  );
}

// --- initializers --------------------------------------------------------------------------------------

interface KerasObject {
  readonly class_name: string;
  readonly config: Readonly<Record<string, unknown>>;
}

const INITIALIZER_OBJECTS: Readonly<Record<InitializerName, KerasObject>> = {
  glorot_uniform: { class_name: 'GlorotUniform', config: { seed: null } },
  glorot_normal: { class_name: 'GlorotNormal', config: { seed: null } },
  he_normal: { class_name: 'HeNormal', config: { seed: null } },
  he_uniform: { class_name: 'HeUniform', config: { seed: null } },
  // tfjs names the class LeCunNormal and Keras LecunNormal: the VarianceScaling behind it loads in both.
  lecun_normal: {
    class_name: 'VarianceScaling',
    config: { scale: 1, mode: 'fan_in', distribution: 'truncated_normal', seed: null },
  },
  zeros: { class_name: 'Zeros', config: {} },
  ones: { class_name: 'Ones', config: {} },
};

export const initializerToKeras = (name: InitializerName): KerasObject => INITIALIZER_OBJECTS[name];

const squash = (name: string) => name.replaceAll('_', '').toLowerCase();

/** VarianceScaling settings of the Glorot, He and LeCun families, as Keras and tfjs write them. */
function varianceScalingName(config: unknown): InitializerName | undefined {
  if (typeof config !== 'object' || config === null) return undefined;
  const { scale, mode, distribution } = config as Record<string, unknown>;
  const normal = distribution === 'normal' || distribution === 'truncated_normal';
  const family = `${String(scale)}/${String(mode)}/${normal ? 'normal' : String(distribution)}`;
  const names: Record<string, InitializerName> = {
    '1/fan_avg/uniform': 'glorot_uniform',
    '1/fan_avg/normal': 'glorot_normal',
    '2/fan_in/normal': 'he_normal',
    '2/fan_in/uniform': 'he_uniform',
    '1/fan_in/normal': 'lecun_normal',
  };
  return names[family];
}

/**
 * Our name for a Keras initializer (a string such as 'he_normal' or an object {class_name, config}).
 * Undefined for others: an initializer only matters for training from scratch, so the layer's default
 * stands in for it rather than refusing a trained model.
 */
export function initializerFromKeras(value: unknown): InitializerName | undefined {
  const className =
    typeof value === 'string'
      ? value
      : typeof value === 'object' && value !== null && typeof (value as KerasObject).class_name === 'string'
        ? (value as KerasObject).class_name
        : undefined;
  if (className === undefined) return undefined;
  if (className === 'VarianceScaling') return varianceScalingName((value as KerasObject).config);
  return INITIALIZERS.find((name) => squash(name) === squash(className));
}

// --- pieces of layer configs ---------------------------------------------------------------------------

/** Drops undefined values, so absent Keras fields take our defaults. */
export const defined = (params: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));

export const copy = (config: KerasConfig, keys: readonly string[]) =>
  Object.fromEntries(keys.map((k) => [k, field(config, k)]));

const NO_REGULARIZERS = { bias_regularizer: null, activity_regularizer: null };

// --- regularizers --------------------------------------------------------------------------------------

/** Keras' L1L2 object (tfjs reads it too); null for none. */
export const regularizerToKeras = (r: Regularizer | undefined) =>
  r ? { class_name: 'L1L2', config: { l1: r.l1, l2: r.l2 } } : null;

const REGULARIZER_CLASSES: Readonly<Record<string, readonly ('l1' | 'l2')[]>> = {
  L1: ['l1'],
  L2: ['l2'],
  L1L2: ['l1', 'l2'],
};

/** Our {l1, l2} (or a Keras shortcut string the param reads) from a Keras regularizer config. */
export function regularizerFromKeras(value: unknown, key: string): unknown {
  if (value === undefined || value === null || typeof value === 'string') return value ?? undefined;
  const { class_name: className, config } = (value ?? {}) as { class_name?: unknown; config?: unknown };
  const factors = typeof className === 'string' ? REGULARIZER_CLASSES[className] : undefined;
  if (factors === undefined || typeof config !== 'object' || config === null)
    throw new UnsupportedConfig(
      key,
      `${key} ${describeValue(value)} is not supported: Layerwise has L1, L2 and L1L2`,
    );
  return Object.fromEntries(factors.map((f) => [f, field(config as KerasConfig, f) ?? 0]));
}
const NO_CONSTRAINTS = { kernel_constraint: null, bias_constraint: null };

/** Dense and Conv2D: activation, bias, the two initializers and the kernel regularizer. */
export const weighted = (p: {
  readonly activation: ActivationName;
  readonly use_bias: boolean;
  readonly kernel_initializer: InitializerName;
  readonly bias_initializer: InitializerName;
  readonly kernel_regularizer?: Regularizer;
}) => ({
  activation: p.activation,
  use_bias: p.use_bias,
  kernel_initializer: initializerToKeras(p.kernel_initializer),
  bias_initializer: initializerToKeras(p.bias_initializer),
  kernel_regularizer: regularizerToKeras(p.kernel_regularizer),
  ...NO_REGULARIZERS,
  ...NO_CONSTRAINTS,
});
export const weightedFrom = (c: KerasConfig) => ({
  activation: activationFromKeras(field(c, 'activation')),
  use_bias: field(c, 'use_bias'),
  kernel_initializer: initializerFromKeras(field(c, 'kernel_initializer')),
  bias_initializer: initializerFromKeras(field(c, 'bias_initializer')),
  kernel_regularizer: regularizerFromKeras(field(c, 'kernel_regularizer'), 'kernel_regularizer'),
});
