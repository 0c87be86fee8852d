// Save names: the same safe base as every export format, as a .layerwise.json file.
import { describe, expect, it } from 'vitest';
import { modelFileName } from './file-host';

describe('modelFileName', () => {
  it.each([
    ['My model', 'My_model.layerwise.json'],
    ['cnn.layerwise.json', 'cnn.layerwise.json'],
    ['  ', 'model.layerwise.json'],
    ['../etc/passwd', 'etc_passwd.layerwise.json'],
    ['.hidden', 'hidden.layerwise.json'],
  ])('%j → %j', (name, file) => {
    expect(modelFileName(name)).toBe(file);
  });
});
