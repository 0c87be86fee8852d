// Finite-difference gradient check through the addon: the native backward pass against central
// differences of the native loss, on a spread of entries of every weight and of the input. Returns the
// mismatches as readable lines (empty when all agree).
import type { NativeModel, Targets } from '../lib/native-model';

export function gradientMismatches(
  model: NativeModel,
  x: Float32Array,
  y: Targets,
  training: boolean,
  h = 1e-2,
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
    const stride = Math.max(1, Math.floor(values.length / 12));
    for (let i = 0; i < values.length; i += stride) {
      const numeric = central((v) => {
        values[i] = v;
        model.setWeights({ [name]: values });
      }, values[i] as number);
      compare(`${name}[${i}]`, numeric, gradient[i] as number);
    }
  }
  const stride = Math.max(1, Math.floor(x.length / 12));
  for (let i = 0; i < x.length; i += stride) {
    const numeric = central((v) => (x[i] = v), x[i] as number);
    compare(`input[${i}]`, numeric, analytic.inputGradient[i] as number);
  }
  return failures;
}
