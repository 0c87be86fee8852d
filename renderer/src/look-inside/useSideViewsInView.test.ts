// The pan that brings the activations view's thumbnails out from under the inspector.
import { describe, expect, it } from 'vitest';
import { panToShow } from './useSideViewsInView';

const box = (left: number, right: number) => ({ left, right, top: 0, bottom: 10 }) as DOMRect;
const pane = box(180, 720);

describe('panToShow', () => {
  it('pans left by the overflow past the pane, with a margin', () => {
    // Nodes 560..720, the widest thumbnail to 830: 830 - (720 - 12) = 122 pixels.
    expect(panToShow(pane, [box(560, 720), box(730, 830)])).toBe(122);
  });

  it('never pans the leftmost box out of the pane', () => {
    expect(panToShow(pane, [box(250, 700), box(710, 900)])).toBe(250 - (180 + 12));
  });

  it('does not move when everything fits, or when nothing is shown', () => {
    expect(panToShow(pane, [box(300, 500), box(510, 700)])).toBe(0);
    expect(panToShow(pane, [])).toBe(0);
  });
});
