// 冻结层（Keras trainable = False）：检查器的复选框、节点的徽标和参数计数。
export const frozen = {
  trainable: '可训练',
  trainableMany_one: '可训练（{{count}} 个层）',
  trainableMany_other: '可训练（{{count}} 个层）',
  hint: '冻结：训练时保持该层的权重不变',
  noWeights: '该层没有权重：冻结它不会改变任何东西。',
  badge: '已冻结（trainable = False）',
  freeze: '冻结',
  unfreeze: '解冻',
  nodeParams_one: '{{formatted}} 个不可训练参数',
  nodeParams_other: '{{formatted}} 个不可训练参数',
};
