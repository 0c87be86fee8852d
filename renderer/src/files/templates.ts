// The models "New" can start from: the bundled templates and a blank canvas with just an input.
import { readModel, type ModelFile } from '../../../engine';
import fashionCnnAugmented from '../../../assets/templates/fashion-cnn-augmented.json';
import lenet5 from '../../../assets/templates/lenet5.json';
import mnistCnn from '../../../assets/templates/mnist-cnn.json';
import mnistMlp from '../../../assets/templates/mnist-mlp.json';

export const TEMPLATE_IDS = ['mnist-cnn', 'mnist-mlp', 'lenet5', 'fashion-cnn-augmented', 'blank'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

const BLANK: ModelFile = {
  format: 'layerwise-model',
  version: 2,
  name: 'untitled',
  graph: {
    nodes: [{ id: 'input', type: 'InputLayer', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } }],
    edges: [],
  },
};

const SOURCES: Record<Exclude<TemplateId, 'blank'>, unknown> = {
  'mnist-cnn': mnistCnn,
  'mnist-mlp': mnistMlp,
  lenet5,
  'fashion-cnn-augmented': fashionCnnAugmented,
};

export function templateModel(id: TemplateId): ModelFile {
  if (id === 'blank') return BLANK;
  const result = readModel(SOURCES[id]);
  if (!result.ok) throw new Error(`template ${id} is invalid: ${result.issues[0]?.message}`);
  return result.model;
}
