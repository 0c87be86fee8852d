// Trained models loaded for predictions outside any training session: a document reopened from a file,
// or a run whose session has ended, still drives the gallery and the drawing pad. A few models are kept
// (least recently used first out), so a client cannot pile up native memory.
import { randomUUID } from 'node:crypto';
import { compileGraph, type ExecutionPlan, type Issue } from '../../../engine';
import { ApiError } from '../../../engine/api/contract';
import { decodeWeights, weightValues } from '../../../engine/formats/weights';
import { NativeModel } from '../../../worker-native/lib/native-model';
import type { LayerActivation } from '../../../engine/api/contract';
import { summarizeActivation } from './activation-summary';
import { checkedModel } from '../training/training-service';

/** Loaded models kept at once; loading one more releases the least recently used. */
export const MAX_LOADED_MODELS = 8;
/** Most images in one predict call. */
export const MAX_PREDICT_IMAGES = 256;

interface Loaded {
  readonly native: NativeModel;
  readonly inputSize: number;
}

const invalid = (message: string, issues: readonly Issue[] = []) =>
  new ApiError({ code: 'E_INVALID_MODEL', message, issues });

export class InferenceService {
  private readonly models = new Map<string, Loaded>();

  /** Loads a model file with weights; the id it returns is what predict takes. */
  load(value: unknown): { modelId: string; inputShape: number[]; outputShape: number[] } {
    const model = checkedModel(value);
    if (model.weights === undefined)
      throw invalid(`the model '${model.name}' has no weights: train it first`);
    const compiled = compileGraph(model.graph);
    if (!compiled.ok) throw invalid(`the model '${model.name}' has problems`, compiled.issues);
    const decoded = decodeWeights(compiled.plan, model.weights);
    const [first] = decoded.issues;
    if (first !== undefined)
      throw invalid(`the weights do not fit the model '${model.name}': ${first.message}`, decoded.issues);
    // One compute thread: a forward pass for a few images is quick, and training keeps the other cores.
    const native = new NativeModel(compiled.plan, {}, { threads: 1 });
    native.setWeights(weightValues(decoded.tensors));
    const modelId = randomUUID();
    this.models.set(modelId, { native, inputSize: native.inputSize });
    while (this.models.size > MAX_LOADED_MODELS) this.release(this.models.keys().next().value as string);
    return {
      modelId,
      inputShape: [...compiled.plan.inputShape],
      outputShape: [...compiled.plan.outputShape],
    };
  }

  /** Loads weights that training produced for a compiled plan (an ended session's); returns the id. */
  loadTrained(plan: ExecutionPlan, weights: Readonly<Record<string, Float32Array>>): string {
    const native = new NativeModel(plan, {}, { threads: 1 });
    native.setWeights(weights);
    const modelId = randomUUID();
    this.models.set(modelId, { native, inputSize: native.inputSize });
    while (this.models.size > MAX_LOADED_MODELS) this.release(this.models.keys().next().value as string);
    return modelId;
  }

  /** Class probabilities for each image (pixel values as the model takes them, e.g. 0..1). */
  predict(modelId: string, images: readonly (readonly number[])[]): number[][] {
    const loaded = this.use(modelId);
    const input = new Float32Array(images.length * loaded.inputSize);
    images.forEach((image, i) => {
      if (image.length !== loaded.inputSize)
        throw new ApiError({
          code: 'E_BAD_REQUEST',
          message: `image ${i} has ${image.length} values; the model takes ${loaded.inputSize}`,
        });
      input.set(image, i * loaded.inputSize);
    });
    const output = loaded.native.predict(input, { batchSize: Math.max(1, images.length) });
    const classes = output.length / Math.max(1, images.length);
    return images.map((_, i) => Array.from(output.subarray(i * classes, (i + 1) * classes)));
  }

  /** Every layer's output for one image, in plan order, summarised for thumbnails (activation-summary.ts). */
  activations(modelId: string, image: readonly number[]): LayerActivation[] {
    const loaded = this.use(modelId);
    if (image.length !== loaded.inputSize)
      throw new ApiError({
        code: 'E_BAD_REQUEST',
        message: `the image has ${image.length} values; the model takes ${loaded.inputSize}`,
      });
    return loaded.native.activations(Float32Array.from(image)).map(summarizeActivation);
  }

  /** The loaded model `modelId`, now the most recently used (eviction takes the oldest). */
  private use(modelId: string): Loaded {
    const loaded = this.models.get(modelId);
    if (loaded === undefined)
      throw new ApiError({ code: 'E_NOT_FOUND', message: `no loaded model '${modelId}': load it again` });
    this.models.delete(modelId);
    this.models.set(modelId, loaded);
    return loaded;
  }

  release(modelId: string): void {
    this.models.get(modelId)?.native.dispose();
    this.models.delete(modelId);
  }

  disposeAll(): void {
    for (const id of [...this.models.keys()]) this.release(id);
  }

  get size(): number {
    return this.models.size;
  }
}
