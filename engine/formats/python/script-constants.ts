// What both scripts know about the model, as Python constants: the model file to save into (graph and
// training settings, no weights), shapes, the output activation, the weights in Keras layout and the
// training settings.
import type { TrainingRun } from '../../api/run-settings';
import type { ExecutionPlan } from '../../compile';
import type { ModelFile } from '../../model-file';
import { pyLiteral, pyTuple } from './python-literal';
import { trainingDict } from './training-settings';

export function scriptConstants(
  model: ModelFile,
  plan: ExecutionPlan,
  run: TrainingRun,
  trainedFile: string,
): string {
  const output = plan.nodes[plan.outputIndex];
  const activation = typeof output?.params.activation === 'string' ? output.params.activation : 'linear';
  const shapes = plan.nodes.flatMap((n) =>
    n.weights.map((w) => `    (${pyLiteral(w.name)}, ${pyTuple(w.shape)}),`),
  );
  return [
    '# The Layerwise model file this script was exported from (graph and training settings, no weights).',
    `MODEL_FILE = json.loads(r"""${modelFileJson(model)}""")`,
    `TRAINED_FILE = ${pyLiteral(trainedFile)}  # where training saves the model unless told --out`,
    `INPUT_SHAPE = ${pyTuple(plan.inputShape)}  # one sample, channels-last, values in [0, 1]`,
    `OUTPUT_SHAPE = ${pyTuple(plan.outputShape)}`,
    `OUTPUT_ACTIVATION = ${pyLiteral(activation)}`,
    '# Our weights in Keras layout (Dense kernel (in, out), Conv2D kernel HWIO), in file order.',
    `WEIGHT_SHAPES = [\n${shapes.join('\n')}\n]`,
    trainingDict(run),
  ].join('\n');
}

/** The files a script is about: itself, the weights written beside it, the model training saves. */
export interface ScriptFiles {
  readonly script: string;
  /** Written beside the script by the export when the model has trained weights (../index.ts). */
  readonly weights: string;
  readonly trained: string;
}

/** The opening docstring: what the script is and how to run it. */
export function scriptDocstring(
  model: ModelFile,
  framework: string,
  files: ScriptFiles,
  extra: string[] = [],
): string {
  const file = files.script;
  const title = model.name.replace(/[^\w .-]/g, '_');
  const predict =
    model.weights === undefined
      ? [
          'The model had no trained weights when exported; train it in Layerwise and export again, or train',
          'here and predict with the model file training saves:',
          `    python ${file} --weights <trained model file> --predict 10`,
        ]
      : [
          'Predict with the weights trained in Layerwise, exported beside this script as',
          `${files.weights} (probabilities of the first N MNIST test images, as JSON):`,
          `    python ${file} --weights ${files.weights} --predict 10`,
        ];
  return [
    `"""${title} (${framework}), exported from Layerwise.`,
    '',
    ...predict,
    'Train with the settings below (TRAINING) on MNIST IDX files, then save a Layerwise model file',
    `(${files.trained} unless told --out):`,
    `    python ${file} --data path/to/mnist --epochs 5`,
    ...extra,
    '"""',
  ].join('\n');
}

/**
 * The model file without weights and history as JSON, one node or edge per line. JSON never contains
 * three quotes in a row or ends in a backslash, so it is safe inside a Python r"""...""" string.
 */
function modelFileJson(model: ModelFile): string {
  const list = (items: readonly unknown[]) => items.map((item) => `    ${JSON.stringify(item)}`).join(',\n');
  const training = model.training === undefined ? '' : `,\n  "training": ${JSON.stringify(model.training)}`;
  return [
    `{"format": ${JSON.stringify(model.format)}, "version": ${model.version}, "name": ${JSON.stringify(model.name)},`,
    '  "graph": {"nodes": [',
    list(model.graph.nodes),
    '  ], "edges": [',
    list(model.graph.edges),
    `  ]}${training}`,
    '}',
  ].join('\n');
}
