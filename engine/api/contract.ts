// The one API between the UI and the main-side services, whatever carries it (Electron IPC, WebSocket,
// or a direct call in tests): each method's params schema (checked at the boundary, so nothing
// malformed is trusted) and result type, the event stream, and the wire envelopes.
import { z } from 'zod';
import type { Issue } from '../issues';
import type { AdjustedEvent, SessionState, TrainingEvent } from './events';
import { runAdjustmentSchema } from './run-adjustment';
import { trainingRunSchema, type TrainingRun } from './run-settings';

const sessionId = z.strictObject({ sessionId: z.string().min(1).max(100) });

export const methodParams = {
  'app.info': z.strictObject({}),
  'datasets.list': z.strictObject({}),
  'datasets.images': z.strictObject({
    dataset: z.string().min(1).max(4096),
    split: z.enum(['train', 'test']),
    indices: z.array(z.number().int().min(0)).max(1000),
  }),
  'training.start': z.strictObject({
    /** A model file (or just its graph as {format, version, graph}); validated by the engine. */
    model: z.unknown(),
    run: trainingRunSchema.partial().default({}),
    /** 'matching' continues from the model file's weights: layers whose weights all fit keep them,
     *  the others are initialised (the started event lists which). Absent: every layer is initialised. */
    weights: z.literal('matching').optional(),
  }),
  'training.pause': sessionId,
  'training.resume': sessionId,
  /** Changes settings of a paused run (an E_STATE error otherwise); Resume goes on with them. */
  'training.adjust': sessionId.extend({ changes: runAdjustmentSchema }),
  'training.stop': sessionId,
  'training.status': sessionId,
  'training.list': z.strictObject({}),
  'training.predict': sessionId.extend({
    image: z
      .array(z.number().finite())
      .min(1)
      .max(1 << 20),
  }),
  'training.weights': sessionId,
  /** Drops an ended session (its events and final weights); a live one is an E_STATE error. */
  'training.release': sessionId,
  /** A model file with weights, loaded for predictions outside any training session. */
  'inference.load': z.strictObject({ model: z.unknown() }),
  'inference.predict': z.strictObject({
    modelId: z.string().min(1).max(100),
    images: z
      .array(
        z
          .array(z.number().finite())
          .min(1)
          .max(1 << 20),
      )
      .min(1)
      .max(256),
  }),
  'inference.release': z.strictObject({ modelId: z.string().min(1).max(100) }),
  /** Every layer's output for one image, summarised for thumbnails (issue 16). */
  'inference.activations': z.strictObject({
    modelId: z.string().min(1).max(100),
    image: z
      .array(z.number().finite())
      .min(1)
      .max(1 << 20),
  }),
} as const;

export type MethodName = keyof typeof methodParams;
export type MethodParams<M extends MethodName> = z.input<(typeof methodParams)[M]>;

export interface AppInfo {
  readonly version: string;
  readonly platform: string;
  readonly threads: number;
}

export interface DatasetInfo {
  readonly id: string;
  readonly name: string;
  readonly available: boolean;
  readonly reason: string | null;
  readonly classNames: readonly string[];
  readonly shape: readonly number[];
}

export interface DatasetImages {
  readonly shape: readonly number[];
  /** Base64 of the uint8 pixels of every requested image, one after the other. */
  readonly pixels: string;
  readonly labels: readonly number[];
}

export interface SessionSnapshot {
  readonly sessionId: string;
  readonly state: SessionState;
  readonly run: TrainingRun;
  readonly modelName: string;
  readonly startedAt: number;
  /** Every event so far except batch events (which are summarised by the latest one). */
  readonly events: readonly TrainingEvent[];
  readonly lastBatch: TrainingEvent | null;
}

export interface WeightTensorData {
  readonly name: string;
  readonly shape: readonly number[];
  /** Base64 of little-endian float32 values. */
  readonly data: string;
}

/** Summary statistics of one layer's output for one input. */
export interface ActivationStats {
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
  /** Fraction of values that are exactly zero (dead ReLU units show here). */
  readonly zeroFraction: number;
}

/**
 * One layer's output for one input (inference.activations). Outputs with channels (HxWxC, or LxC as
 * 1xL maps) come as `maps`: up to MAX_ACTIVATION_CHANNELS channels, each a row-major HxW grid, sides
 * subsampled to at most MAX_ACTIVATION_MAP_SIDE. 1-D outputs come as `vector` (up to
 * MAX_ACTIVATION_VECTOR values). `stats` are always over the whole output.
 */
export interface LayerActivation {
  readonly name: string;
  readonly type: string;
  readonly shape: readonly number[];
  readonly stats: ActivationStats;
  readonly maps?: {
    readonly height: number;
    readonly width: number;
    /** Channels in the output; `data` holds the first min(channels, MAX_ACTIVATION_CHANNELS). */
    readonly channels: number;
    readonly data: readonly (readonly number[])[];
  };
  readonly vector?: { readonly length: number; readonly data: readonly number[] };
}

/** Bounds on the inference.activations payload, per layer. */
export const MAX_ACTIVATION_CHANNELS = 64;
export const MAX_ACTIVATION_MAP_SIDE = 64;
export const MAX_ACTIVATION_VECTOR = 1024;

export interface MethodResults {
  'app.info': AppInfo;
  'datasets.list': DatasetInfo[];
  'datasets.images': DatasetImages;
  'training.start': { sessionId: string };
  'training.pause': { state: SessionState };
  'training.resume': { state: SessionState };
  'training.adjust': { adjusted: AdjustedEvent };
  'training.stop': { state: SessionState };
  'training.status': SessionSnapshot;
  'training.list': SessionSnapshot[];
  'training.predict': { probabilities: number[] };
  'training.weights': { tensors: WeightTensorData[] };
  'training.release': Record<string, never>;
  'inference.load': { modelId: string; inputShape: number[]; outputShape: number[] };
  'inference.predict': { probabilities: number[][] };
  'inference.release': Record<string, never>;
  'inference.activations': { layers: LayerActivation[] };
}

/** Events pushed to every client. */
export interface ApiEvent {
  readonly sessionId: string;
  readonly event: TrainingEvent;
}

/** The typed client both the renderer and tests use; a typo in a method name fails to compile. */
export interface LayerwiseApi {
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResults[M]>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/** Errors cross the boundary as plain data: a code, a message, and the user issues when there are some. */
export interface ApiErrorData {
  readonly code:
    'E_BAD_REQUEST' | 'E_NOT_FOUND' | 'E_INVALID_MODEL' | 'E_DATASET' | 'E_STATE' | 'E_FILE' | 'E_INTERNAL';
  readonly message: string;
  readonly issues?: readonly Issue[];
}

export class ApiError extends Error {
  constructor(readonly data: ApiErrorData) {
    super(data.message);
  }
}

// --- wire envelopes (WebSocket; Electron IPC uses invoke/send with the same payloads) ----------------

export const requestEnvelope = z.strictObject({
  id: z.number().int().min(0),
  method: z.string().max(100),
  params: z.unknown(),
});
export type RequestEnvelope = z.infer<typeof requestEnvelope>;

export type ResponseEnvelope =
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: ApiErrorData }
  | { readonly event: ApiEvent };

/** Checks a request against its method's schema; throws ApiError(E_BAD_REQUEST) naming the problem. */
export function parseRequest(method: string, params: unknown): { method: MethodName; params: unknown } {
  if (!Object.hasOwn(methodParams, method))
    throw new ApiError({ code: 'E_BAD_REQUEST', message: `unknown method '${method}'` });
  const schema = methodParams[method as MethodName];
  const parsed = schema.safeParse(params ?? {});
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    const where = problem?.path.length ? `${problem.path.join('.')}: ` : '';
    throw new ApiError({
      code: 'E_BAD_REQUEST',
      message: `${method}: ${where}${problem?.message ?? 'invalid params'}`,
    });
  }
  return { method: method as MethodName, params: parsed.data };
}
