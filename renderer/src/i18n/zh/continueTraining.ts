// “继续训练”的简体中文字符串：修改模型后从之前某次运行的权重开始训练。
export const continueTraining = {
  button: '继续训练',
  buttonHint: '在仍然适配模型的层上沿用 {{run}} 训练好的权重',
  title: '从 {{run}} 继续',
  keep_one: '保留训练好的权重：{{layers}}（{{count}} 层）',
  keep_other: '保留训练好的权重：{{layers}}（{{count}} 层）',
  initialise: '重新初始化：',
  dropped: '已不在模型中（不再使用其权重）：{{layers}}',
  nothingFits: '{{run}} 训练好的权重都不适配当前模型：请从头训练。',
  reasonNew: '新增或已重命名的层',
  reasonMissing: '层类型已改变：没有训练好的“{{weight}}”',
  reasonShape: '{{weight}} 已改变：{{from}} → {{to}}',
  start: '开始',
  trainFromScratch: '从头训练',
  cancel: '取消',
};
