import { describe, expect, it } from 'vitest';
import { methodParams } from './contract';
import { isMethodName, methodNames } from './method-names';

describe('methodNames', () => {
  it('lists exactly the methods of the contract', () => {
    expect([...methodNames].sort()).toEqual(Object.keys(methodParams).sort());
  });

  it.each([
    ['app.info', true],
    ['training.start', true],
    ['toString', false],
    ['__proto__', false],
    ['', false],
    [42, false],
    [undefined, false],
  ])('isMethodName(%j) is %s', (name, expected) => {
    expect(isMethodName(name)).toBe(expected);
  });
});
