// React Flow draws edges before nodes, so the browser's Tab order would visit every edge before the
// first layer. This puts the canvas's layers first, then its edges, then the rest of the canvas (zoom
// controls, hint), and leaves the page around it in document order.

const isNode = (el: Element) => el.classList.contains('react-flow__node');
const isEdge = (el: Element) => el.classList.contains('react-flow__edge');

/** `tabbables` in document order, with the canvas's nodes moved before its edges. */
export function tabOrder<T extends Element>(tabbables: readonly T[], canvas: Element): T[] {
  const first = tabbables.findIndex((el) => canvas.contains(el));
  if (first < 0) return [...tabbables];
  const inside = tabbables.filter((el) => canvas.contains(el));
  const outside = tabbables.filter((el) => !canvas.contains(el));
  const ordered = [
    ...inside.filter(isNode),
    ...inside.filter(isEdge),
    ...inside.filter((el) => !isNode(el) && !isEdge(el)),
  ];
  return [...outside.slice(0, first), ...ordered, ...outside.slice(first)];
}

/** Where Tab (or Shift+Tab) should go from `active`, or null to let the browser decide. */
export function nextInTabOrder<T extends Element>(
  tabbables: readonly T[],
  canvas: Element,
  active: T,
  backwards: boolean,
): T | null {
  const natural = tabbables.indexOf(active);
  const order = tabOrder(tabbables, canvas);
  if (natural < 0) {
    // Focus on the canvas itself (after a click on empty canvas or a closed picker): Tab enters it.
    if (!canvas.contains(active)) return null;
    const inside = order.filter((el) => canvas.contains(el));
    const before = order.indexOf(inside[0] as T) - 1;
    return (backwards ? order[before] : inside[0]) ?? null;
  }
  const index = order.indexOf(active);
  const step = backwards ? -1 : 1;
  const wanted = order[index + step];
  return wanted !== undefined && wanted !== tabbables[natural + step] ? wanted : null;
}
