// 简体中文：每种图层的说明（defineLayer 的 doc）、每个参数的帮助文字，以及下拉选项的标签。
// Keyed by layer type and parameter name as in engine/layers; a test checks every one is here.
import type { LayerText } from '../layer-text';

const activation = '应用于输出的激活函数。';
const kernelInitializer = '卷积核（权重）的初始化方式。';
const biasInitializer = '偏置的初始化方式。';
const padding = "'valid'：不填充；'same'：填充，使输出 = ceil(输入 / 步长)。";
const augmentSeed = '本层随机数的种子；留空（null）表示使用训练种子。';
const warp = {
  fill_mode: '图像外的点如何填充。',
  interpolation: '如何读取像素之间的值。',
  seed: augmentSeed,
  fill_value: "fill_mode 为 'constant' 时图像外的值。",
};
const pooling = {
  pool_size: '池化窗口的高和宽。',
  strides: '窗口移动的步长；留空（null）表示等于池化窗口大小。',
  padding,
};

export const layers: Readonly<Record<string, LayerText>> = {
  InputLayer: {
    doc: '数据进入模型的地方；填写单个样本的形状，不含批次维。',
    params: { shape: '单个样本的形状，例如 MNIST 图像为 [28, 28, 1]。' },
  },
  Dense: {
    doc: '全连接层：每个输出单元都与每个输入特征相连。',
    params: {
      units: '输出单元的数量。',
      activation,
      use_bias: '为每个单元加上一个可学习的偏置。',
      kernel_initializer: kernelInitializer,
      bias_initializer: biasInitializer,
    },
  },
  Flatten: { doc: '把输入展平成一个长向量，例如放在 Dense 层之前。', params: {} },
  Reshape: {
    doc: '在值的总数不变的前提下，给输入换一个形状。',
    params: { target_shape: '新的形状，不含批次维；其中一项可以是 -1（自动推断）。' },
  },
  Conv2D: {
    doc: '在图像上滑动可学习的卷积核，检测局部特征。',
    params: {
      filters: '输出通道（卷积核）的数量。',
      kernel_size: '每个卷积核的高和宽。',
      strides: '卷积核沿高和宽移动的步长。',
      padding,
      activation,
      use_bias: '为每个卷积核加上一个可学习的偏置。',
      kernel_initializer: kernelInitializer,
      bias_initializer: biasInitializer,
    },
  },
  MaxPooling2D: { doc: '保留每个窗口中的最大值，缩小图像。', params: pooling },
  AveragePooling2D: { doc: '对每个窗口取平均值，缩小图像。', params: pooling },
  GlobalAveragePooling2D: { doc: '对每个通道在整幅图像上取平均：每个通道得到一个值。', params: {} },
  GlobalMaxPooling2D: { doc: '对每个通道在整幅图像上取最大值：每个通道得到一个值。', params: {} },
  BatchNormalization: {
    doc: '把每个通道归一化为均值 0、方差 1，再进行缩放和平移。',
    params: {
      momentum: '滑动均值和滑动方差的动量。',
      epsilon: '加到方差上的小数，避免除以零。',
      center: '学习一个偏移量（beta）。',
      scale: '学习一个缩放系数（gamma）。',
    },
  },
  Dropout: {
    doc: '训练时随机丢弃一部分值，以减少过拟合。',
    params: { rate: '训练时丢弃的值所占的比例。' },
  },
  Add: { doc: '把各输入逐元素相加；它们的形状必须相同（例如残差连接）。', params: {} },
  Concatenate: {
    doc: '按连接的顺序，沿一个轴（默认是通道轴）拼接各输入。',
    params: { axis: '拼接所沿的轴；-1 表示最后一个轴（通道），1 表示批次维之后的第一个轴。' },
  },
  Activation: { doc: '对每个值应用一个激活函数。', params: { activation: '激活函数。' } },
  RandomFlip: {
    doc: '训练时随机镜像翻转每张图像；推理时原样输出。',
    params: {
      mode: "可能发生的翻转：'horizontal' 左右翻转，'vertical' 上下翻转。",
      seed: augmentSeed,
    },
  },
  RandomTranslation: {
    doc: '训练时随机平移每张图像；推理时原样输出。',
    params: {
      height_factor: '竖直平移量占高度的比例：f 表示 [-f, f]，或写成 [下限, 上限]；负数向上移。',
      width_factor: '水平平移量占宽度的比例：f 表示 [-f, f]，或写成 [下限, 上限]；负数向左移。',
      ...warp,
    },
  },
  RandomRotation: {
    doc: '训练时随机旋转每张图像；推理时原样输出。',
    params: {
      factor: '旋转角度占整圈的比例：f 表示 [-f, f]，或写成 [下限, 上限]；正数为逆时针。',
      ...warp,
    },
  },
  RandomZoom: {
    doc: '训练时随机放大或缩小每张图像；推理时原样输出。',
    params: {
      height_factor:
        '竖直缩放比例：f 表示 [-f, f]，或写成 [下限, 上限]；正数缩小（拉远），负数放大（拉近）。',
      width_factor: '水平缩放比例，含义同 height_factor；留空（null）表示保持宽高比（使用竖直缩放）。',
      ...warp,
    },
  },
  RandomContrast: {
    doc: '训练时随机改变每张图像的对比度；推理时原样输出。',
    params: {
      factor: '对比度变化：f 表示从 [1 - f, 1 + f] 中取系数，[下限, 上限] 表示从 [1 - 下限, 1 + 上限] 中取。',
      value_range: '输出被截断到的取值范围。',
      seed: augmentSeed,
    },
  },
};

/** Labels for choice options; the Keras name stays first so it matches the code and the docs. */
export const layerOptions: Readonly<Record<string, string>> = {
  linear: 'linear（线性，不激活）',
  relu: 'relu（修正线性单元）',
  sigmoid: 'sigmoid（S 型函数）',
  tanh: 'tanh（双曲正切）',
  softmax: 'softmax（归一化指数）',
  leaky_relu: 'leaky_relu（带泄漏的 ReLU）',
  elu: 'elu（指数线性单元）',
  gelu: 'gelu（高斯误差线性单元）',
  swish: 'swish（x · sigmoid(x)）',
  glorot_uniform: 'glorot_uniform（Glorot 均匀分布）',
  glorot_normal: 'glorot_normal（Glorot 正态分布）',
  he_normal: 'he_normal（He 正态分布）',
  he_uniform: 'he_uniform（He 均匀分布）',
  lecun_normal: 'lecun_normal（LeCun 正态分布）',
  zeros: 'zeros（全 0）',
  ones: 'ones（全 1）',
  valid: 'valid（不填充）',
  same: 'same（填充）',
  horizontal_and_vertical: 'horizontal_and_vertical（左右和上下）',
  horizontal: 'horizontal（左右）',
  vertical: 'vertical（上下）',
  reflect: 'reflect（镜像反射）',
  constant: 'constant（常数填充）',
  nearest: 'nearest（最近邻）',
  bilinear: 'bilinear（双线性）',
};
