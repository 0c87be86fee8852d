// Finite-difference gradient check of a native model: the backward pass against central differences of
// the forward pass, on every weight and on the input (sampled). The same check gradients.test.ts runs,
// shared so the new layers' tests use it without editing that file.
import type { NativeModel, Targets } from '../lib/native-model';

/** Failures as "name[i]: numeric vs analytic"; empty when every sampled entry agrees to 3e-2. */
export function checkGradients(
  model: NativeModel,
  x: Float32Array,
  y: Targets,
  training: boolean,
  h: number,
): string[] {
  const analytic = model.computeGradients(x, y, { training });
  const lossAt = () => model.computeGradients(x, y, { training }).loss;
  const failures: string[] = [];
  const compare = (label: string, numeric: number, exact: number) => {
    const scale = Math.max(Math.abs(numeric), Math.abs(exact), 1e-2);
    if (Math.abs(numeric - exact) / scale > 3e-2)
      failures.push(`${label}: numeric ${numeric.toExponential(4)} vs analytic ${exact.toExponential(4)}`);
  };
  const central = (set: (v: number) => void, original: number) => {
    set(original + h);
    const up = lossAt();
    set(original - h);
    const down = lossAt();
    set(original);
    return (up - down) / (2 * h);
  };
  const weights = model.getWeights();
  for (const [name, gradient] of Object.entries(analytic.gradients)) {
    const values = weights[name] as Float32Array;
    const set = (i: number) => (v: number) => {
      values[i] = v;
      model.setWeights({ [name]: values });
    };
    const stride = Math.max(1, Math.floor(values.length / 12));
    for (let i = 0; i < values.length; i += stride)
      compare(`${name}[${i}]`, central(set(i), values[i] as number), gradient[i] as number);
  }
  const stride = Math.max(1, Math.floor(x.length / 12));
  for (let i = 0; i < x.length; i += stride) {
    const set = (v: number) => {
      x[i] = v;
    };
    compare(`input[${i}]`, central(set, x[i] as number), analytic.inputGradient[i] as number);
  }
  return failures;
}
