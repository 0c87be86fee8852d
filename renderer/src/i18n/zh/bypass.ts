// 简体中文：旁路图层（Ctrl+B、节点右键菜单、被旁路节点的外观）。
export const bypass = {
  command: '旁路 / 恢复',
  bypass: '旁路',
  restore: '恢复',
  tag: '已旁路',
  tagTitle: '已旁路：输入原样传递；它不参与训练，也不会被导出',
  menu: '{{name}} 的操作',
};
