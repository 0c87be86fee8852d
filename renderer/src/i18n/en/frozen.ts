// Freezing layers (Keras trainable = False): the inspector's checkbox, the node's badge and counts.
export const frozen = {
  trainable: 'Trainable',
  trainableMany_one: 'Trainable ({{count}} layer)',
  trainableMany_other: 'Trainable ({{count}} layers)',
  hint: "Freeze: keep this layer's weights as they are while training",
  noWeights: 'This layer has no weights: freezing it changes nothing.',
  badge: 'Frozen (trainable = False)',
  freeze: 'Freeze',
  unfreeze: 'Unfreeze',
  nodeParams_one: '{{formatted}} non-trainable param',
  nodeParams_other: '{{formatted}} non-trainable params',
};
