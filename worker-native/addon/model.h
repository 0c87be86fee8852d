// A trainable model: the spec, its flat parameter/gradient/optimizer buffers, per-node activation and
// gradient buffers sized once per batch size, and the thread pool. No allocation in the per-batch path
// once a batch size has been seen.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "../src/losses.h"
#include "layer_op.h"
#include "model_spec.h"

namespace layerwise {

class ThreadPool;

/** Inputs: float32 values, or uint8 pixels scaled by 1/255 while they are read. */
struct InputView {
  const float* f32 = nullptr;
  const uint8_t* u8 = nullptr;
};

/** Targets: class indices (sparse losses) or float32 values shaped like the output. */
using TargetView = kernels::LossTargets;
/** Loss and accuracy (sums over samples inside the model, means once returned). */
using BatchStats = kernels::LossSums;

/** Where a batch's time goes: each node's forward and backward, and the step's own phases. */
struct LayerTimes {
  std::vector<double> forward, backward;  // seconds, by node
  double loss = 0, optimizer = 0, other = 0;  // the loss, regularisation + the optimizer step, input + zeroing
  int64_t batches = 0;
};

/** One node's health on a sampled training step (views have none: their buffer is their input's). */
struct NodeStats {
  int node = 0;                   // index in the plan
  double mean = 0, std = 0, zero_fraction = 0, saturated_fraction = 0;
  double gradient_norm = -1;      // L2 norm of d loss / d output; -1 where no gradient flows
};

/** One trainable weight on a sampled step: norms before the update, and how far the update moved it. */
struct WeightStats {
  int node = 0, slot = 0;
  double norm = 0, gradient_norm = 0;
  double update_ratio = 0; // ||w_after - w_before|| / ||w_before||; -1 when ||w_before|| is 0
};

/** The statistics of the latest sampled training step (step = optimizer steps taken after it). */
struct LayerStats {
  bool ready = false;
  int64_t step = 0;
  std::vector<NodeStats> nodes;
  std::vector<WeightStats> weights;
};

/** Where a non-finite value first appears in the last batch: the node (-1: none) and which buffer. */
struct NonFinite {
  int node = -1;
  bool gradient = false;
  bool nan = false;  // a NaN among the values (else only infinities)
};

class Model {
 public:
  explicit Model(ModelSpec spec);
  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  /** Forward, backward and one optimizer step. */
  BatchStats train_batch(InputView x, TargetView y, int count);
  /** Forward and backward only: gradients land in gradients() and input_gradient(). */
  BatchStats compute_gradients(InputView x, TargetView y, int count, bool training);
  /** Inference-mode loss and accuracy over `count` samples in chunks of `batch`. */
  BatchStats evaluate(InputView x, TargetView y, int count, int batch);
  /** Outputs of `count` samples into out (count x output size). */
  void predict(InputView x, int count, int batch, bool training, float* out);

  const ModelSpec& spec() const { return spec_; }
  float* params() { return params_.data(); }
  const float* gradients() const { return grads_.data(); }
  const float* input_gradient() const;
  int64_t step() const { return step_; }
  /** Issue 17, adjusting a paused run. The optimizer's base rate: a schedule goes on from step() with it. */
  void set_learning_rate(float lr) { spec_.config.optimizer.learning_rate = lr; }
  /** A new optimizer: its state (moments, Adam's bias-correction count) starts from zero; the schedule
   *  keeps counting the run's steps. */
  void set_optimizer(const OptimizerConfig& optimizer);
  /** A Dropout-family layer's rate, by node name; throws std::invalid_argument for an unknown node or a
   *  layer without a rate. */
  void set_rate(const std::string& node_name, float rate);
  /** Seconds spent per node (forward, backward) and in the step's other phases since the last reset. */
  const LayerTimes& times() const { return times_; }
  void reset_times();
  /** Sample statistics on every n-th training step (0: never). Allocates the step's copy of the
   *  trainable weights here, so sampled and other steps allocate nothing. */
  void set_stats_every(int64_t n);
  /** The latest sampled step's statistics (ready = false when none since clear_layer_stats). */
  const LayerStats& layer_stats() const { return stats_; }
  void clear_layer_stats() { stats_.ready = false; }
  /** The first node in plan order whose output holds a NaN or infinity after the last batch, else
   *  the first in backward order whose output gradient does. */
  NonFinite first_non_finite() const;
  size_t input_size() const { return input_size_; }
  size_t output_size() const { return output_size_; }

  /** Issue 16 (activations for one input): an inference-mode forward pass of `count` samples that leaves
   *  every node's output readable through node_output() until the next pass. Views share their input's
   *  values, under their own shape. */
  void forward_activations(InputView x, int count);
  /** Node `index`'s output from the last forward_activations: count x its output size, plan order. */
  const float* node_output(int index) const { return nodes_[index].out_ptr; }

 private:
  struct NodeBuffers {
    size_t out_size = 0;                  // values per sample
    std::vector<float> out, grad, pre;    // owned storage (empty when aliased or unused)
    float* out_ptr = nullptr;             // may point at the input's buffer (views, and the input itself)
    float* grad_ptr = nullptr;
    bool alias = false;                   // a view op: its output is input 0's buffer
    bool keep_pre = false;                // keeps the pre-activation values (gelu, swish, fused loss)
    bool grads_flow = false;              // some trainable weight lies at or before this node
    bool assigns_input_grad = false;      // writes input 0's gradient buffer, its only writer
    bool grad_assigned = false;           // this buffer's only writer assigns it: no zeroing needed
    std::vector<float> state;             // the op's state_floats(), kept from forward to backward
    std::vector<const float*> inputs;     // pointer tables the node's LayerRun points into
    std::vector<float*> input_grads, weights, weight_grads;
  };

  void initialize_weights();
  void plan_buffers();
  void plan_gradient_writes();
  Act output_act() const; // the output's activation as the loss sees it
  void reserve(int batch);
  void load_inputs(InputView x, int offset, int count);
  void forward(int count, bool training);
  BatchStats loss(TargetView y, int offset, int count, int batch, bool want_gradient);
  void zero_gradients(int count);
  void backward(int count, bool training);
  double regularize(bool want_gradient);
  void apply_optimizer();
  void record_stats(int count);     // after backward, before the optimizer step
  void record_updates();            // after the optimizer step
  bool has_output_gradient(int index) const;
  bool needs_input_grad(int index, int input) const;
  int inference_step(int batch) const;
  /** The op's view of node `index` (input pointer tables refreshed from the current buffers). */
  LayerRun layer_run(int index, int count, bool training);
  float* weight(int index, int slot) { return params_.data() + spec_.nodes[index].weights[slot].offset; }
  float* weight_grad(int index, int slot) { return grads_.data() + spec_.nodes[index].weights[slot].offset; }

  ModelSpec spec_;
  std::unique_ptr<ThreadPool> pool_;
  size_t input_size_ = 0, output_size_ = 0;
  std::vector<float> params_, grads_, opt_m_, opt_v_;
  std::vector<NodeBuffers> nodes_;
  std::vector<std::unique_ptr<LayerOp>> ops_; // per node: its layer type's op (addon/op_table.cc)
  std::vector<float> scratch_;      // kernels' working memory, sized for the largest layer at capacity
  int capacity_ = 0;                // batch size the buffers are sized for
  int64_t step_ = 0;                // optimizer steps taken
  int64_t optimizer_start_ = 0;     // step_ when the current optimizer was made (its own count starts there)
  uint64_t dropout_step_ = 0;       // advances once per training step, so masks differ per batch
  bool want_input_gradient_ = false;
  bool fused_loss_ = false;         // the loss gradient is taken with respect to the output's logits
  double layer_loss_ = 0;           // the ops' loss terms of the last forward pass
  LayerTimes times_;
  int64_t stats_every_ = 0;
  int last_count_ = 0;              // samples in the last training batch (first_non_finite reads them)
  std::vector<float> stats_before_; // the trainable weights before a sampled step's update
  LayerStats stats_;
};

} // namespace layerwise
