// 简体中文：每种图层的说明（defineLayer 的 doc）、每个参数的帮助文字，以及下拉选项的标签。
// Keyed by layer type and parameter name as in engine/layers; a test checks every one is here.
import type { LayerText } from '../layer-text';

const activation = '应用于输出的激活函数。';
const seed = '本层随机抽样的种子；留空表示由训练种子决定。';
const kernelInitializer = '卷积核（权重）的初始化方式。';
const biasInitializer = '偏置的初始化方式。';
const kernelRegularizer = "加到损失上的卷积核惩罚项：'l1'、'l2'，或写成系数，例如 l2=0.001。";
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
const pooling1d = {
  pool_size: '池化窗口沿步数方向的长度。',
  strides: '窗口移动的步长；留空（null）表示等于池化窗口大小。',
  padding: "'valid'：不填充；'same'：填充，使输出 = ceil(步数 / 步长)。",
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
      kernel_regularizer: kernelRegularizer,
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
      kernel_regularizer: kernelRegularizer,
    },
  },
  ZeroPadding2D: {
    doc: '在每幅图像四周补上若干行和列的 0，例如让卷积不丢失边缘。',
    params: {
      padding:
        '补 0 的数量：n 表示四边各补 n；[高, 宽] 表示上下各补“高”、左右各补“宽”；或写成 [[上, 下], [左, 右]]。',
    },
  },
  UpSampling2D: {
    doc: '通过重复（或插值）像素放大每幅图像，例如用在解码器中。',
    params: {
      size: '放大的倍数：高和宽各自的倍数。',
      interpolation: "'nearest'：重复每个像素；'bilinear'：混合最近的四个像素。",
    },
  },
  Cropping2D: {
    doc: '从每幅图像的边缘裁掉若干行和列。',
    params: {
      cropping:
        '裁掉的数量：n 表示四边各裁 n；[高, 宽] 表示上下各裁“高”、左右各裁“宽”；或写成 [[上, 下], [左, 右]]。',
    },
  },
  Conv1D: {
    doc: '沿 (步数, 通道) 序列滑动可学习的卷积核，检测局部特征。',
    params: {
      filters: '输出通道（卷积核）的数量。',
      kernel_size: '每个卷积核沿步数方向的长度。',
      strides: '卷积核沿序列移动的步长。',
      padding:
        "'valid'：不填充；'same'：填充，使输出 = ceil(步数 / 步长)；'causal'：只在前面填充，使每个输出步只看到它之前（含）的步。",
      activation,
      use_bias: '为每个卷积核加上一个可学习的偏置。',
      kernel_initializer: kernelInitializer,
      bias_initializer: biasInitializer,
      kernel_regularizer: kernelRegularizer,
    },
  },
  DepthwiseConv2D: {
    doc: '对每个通道单独用一个小窗口做卷积：权重比 Conv2D 少得多。',
    params: {
      kernel_size: '每个卷积核的高和宽。',
      strides: '卷积核沿高和宽移动的步长。',
      padding,
      depth_multiplier: '每个输入通道的卷积核个数：输出通道数 = 通道数 × 该值。',
      activation,
      use_bias: '为每个输出通道加上一个可学习的偏置。',
      depthwise_initializer: '逐通道（depthwise）卷积核的初始化方式。',
      bias_initializer: biasInitializer,
    },
  },
  SeparableConv2D: {
    doc: '先对每个通道单独卷积，再用 1x1 卷积混合各通道：更轻量的 Conv2D。',
    params: {
      filters: '输出通道（卷积核）的数量。',
      kernel_size: '每个逐通道卷积核的高和宽。',
      strides: '卷积核沿高和宽移动的步长。',
      padding,
      depth_multiplier: '逐点卷积之前，每个输入通道的逐通道卷积核个数。',
      activation,
      use_bias: '为每个卷积核加上一个可学习的偏置。',
      depthwise_initializer: '逐通道（depthwise）卷积核的初始化方式。',
      pointwise_initializer: '逐点（1x1）卷积核的初始化方式。',
      bias_initializer: biasInitializer,
    },
  },
  Conv2DTranspose: {
    doc: '可学习的上采样：把每个输入单元铺到更大输出上的一个窗口里（又称"反卷积"）。',
    params: {
      filters: '输出通道（卷积核）的数量。',
      kernel_size: '每个卷积核的高和宽。',
      strides: '沿高和宽的上采样倍数。',
      padding: "'valid'：输出 = 输入 × 步长 + max(卷积核 − 步长, 0)；'same'：输出 = 输入 × 步长。",
      activation,
      use_bias: '为每个卷积核加上一个可学习的偏置。',
      kernel_initializer: kernelInitializer,
      bias_initializer: biasInitializer,
      kernel_regularizer: kernelRegularizer,
    },
  },
  MaxPooling2D: { doc: '保留每个窗口中的最大值，缩小图像。', params: pooling },
  AveragePooling2D: { doc: '对每个窗口取平均值，缩小图像。', params: pooling },
  GlobalAveragePooling2D: { doc: '对每个通道在整幅图像上取平均：每个通道得到一个值。', params: {} },
  GlobalMaxPooling2D: { doc: '对每个通道在整幅图像上取最大值：每个通道得到一个值。', params: {} },
  MaxPooling1D: { doc: '保留序列上每个窗口中的最大值，缩短序列。', params: pooling1d },
  AveragePooling1D: { doc: '对序列上的每个窗口取平均值，缩短序列。', params: pooling1d },
  GlobalAveragePooling1D: { doc: '对每个通道在序列的所有步上取平均：每个通道得到一个值。', params: {} },
  GlobalMaxPooling1D: { doc: '对每个通道在序列的所有步上取最大值：每个通道得到一个值。', params: {} },
  BatchNormalization: {
    doc: '把每个通道归一化为均值 0、方差 1，再进行缩放和平移。',
    params: {
      momentum: '滑动均值和滑动方差的动量。',
      epsilon: '加到方差上的小数，避免除以零。',
      center: '学习一个偏移量（beta）。',
      scale: '学习一个缩放系数（gamma）。',
    },
  },
  LayerNormalization: {
    doc: '对每个样本的特征（图像中每个像素的各通道）归一化为均值 0、方差 1，再进行缩放和平移。',
    params: {
      epsilon: '加到方差上的小数，避免除以零。',
      center: '学习一个偏移量（beta）。',
      scale: '学习一个缩放系数（gamma）。',
      beta_initializer: '偏移量（beta）的初始化方式。',
      gamma_initializer: '缩放系数（gamma）的初始化方式。',
    },
  },
  Dropout: {
    doc: '训练时随机丢弃一部分值，以减少过拟合。',
    params: { rate: '训练时丢弃的值所占的比例。' },
  },
  SpatialDropout2D: {
    doc: '训练时随机丢弃图像的整个通道（适用于特征图的 Dropout）。',
    params: { rate: '训练时丢弃的通道所占的比例。', seed },
  },
  GaussianNoise: {
    doc: '训练时给每个值加上随机的正态噪声，以减少过拟合。',
    params: { stddev: '训练时所加噪声的标准差。', seed },
  },
  ActivityRegularization: {
    doc: '原样传递数值，并把它们的 L1/L2 大小加到损失上，使激活值保持较小或稀疏。',
    params: {
      l1: '加到损失上的绝对值之和的系数。',
      l2: '加到损失上的平方和的系数。',
    },
  },
  Add: { doc: '把各输入逐元素相加；它们的形状必须相同（例如残差连接）。', params: {} },
  Concatenate: {
    doc: '按连接的顺序，沿一个轴（默认是通道轴）拼接各输入。',
    params: { axis: '拼接所沿的轴；-1 表示最后一个轴（通道），1 表示批次维之后的第一个轴。' },
  },
  Multiply: { doc: '把各输入逐元素相乘；它们的形状必须相同（例如门控）。', params: {} },
  Subtract: { doc: '逐元素地用第一个输入减去第二个输入；两者的形状必须相同。', params: {} },
  Average: { doc: '对各输入逐元素求平均；它们的形状必须相同（例如模型集成）。', params: {} },
  Maximum: { doc: '在每个位置取各输入中的最大值；它们的形状必须相同。', params: {} },
  Minimum: { doc: '在每个位置取各输入中的最小值；它们的形状必须相同。', params: {} },
  Activation: { doc: '对每个值应用一个激活函数。', params: { activation: '激活函数。' } },
  ReLU: {
    doc: '修正线性单元，可设置上限（max_value）、阈值以下的泄漏斜率和阈值。',
    params: {
      max_value: '输出的最大值；留空（None）表示不设上限。',
      negative_slope: '阈值以下部分的斜率（0：低于阈值的值变为 0）。',
      threshold: '高于阈值的值原样通过；低于阈值的值被置零或按斜率泄漏。',
    },
  },
  LeakyReLU: {
    doc: '带泄漏的修正线性单元：负值乘以一个小斜率，而不是置零。',
    params: { negative_slope: '负输入的斜率（Keras 3 默认 0.3；tfjs 中称为 alpha）。' },
  },
  ELU: {
    doc: '指数线性单元：正值保持不变，负值变为 alpha · (exp(x) − 1)。',
    params: { alpha: '负半部分的尺度：输入越负，输出越接近 −alpha。' },
  },
  Softmax: {
    doc: '沿一个轴（默认最后一个轴）把数值变成和为 1 的概率。',
    params: { axis: '归一化所沿的轴；-1 表示最后一个轴，1 表示批次维之后的第一个轴。' },
  },
  PReLU: {
    doc: '斜率可学习的 Leaky ReLU：每个值一个斜率，或沿所列的轴共享斜率。',
    params: {
      alpha_initializer: '斜率的初始化方式（zeros：开始时等同于 ReLU）。',
      shared_axes: '共享同一个斜率的轴，例如 [1, 2] 表示图像的每个通道一个斜率。',
    },
  },
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
  nearest: 'nearest（最近邻）',
  bilinear: 'bilinear（双线性）',
  causal: 'causal（因果：只在前面填充）',
  horizontal_and_vertical: 'horizontal_and_vertical（左右和上下）',
  horizontal: 'horizontal（左右）',
  vertical: 'vertical（上下）',
  reflect: 'reflect（镜像反射）',
  constant: 'constant（常数填充）',
};
