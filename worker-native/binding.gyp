{
  "targets": [
    {
      "target_name": "layerwise_native",
      "sources": [
        "addon/addon.cc",
        "addon/napi_model.cc",
        "addon/spec_reader.cc",
        "addon/model.cc",
        "addon/ops/input_layer.cc",
        "addon/ops/dense.cc",
        "addon/ops/flatten.cc",
        "addon/ops/reshape.cc",
        "addon/ops/conv2d.cc",
        "addon/ops/max_pooling2d.cc",
        "addon/ops/average_pooling2d.cc",
        "addon/ops/global_average_pooling2d.cc",
        "addon/ops/global_max_pooling2d.cc",
        "addon/ops/batch_normalization.cc",
        "addon/ops/dropout.cc",
        "addon/ops/add.cc",
        "addon/ops/concatenate.cc",
        "addon/ops/activation.cc",
        "addon/op_table.cc",
        "addon/node_params.cc",
        "addon/ops/layer_normalization.cc",
        "addon/ops/zero_padding2d.cc",
        "addon/ops/up_sampling2d.cc",
        "addon/ops/cropping2d.cc",
        "addon/ops/relu.cc",
        "addon/ops/elu.cc",
        "addon/ops/softmax.cc",
        "addon/ops/prelu.cc",
        "addon/ops/elementwise_merge.cc",
        "addon/ops/spatial_dropout2d.cc",
        "addon/ops/gaussian_noise.cc",
        "addon/ops/activity_regularization.cc",
        "addon/ops/conv1d.cc",
        "addon/ops/pooling1d.cc",
        "addon/ops/global_pooling1d.cc",
        "addon/ops/depthwise_conv2d.cc",
        "addon/ops/separable_conv2d.cc",
        "addon/ops/conv2d_transpose.cc",
        "src/depthwise_conv2d.cc",
        "src/conv2d_transpose.cc",
        "addon/ops/random_flip.cc",
        "addon/ops/random_translation.cc",
        "addon/ops/random_rotation.cc",
        "addon/ops/random_zoom.cc",
        "addon/ops/random_contrast.cc",
        "src/thread_pool.cc",
        "src/cpu_features.cc",
        "src/gemm.cc",
        "src/gemm_avx2.cc",
        "src/activations.cc",
        "src/activation_layers.cc",
        "src/dense.cc",
        "src/conv2d.cc",
        "src/pooling.cc",
        "src/global_pooling.cc",
        "src/batch_norm.cc",
        "src/layer_norm.cc",
        "src/dropout.cc",
        "src/noise.cc",
        "src/merge.cc",
        "src/losses.cc",
        "src/optimizers.cc",
        "src/initializers.cc",
        "src/augment.cc",
        "src/layer_stats.cc"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      # SWALLOW_UNTHROWABLE: an error raised while a worker is being terminated cannot reach JS; without
      # it node-addon-api aborts the whole process (found by e2e: closing the server mid-training).
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_CPP_EXCEPTIONS_ALL", "NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17"],
      "cflags_cc": ["-std=c++17", "-O3", "-fno-math-errno", "-fexceptions", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "conditions": [
        ["OS=='win'", {
          "defines": ["_HAS_EXCEPTIONS=1", "NOMINMAX"],
          "msvs_settings": { "VCCLCompilerTool": { "ExceptionHandling": 1, "Optimization": 2, "AdditionalOptions": ["/std:c++17"] } }
        }],
        ["OS=='mac'", {
          "xcode_settings": {
            "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
            "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
            "CLANG_CXX_LIBRARY": "libc++",
            "MACOSX_DEPLOYMENT_TARGET": "11.0",
            "GCC_OPTIMIZATION_LEVEL": "3"
          }
        }]
      ]
    }
  ]
}
