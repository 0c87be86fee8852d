// The exported PyTorch script for DepthwiseConv2D (nn.Conv2d groups=channels), SeparableConv2D
// (grouped + 1x1 nn.Conv2d) and Conv2DTranspose (nn.ConvTranspose2d, TF's 'same' crop sliced in
// forward, output_padding for kernels shorter than the stride): models trained 100 batches in Layerwise
// predict the same MNIST probabilities in PyTorch (1e-4), and the script trains and saves a model file
// whose weights Layerwise reads back (the depthwise layout both ways). Needs python3-torch; skipped without.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledPlan } from '../../../worker-native/test-support/models';
import { MNIST_DATA, trainedWithPredictions } from '../../../worker-native/test-support/trained-mnist';
import { compileGraph } from '../../compile';
import { readModel, serializeModelFile } from '../../model-file';
import { convVariantsMnist, convVariantsMnistRectangular } from '../conv-variants.test-support';
import { decodeWeights } from '../weights';
import { exportPytorch } from '.';
import { python, run } from '../../../worker-native/test-support/torch-python';

const PREDICT = 100;

const cases = [
  { name: 'conv-variants', graph: convVariantsMnist },
  { name: 'conv-variants-rectangular', graph: convVariantsMnistRectangular },
];

describe('exported PyTorch script with depthwise, separable and transposed convolutions', () => {
  it.skipIf(python === undefined).each(cases)(
    '$name: same predictions (1e-4), trains, saves weights Layerwise reads (requires python3-torch)',
    ({ name, graph: g }) => {
      const dir = mkdtempSync(join(tmpdir(), 'layerwise-torch-'));
      const { model, expected } = trainedWithPredictions(name, g, PREDICT);
      const weightsFile = join(dir, 'model.layerwise.json');
      writeFileSync(weightsFile, serializeModelFile(model));
      const exported = exportPytorch(model);
      if (!exported.ok) throw new Error(exported.issues.map((i) => i.message).join('\n'));
      const script = join(dir, exported.value[0]?.name ?? 'model.py');
      writeFileSync(script, exported.value[0]?.data ?? '');
      const data = join(process.cwd(), MNIST_DATA);
      const predict = (weights: string) =>
        (
          JSON.parse(
            run([script, '--weights', weights, '--predict', `${PREDICT}`, '--data', data], dir),
          ) as number[][]
        ).flat();

      const predicted = predict(weightsFile);
      expect(predicted).toHaveLength(expected.length);
      const diff = Math.max(...predicted.map((p, i) => Math.abs(p - (expected[i] as number))));
      console.log(`${name}: max |PyTorch - native| = ${diff.toExponential(2)}`);
      expect(diff).toBeLessThanOrEqual(1e-4);

      // Every weight through the script's own layouts and back (the depthwise one needs Keras' fan_out).
      const check = [
        'import importlib.util, sys',
        `spec = importlib.util.spec_from_file_location('model', ${JSON.stringify(script)})`,
        'm = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)',
        'net = m.Net(); state = net.state_dict(); rng = m.np.random.default_rng(0)',
        'for name, key, layout, _i, _fi, fan_out in m.WEIGHT_MAP:',
        '    t = rng.standard_normal(tuple(state[key].shape)).astype(m.np.float32)',
        '    k = m.to_keras(t, layout, fan_out)',
        '    assert m.np.array_equal(m.to_torch(k, layout), t), name',
        '    print(name, list(k.shape))',
      ].join('\n');
      const shapes = run(['-c', check], dir);
      for (const w of compiledPlan(g).nodes.flatMap((n) => n.weights))
        expect(shapes).toContain(`${w.name} ${JSON.stringify(w.shape).replaceAll(',', ', ')}`);

      const out = join(dir, 'trained.layerwise.json');
      const log = run(
        [script, '--weights', weightsFile, '--epochs', '1', '--limit', '256', '--data', data, '--out', out],
        dir,
      );
      expect(Number.isFinite(Number(/loss: ([^\s]+)/.exec(log)?.[1])), log).toBe(true);
      const saved = readModel(JSON.parse(readFileSync(out, 'utf8')));
      const plan = compileGraph(g);
      if (!saved.ok || !plan.ok || !saved.model.weights)
        throw new Error('the trained model does not read back');
      expect(decodeWeights(plan.plan, saved.model.weights).issues).toEqual([]);
    },
    120_000,
  );
});
