// 简体中文：引擎消息（校验、形状、参数、连接），与 engine/messages.ts 的 id 和占位符一一对应。
// The type makes a missing id a compile error; a test checks the placeholders match the English.
import type { MessageId } from '../../../../engine/messages';

export const messages: Record<MessageId, string> = {
  'graph.duplicateId': "另一个节点已使用 id '{{id}}'：id 必须唯一",
  'graph.unknownType': "{{layer}} 的图层类型 '{{type}}' 不存在",
  'graph.edgeToMissing': "{{layer}} 连接到了不存在的 '{{target}}'",
  'graph.edgeFromMissing': "{{layer}} 的输入来自不存在的 '{{source}}'",
  'graph.edgeBetweenMissing': "有一条从 '{{source}}' 到 '{{target}}' 的连接，但两者都不存在",
  'graph.takesNoInputs': '{{layer}}（{{type}}）不接受输入：请删除来自 {{sources}} 的连接',
  'graph.noInput': '{{layer}} 没有输入：请把一个图层连接到它',
  'graph.oneInput': '{{layer}} 只接受一个输入，但连接了 {{connected}} 个（{{sources}}）：请只保留一个',
  'graph.exactInputs': '{{layer}} 需要 {{expected}} 个输入，但连接了 {{connected}} 个（{{sources}}）',
  'graph.tooFewInputs':
    '{{layer}} 至少需要 {{min}} 个输入，但只有 {{connected}} 个（{{sources}}）：请再连接一个图层',
  'graph.noInputLayer': '模型没有 InputLayer：请添加一个，并把它连接到第一个图层',
  'graph.secondInput': '{{layer}} 是第二个 InputLayer（第一个是 {{first}}）：模型只能有一个输入',
  'graph.twoOutputs': '{{layer}} 是输出，{{others}} 也是：模型只能有一个输出，请连接或删除多余的图层',
  'graph.manyOutputs': '{{layer}} 是输出，{{others}} 也都是：模型只能有一个输出，请连接或删除多余的图层',
  'graph.cycle': '{{path}} 构成了环：连接必须单向流动，请删除其中一条',
  'graph.bypassOneInput':
    '{{layer}} 已被旁路，它会原样传递唯一的输入，但连接了 {{connected}} 个：请恢复它，或只连接一个',
  'graph.invalidOutput': '{{layer}} 的输出形状 ({{shape}}) 不是有效的大小',

  'name.invalid': '图层名称必须由 1 到 100 个字母、数字、_、. 或 - 组成',
  'name.duplicate': "已有另一个图层名为 '{{name}}'：图层名称必须唯一",

  'param.notObject': '{{layer}} 的 params 必须是一个对象',
  'param.unknownGuess': "{{layer}}（{{type}}）没有参数 '{{field}}'：你是想用 '{{guess}}' 吗？",
  'param.unknownNone': "{{layer}}（{{type}}）不接受任何参数：请删除 '{{field}}'",
  'param.unknownList': "{{layer}}（{{type}}）没有参数 '{{field}}'；它的参数有 {{known}}",
  'param.invalid': '{{layer}} 的 {{field}} 无效',
  'param.int': '{{layer}} 的 {{field}} 必须是 {{min}} 到 {{max}} 之间的整数',
  'param.float': '{{layer}} 的 {{field}} 必须是 {{min}} 到 {{max}} 之间的数',
  'param.floatExclusive': '{{layer}} 的 {{field}} 必须是 {{min}} 到 {{max}} 之间的数（不含 {{max}}）',
  'param.bool': '{{layer}} 的 {{field}} 必须是 true 或 false',
  'param.choice': '{{layer}} 的 {{field}} 必须是以下之一：{{options}}',
  'param.pair':
    '{{layer}} 的 {{field}} 必须是 {{min}} 到 {{max}} 之间的整数，或由两个这样的整数组成的 [高, 宽]',
  'param.sides':
    '{{layer}} 的 {{field}} 必须是 {{min}} 到 {{max}} 之间的整数、由两个这样的整数组成的 [高, 宽]，或 [[上, 下], [左, 右]]',
  'param.length': '{{layer}} 的 {{field}} 必须是 {{min}} 到 {{max}} 之间的整数，或只含一个这样整数的列表',
  'param.factor':
    '{{layer}} 的 {{field}} 必须是 {{min}} 到 {{max}} 之间的数，或由两个这样的数组成的 [下限, 上限]（下限 ≤ 上限）',
  'param.range':
    '{{layer}} 的 {{field}} 必须是由两个 {{min}} 到 {{max}} 之间的数组成的 [下限, 上限]（下限 < 上限）',
  'param.dims': '{{layer}} 的 {{field}} 必须是 1 到 {{maxRank}} 个整数组成的列表，每个在 1 到 {{max}} 之间',
  'param.regularizer':
    "{{layer}} 的 {{field}} 必须留空（不使用）、'l1'、'l2'、'l1_l2'，或写成系数，例如 l2=0.01 或 l1=0.001, l2=0.01（每个系数不小于 0）",
  'param.dimsWildcard':
    '{{layer}} 的 {{field}} 必须是 1 到 {{maxRank}} 个整数组成的列表，每个在 1 到 {{max}} 之间（其中一个可以是 -1）',
  'param.axes':
    '{{layer}} 的 {{field}} 必须留空（不共享），或是由 1 到 {{maxRank}} 之间互不相同的轴组成的列表（轴 0 是批次维）',
  'param.oneWildcard': '{{layer}} 的 {{field}} 中 -1 最多只能出现一次',

  'shape.needsInput': '{{layer}} 需要一个输入：请把一个图层连接到它',
  'shape.needsImage':
    '{{layer}} 需要 (高, 宽, 通道) 形状的输入，但收到的是 {{inputs}}：请在它之前添加 Reshape，变形为 (高, 宽, 通道)',
  'shape.needsImageNotFlat':
    '{{layer}} 需要 (高, 宽, 通道) 形状的输入，但收到的是 {{inputs}}：请把它移到 Flatten 之前，或添加 Reshape 变形为 (高, 宽, 通道)',
  'shape.needsSequence':
    '{{layer}} 需要 (步数, 通道) 形状的输入，但收到的是 {{inputs}}：请在它之前添加 Reshape，变形为 (步数, 通道)',
  'shape.windowTooLarge':
    "{{layer}} 的 {{field}} {{window}} 比它 {{size}} 的输入还大：请使用更小的 {{field}}，或把 padding 设为 'same'",
  'shape.addMismatch': '{{layer}} 的各个输入形状必须相同，但收到的是 {{inputs}}',
  'shape.concatBatchAxis': '{{layer}} 不能沿轴 0 拼接：轴 0 是批次维',
  'shape.concatAxis': '{{layer}} 不能沿轴 {{axis}} 拼接：它的输入除批次维外只有 {{rank}} 个维度',
  'shape.concatMismatch': '{{layer}} 沿轴 {{axis}} 拼接时，输入在其他各轴上必须一致，但收到的是 {{inputs}}',
  'shape.cropTooLarge':
    '{{layer}} 的 cropping 从 {{size}} 的输入中裁掉 {{rows}} 行和 {{columns}} 列，什么也不剩：请少裁一些',
  'shape.reshapeSize': '{{layer}} 无法把 {{shape}}（{{size}} 个值）变形为 {{target}}：值的总数必须保持不变',
  'shape.softmaxAxis':
    '{{layer}} 不能沿轴 {{axis}} 归一化：它的输入 {{inputs}} 除批次维外只有轴 1 到 {{rank}}（或 -1 到 -{{rank}}）',
  'shape.sharedAxes':
    '{{layer}} 的 shared_axes {{axes}} 含有输入 {{inputs}} 没有的轴：请使用 1 到 {{rank}} 之间的轴',

  'connect.self': '{{layer}} 不能连接到自身',
  'connect.duplicate': '{{source}} 已经连接到 {{target}}',
  'connect.noInputs': '{{target}}（{{type}}）不接受输入：数据从这里进入模型',
  'connect.oneInput': '{{target}} 只接受一个输入：请先删除它来自 {{current}} 的连接',
  'connect.maxInputs': '{{target}} 最多接受 {{max}} 个输入：请先删除它的一条连接',
  'connect.cycle': '{{target}} 已经通向 {{source}}，这条连接会构成环',

  'bypass.noInput': '{{layer}} 不接受输入，没有可传递的数据：不能旁路它',
  'bypass.inputCount': '{{layer}} 有 {{connected}} 个输入：只有恰好一个输入的图层才能被旁路',
  'bypass.output': '旁路 {{layer}} 会把模型的输出从 {{before}} 变为 {{after}}',
  'bypass.breaks': '旁路 {{layer}} 会破坏模型：{{problem}}',
};
