// English: bypassing layers (Ctrl+B, the node context menu, the bypassed node's look).
export const bypass = {
  command: 'Bypass / restore',
  bypass: 'Bypass',
  restore: 'Restore',
  tag: 'Bypassed',
  tagTitle: 'Bypassed: its input passes through unchanged; it is not trained or exported',
  menu: 'Actions for {{name}}',
};
