// The dataset names the desktop page may use: built-in ids and ids main handed out, never paths.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../engine/api/contract';
import { DesktopDatasets } from './desktop-datasets';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).data;
  }
  throw new Error('expected a refusal');
};

describe('DesktopDatasets', () => {
  it('passes built-in datasets through', () => {
    const datasets = new DesktopDatasets();
    const start = { model: {}, run: { dataset: 'fashion-mnist', epochs: 1 } };
    expect(datasets.check('training.start', start)).toEqual(start);
    const images = { dataset: 'mnist', split: 'test', indices: [1] };
    expect(datasets.check('datasets.images', images)).toEqual(images);
    expect(datasets.check('training.start', { model: {} })).toEqual({ model: {} }); // the default: mnist
  });

  it.each(['/etc', '/home/u/data.csv', '../../secret', 'C:\\Users\\u\\x.csv', '/dev/zero', 'picked:made-up'])(
    'refuses the path or unknown name %j in both methods, naming the field',
    (name) => {
      const datasets = new DesktopDatasets();
      expect(refusal(() => datasets.check('training.start', { model: {}, run: { dataset: name } }))).toEqual({
        code: 'E_BAD_REQUEST',
        message: expect.stringMatching(/^training\.start: run\.dataset .* cannot name a path$/),
      });
      expect(
        refusal(() => datasets.check('datasets.images', { dataset: name, split: 'test', indices: [] })),
      ).toMatchObject({
        code: 'E_BAD_REQUEST',
        message: expect.stringContaining('datasets.images: dataset'),
      });
    },
  );

  it('resolves an id it handed out for a picked dataset to its path', () => {
    const datasets = new DesktopDatasets();
    const id = datasets.idFor('/home/u/digits.csv');
    expect(id).not.toContain('/');
    expect(datasets.idFor('/home/u/digits.csv')).toBe(id);
    expect(datasets.check('training.start', { model: {}, run: { dataset: id } })).toEqual({
      model: {},
      run: { dataset: '/home/u/digits.csv' },
    });
  });

  it('leaves other methods and malformed params to the API schema', () => {
    const datasets = new DesktopDatasets();
    expect(datasets.check('training.stop', { dataset: '/etc' })).toEqual({ dataset: '/etc' });
    expect(datasets.check('training.start', { run: { dataset: 42 } })).toEqual({ run: { dataset: 42 } });
    expect(datasets.check('datasets.images', null)).toBeNull();
  });
});
