// One layer type as the model runs it: a forward/backward pair over a batch, built once per node from
// its spec. Each type lives in one file, worker-native/addon/ops/<layer>.cc, and is registered in the
// single table of addon/op_table.cc under its Keras class name (the registry's layer type).
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model_spec.h"

namespace layerwise {

class ThreadPool;

/** What one node sees of the batch. Pointers index the node's own buffers; nothing is allocated. */
struct LayerRun {
  const NodeSpec& node;
  int index = 0;          // the node's position in the plan (seeds per-layer randomness)
  int count = 0;          // samples in this batch
  bool training = false;  // dropout, noise and augmentation act only while training
  bool fused = false;     // output layer whose activation the loss folds in: compute logits only
  const float* const* inputs = nullptr;  // the input nodes' outputs, node.inputs.size() of them
  float* out = nullptr;                  // forward writes count * output size values
  float* pre = nullptr;                  // pre-activation values kept for backward (keeps_pre), else null
  const float* grad = nullptr;           // backward: gradient of the output
  float* const* input_grads = nullptr;   // backward: one per input, null where not needed; ACCUMULATE (+=)
  bool assign_input_grad = false;        // input 0's gradient buffer is this node's alone and was not
                                         // zeroed: backward WRITES every value of it (see can_assign_input_grad)
  float* const* weights = nullptr;       // by weight slot (node.weights order)
  float* const* weight_grads = nullptr;  // by slot; OVERWRITE; null for non-trainable slots
  float* state = nullptr;                // state_floats() values kept from forward to backward
  float* scratch = nullptr;              // scratch_floats() values, shared by all nodes
  ThreadPool* pool = nullptr;
  uint32_t seed = 0;                     // the training seed
  uint64_t step = 0;                     // advances once per training step (fresh masks per batch)
  int nodes = 0;                         // nodes in the plan

  /** One random stream per node and training step (Dropout's mask: seed and stream). */
  uint64_t stream() const { return step * static_cast<uint64_t>(nodes) + static_cast<uint64_t>(index); }
};

/** A layer type's forward/backward pair. The model calls forward for every node in plan order and
 *  backward in reverse (where gradients flow); a view op is skipped. An op reads its params from
 *  node.params in its constructor, so a missing or mistyped param fails when the model is built.
 *  Fused loss: an op that ends in a softmax or sigmoid (its "activation" param, or the layer itself)
 *  says so in folded_activation(); as the model's output under the loss that folds it in (softmax with
 *  cross-entropy, sigmoid with binary cross-entropy) run.fused is set, forward must leave the logits
 *  where logits() points, and backward receives the gradient of the logits. */
class LayerOp {
 public:
  virtual ~LayerOp() = default;
  virtual void forward(const LayerRun& run) const = 0;
  virtual void backward(const LayerRun& run) const = 0;
  /** A loss term the layer adds for this batch after forward (ActivityRegularization), in the units of
   *  the batch's mean loss; backward adds its gradient to the input's. */
  virtual double loss(const LayerRun& run) const { return 0; }
  /** The output is input 0's buffer (InputLayer, Flatten, Reshape): the model aliases the buffers and
   *  never calls forward or backward. */
  virtual bool is_view() const { return false; }
  /** Whether backward can write input 0's gradient outright instead of adding to it. The model then
   *  skips zeroing that buffer when this node is its only writer and sets run.assign_input_grad. */
  virtual bool can_assign_input_grad() const { return false; }
  /** Whether backward needs the pre-activation values (run.pre) for this node. */
  virtual bool keeps_pre(bool fused) const { return false; }
  /** The softmax or sigmoid the op ends in that a cross-entropy loss may fold in when the op is the
   *  model's output, reading input 0 as the logits (the Softmax layer); Linear for none. When folded,
   *  run.fused is set and backward receives d loss / d logits in run.grad. */
  virtual Act folded_activation() const { return Act::Linear; }
  /** Issue 17: a new rate for a layer that drops values (Dropout, SpatialDropout2D) between batches;
   *  false for a layer without one. */
  virtual bool set_rate(float rate) { return false; }
  /** Floats of per-node state for `batch` samples (e.g. BatchNormalization's mean and inverse std). */
  virtual size_t state_floats(int batch) const { return 0; }
  /** Floats of working memory for forward and backward at `batch` samples on `threads` threads. */
  virtual size_t scratch_floats(int batch, int threads, bool fused) const { return 0; }
  /** Where a folded output leaves its logits: input 0 by default (Activation, Softmax); Dense and Conv2D
   *  write them into run.pre. */
  virtual const float* logits(const LayerRun& run) const { return run.inputs[0]; }
};

using OpFactory = std::unique_ptr<LayerOp> (*)(const NodeSpec& node);

/** The factory for a layer type, or null when the native core does not have it. */
OpFactory find_op(const std::string& type);
/** Every registered layer type (the addon exports it as opTypes() for the coverage test). */
std::vector<std::string> op_types();

template <typename T>
std::unique_ptr<LayerOp> make_op(const NodeSpec& node) { return std::make_unique<T>(node); }

} // namespace layerwise
