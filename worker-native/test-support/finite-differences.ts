// Test helper: a native model's analytic gradients (weights and input) against central finite
// differences of its own loss, for the layer groups' gradient checks. Returns one line per mismatch.
import type { NativeModel, Targets } from '../lib/native-model';

export interface FiniteDifferenceOptions {
  /** Forward/backward in training mode (random layers keep their mask: it depends on the step only). */
  readonly training: boolean;
  /** Step; below the smallest gap between values that Maximum/Minimum or max pooling compare. */
  readonly h: number;
  /** Entries checked per tensor (evenly spaced). */
  readonly samples?: number;
}

export function finiteDifferenceMismatches(
  model: NativeModel,
  x: Float32Array,
  y: Targets,
  { training, h, samples = 12 }: FiniteDifferenceOptions,
): string[] {
  const analytic = model.computeGradients(x, y, { training });
  const lossAt = () => model.computeGradients(x, y, { training }).loss;
  const failures: string[] = [];
  const central = (values: Float32Array, i: number, apply: () => void) => {
    const original = values[i] as number;
    values[i] = original + h;
    apply();
    const up = lossAt();
    values[i] = original - h;
    apply();
    const down = lossAt();
    values[i] = original;
    apply();
    return (up - down) / (2 * h);
  };
  const compare = (label: string, numeric: number, exact: number) => {
    const scale = Math.max(Math.abs(numeric), Math.abs(exact), 1e-2);
    if (Math.abs(numeric - exact) / scale > 3e-2)
      failures.push(`${label}: numeric ${numeric.toExponential(4)} vs analytic ${exact.toExponential(4)}`);
  };
  const weights = model.getWeights();
  for (const [name, gradient] of Object.entries(analytic.gradients)) {
    const values = weights[name] as Float32Array;
    const stride = Math.max(1, Math.floor(values.length / samples));
    for (let i = 0; i < values.length; i += stride) {
      const numeric = central(values, i, () => model.setWeights({ [name]: values }));
      compare(`${name}[${i}]`, numeric, gradient[i] as number);
    }
  }
  const stride = Math.max(1, Math.floor(x.length / samples));
  for (let i = 0; i < x.length; i += stride) {
    compare(
      `input[${i}]`,
      central(x, i, () => undefined),
      analytic.inputGradient[i] as number,
    );
  }
  return failures;
}

/** The same check with positional options (the convolution variants' tests). */
export const gradientMismatches = (
  model: NativeModel,
  x: Float32Array,
  y: Targets,
  training: boolean,
  h = 1e-2,
): string[] => finiteDifferenceMismatches(model, x, y, { training, h });
