// 暂停时修改训练设置（issue 17）及图表上这些修改的标记的简体中文文本（键与 en/adjust.ts 相同）。
export const adjust = {
  title: '暂停时修改',
  hint: '这些设置从暂停处起作用于本次训练；其他设置保持开始时的值。',
  learningRate: '学习率',
  optimizer: '优化器',
  batchSize: '批大小',
  earlyStopping: '提前停止',
  patience: '耐心（轮数）',
  minDelta: '最小改进',
  dropout: 'Dropout 比率',
  dropoutRate: '{{layer}} 比率',
  optimizerReset: '更换优化器后，其状态（动量）从零开始。',
  batchNextEpoch: '新的批大小从下一轮开始生效。',
  apply: '应用',
  discard: '放弃',
  applyAndResume: '应用并继续',
  refused: '未应用：{{message}}',
};
