// Applies tab-order.ts to the real page: on Tab, finds the focusable elements and moves focus itself
// only where the canvas's order (layers before edges) differs from the document's.
import { useEffect, type RefObject } from 'react';
import { nextInTabOrder } from './tab-order';

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';

function tabbables(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) =>
      el.tabIndex >= 0 &&
      !(el as HTMLButtonElement).disabled &&
      el.getAttribute('aria-hidden') !== 'true' &&
      el.getClientRects().length > 0,
  );
}

export function useTabOrder(canvas: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const box = canvas.current;
      const active = document.activeElement;
      if (event.key !== 'Tab' || event.ctrlKey || event.altKey || event.metaKey) return;
      if (box === null || !(active instanceof Element)) return;
      const next = nextInTabOrder(tabbables(), box, active as HTMLElement, event.shiftKey);
      if (next === null) return;
      event.preventDefault();
      next.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [canvas]);
}
