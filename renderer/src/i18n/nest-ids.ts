// i18next reads dotted keys as paths into nested objects, so the flat id tables ('graph.cycle': ...)
// are nested before they become resources ({ graph: { cycle: ... } }).
export type Nested = { [key: string]: string | Nested };

export function nestIds(flat: Readonly<Record<string, string>>): Nested {
  const root: Nested = {};
  for (const [id, text] of Object.entries(flat)) {
    const path = id.split('.');
    const last = path.pop() as string;
    let node = root;
    for (const part of path) {
      const next = node[part];
      node = typeof next === 'object' ? next : (node[part] = {});
    }
    node[last] = text;
  }
  return root;
}
