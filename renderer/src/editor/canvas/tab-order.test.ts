// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { nextInTabOrder, tabOrder } from './tab-order';

function page() {
  document.body.innerHTML = `
    <button id="before"></button>
    <div id="canvas">
      <svg><g id="e1" class="react-flow__edge"></g><g id="e2" class="react-flow__edge"></g></svg>
      <div id="n1" class="react-flow__node"></div><div id="n2" class="react-flow__node"></div>
      <button id="zoom"></button>
    </div>
    <button id="after"></button>`;
  const els = ['before', 'e1', 'e2', 'n1', 'n2', 'zoom', 'after'].map(
    (id) => document.getElementById(id) as Element,
  );
  return { els, canvas: document.getElementById('canvas') as Element };
}

const ids = (els: readonly (Element | null)[]) => els.map((e) => e?.id ?? null);

describe('tab order', () => {
  it('puts the canvas nodes before its edges and keeps the page around it', () => {
    const { els, canvas } = page();
    expect(ids(tabOrder(els, canvas))).toEqual(['before', 'n1', 'n2', 'e1', 'e2', 'zoom', 'after']);
  });

  it.each([
    ['before', false, 'n1'],
    ['n2', false, 'e1'],
    ['e2', false, 'zoom'],
    ['n1', true, 'before'],
    ['e1', true, 'n2'],
    ['zoom', true, 'e2'],
  ])('from %s (backwards: %s) goes to %s', (from, backwards, to) => {
    const { els, canvas } = page();
    const active = els.find((e) => e.id === from) as Element;
    const next =
      nextInTabOrder(els, canvas, active, backwards) ?? els[els.indexOf(active) + (backwards ? -1 : 1)];
    expect(next?.id).toBe(to);
  });

  it('leaves the browser alone where its order is already right', () => {
    const { els, canvas } = page();
    expect(nextInTabOrder(els, canvas, els[0] as Element, true)).toBeNull();
    expect(nextInTabOrder(els, canvas, els[3] as Element, false)).toBeNull();
  });

  it('enters the canvas at its first layer when the canvas itself has focus', () => {
    const { els, canvas } = page();
    expect(nextInTabOrder(els, canvas, canvas, false)?.id).toBe('n1');
    expect(nextInTabOrder(els, canvas, canvas, true)?.id).toBe('before');
  });
});
