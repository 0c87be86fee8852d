// The remedies as edits: exactly which nodes appear, how the edges are rewired, and that the edited
// graph still validates (the engine's analysis finds no issue and the shapes flow to the output).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../analyze';
import type { Graph } from '../graph';
import { parseModelFile } from '../model-file';
import { chain, graph } from '../testing/graphs';
import {
  addConvBlock,
  addDropout,
  applyGraphRemedy,
  applySettingsRemedy,
  largestHiddenDense,
} from './remedies';

function template(name: string): Graph {
  const text = readFileSync(new URL(`../../assets/templates/${name}.json`, import.meta.url), 'utf8');
  const loaded = parseModelFile(text);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.model.graph;
}

const edgeList = (g: Graph) => g.edges.map((e) => `${e.source}->${e.target}`);
const outputShape = (g: Graph) => {
  const a = analyzeGraph(g);
  return a.byId.get(a.outputId ?? '')?.outputShape;
};

describe('addDropout', () => {
  it('puts Dropout(0.5) between the MLP template hidden Dense and the output', () => {
    const mlp = template('mnist-mlp');
    const remedy = addDropout(mlp);
    expect(remedy?.added).toEqual(['dropout']);
    expect(remedy?.anchor).toBe('dense');
    const g = remedy?.graph as Graph;
    expect(g.nodes.map((n) => n.id)).toEqual(['input', 'flatten', 'dense', 'dropout', 'output']);
    expect(g.nodes[3]).toEqual({
      id: 'dropout',
      type: 'Dropout',
      params: { rate: 0.5 },
      position: { x: 0, y: 396 },
    });
    // The output moves down a row to make room.
    expect(g.nodes[4]?.position).toEqual({ x: 0, y: 528 });
    expect(edgeList(g)).toEqual(['input->flatten', 'flatten->dense', 'dropout->output', 'dense->dropout']);
    expect(analyzeGraph(g).issues).toEqual([]);
    expect(outputShape(g)).toEqual(outputShape(mlp));
  });

  it('picks the Dense with the most units, never the output, and rewires all its edges', () => {
    const g = graph(
      [
        ['in', 'InputLayer', { shape: [8] }],
        ['small', 'Dense', { units: 16 }],
        ['big', 'Dense', { units: 256 }],
        ['a', 'Dense', { units: 4 }],
        ['b', 'Dense', { units: 4 }],
        ['cat', 'Concatenate'],
        ['out', 'Dense', { units: 1000 }],
      ],
      ['in->small', 'small->big', 'big->a', 'big->b', 'a->cat', 'b->cat', 'cat->out'],
    );
    expect(largestHiddenDense(g)).toBe('big');
    const edited = addDropout(g)?.graph as Graph;
    expect(edgeList(edited)).toEqual([
      'in->small',
      'small->big',
      'dropout->a',
      'dropout->b',
      'a->cat',
      'b->cat',
      'cat->out',
      'big->dropout',
    ]);
    expect(analyzeGraph(edited).issues).toEqual([]);
  });

  it('takes a fresh id and does not apply without a hidden Dense or when Dropout already follows it', () => {
    const taken = chain([4], ['Dense', { units: 8 }], ['Dense', { units: 2 }]);
    const withId = { ...taken, nodes: [...taken.nodes, { id: 'dropout', type: 'Dropout' }] };
    // A loose Dropout named "dropout" exists (an issue of its own): the new one is dropout_1.
    expect(addDropout(withId)?.added).toEqual(['dropout_1']);
    expect(addDropout(chain([4], ['Dense', { units: 2 }]))).toBeNull();
    const once = addDropout(taken)?.graph as Graph;
    expect(addDropout(once)).toBeNull();
  });
});

describe('addConvBlock', () => {
  it('puts Conv2D(64, same) and MaxPooling2D before the CNN template Flatten', () => {
    const cnn = template('mnist-cnn');
    const remedy = addConvBlock(cnn);
    expect(remedy?.added).toEqual(['conv2d', 'max_pooling2d']);
    const g = remedy?.graph as Graph;
    expect(g.nodes.map((n) => n.id).slice(5, 9)).toEqual(['conv3', 'conv2d', 'max_pooling2d', 'flatten']);
    expect(g.nodes[6]).toEqual({
      id: 'conv2d',
      type: 'Conv2D',
      params: { filters: 64, kernel_size: [3, 3], activation: 'relu', padding: 'same' },
      position: { x: 0, y: 792 },
    });
    expect(g.nodes[7]?.position).toEqual({ x: 0, y: 924 });
    expect(g.nodes[8]?.position).toEqual({ x: 0, y: 1056 });
    expect(edgeList(g).filter((e) => !edgeList(cnn).includes(e))).toEqual([
      'max_pooling2d->flatten',
      'conv3->conv2d',
      'conv2d->max_pooling2d',
    ]);
    expect(edgeList(cnn).filter((e) => !edgeList(g).includes(e))).toEqual(['conv3->flatten']);
    const analysis = analyzeGraph(g);
    expect(analysis.issues).toEqual([]);
    expect(analysis.byId.get('max_pooling2d')?.outputShape).toEqual([1, 1, 64]);
    expect(outputShape(g)).toEqual([10]);
  });

  it('does not apply to an MLP, nor when the feature map is too small to pool again', () => {
    expect(addConvBlock(template('mnist-mlp'))).toBeNull();
    const tiny = chain(
      [4, 4, 1],
      ['Conv2D', { filters: 4, kernel_size: [3, 3] }],
      ['MaxPooling2D'],
      ['Flatten'],
      ['Dense', { units: 2 }],
    );
    expect(analyzeGraph(tiny).issues).toEqual([]);
    expect(addConvBlock(tiny)).toBeNull();
  });
});

describe('settings remedies', () => {
  const settings = { learning_rate: 0.001, early_stopping: false, patience: 3 };
  it.each([
    ['halve_learning_rate', { ...settings, learning_rate: 0.0005 }],
    ['double_learning_rate', { ...settings, learning_rate: 0.002 }],
    ['early_stopping', { ...settings, early_stopping: true }],
  ] as const)('%s', (id, expected) => {
    expect(applySettingsRemedy(id, settings)).toEqual(expected);
  });

  it('does not turn on early stopping twice', () => {
    expect(applySettingsRemedy('early_stopping', { ...settings, early_stopping: true })).toBeNull();
  });

  it('routes graph remedies by id', () => {
    expect(applyGraphRemedy('add_dropout', template('mnist-mlp'))?.added).toEqual(['dropout']);
    expect(applyGraphRemedy('add_conv_block', template('mnist-mlp'))).toBeNull();
  });
});
