// Model lifecycle and the batch-level entry points: buffers sized once per batch size, weight
// initialisation, train/evaluate/predict, regularisation and the optimizer step.
#include "model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "../src/thread_pool.h"
#include "losses.h"
#include "ops.h"
#include "training_math.h"

namespace layerwise {

Model::Model(ModelSpec spec) : spec_(std::move(spec)), pool_(std::make_unique<ThreadPool>(spec_.threads)) {
  input_size_ = shape_size(spec_.nodes[spec_.input_index].output_shape);
  output_size_ = shape_size(spec_.nodes[spec_.output_index].output_shape);
  params_.assign(spec_.total_params, 0.0f);
  grads_.assign(spec_.trainable_params, 0.0f);
  opt_m_.assign(spec_.trainable_params, 0.0f);
  opt_v_.assign(spec_.trainable_params, 0.0f);
  const NodeSpec& out = spec_.nodes[spec_.output_index];
  fused_loss_ = loss_fuses_activation(spec_.config.loss, out.act) && out.op != Op::Input;
  plan_buffers();
  initialize_weights();
}

Model::~Model() = default;

void Model::initialize_weights() {
  uint64_t slot_index = 0;
  for (const NodeSpec& node : spec_.nodes)
    for (const WeightSlot& w : node.weights) initialize_weight(w, spec_.config.seed, slot_index++, params_.data() + w.offset);
}

void Model::plan_buffers() {
  nodes_.resize(spec_.nodes.size());
  for (size_t i = 0; i < spec_.nodes.size(); i++) {
    const NodeSpec& node = spec_.nodes[i];
    NodeBuffers& b = nodes_[i];
    b.out_size = shape_size(node.output_shape);
    b.alias = node.op == Op::Flatten || node.op == Op::Reshape || node.op == Op::Input;
    const bool is_output = static_cast<int>(i) == spec_.output_index;
    b.keep_pre = (node.op == Op::Dense || node.op == Op::Conv2D) &&
                 (ops::activation_needs_input(node.act) || (is_output && fused_loss_));
    bool flows = false;
    for (const WeightSlot& w : node.weights) flows |= w.trainable;
    for (int input : node.inputs) flows |= nodes_[input].grads_flow;
    b.grads_flow = flows;
  }
}

bool Model::needs_input_grad(int index, int input) const {
  return want_input_gradient_ || nodes_[spec_.nodes[index].inputs[input]].grads_flow;
}

// Allocation happens here only, when a batch larger than any before arrives.
void Model::reserve(int batch) {
  if (batch <= capacity_ && !(want_input_gradient_ && nodes_[spec_.input_index].grad.empty())) return;
  batch = std::max(batch, capacity_);
  size_t scratch = 0, gemm_scratch = 0;
  for (size_t i = 0; i < spec_.nodes.size(); i++) {
    const NodeSpec& node = spec_.nodes[i];
    NodeBuffers& b = nodes_[i];
    const size_t n = b.out_size * batch;
    const bool is_input = node.op == Op::Input;
    if (!b.alias || is_input) b.out.assign(n, 0.0f); // the input's own buffer holds converted uint8 pixels
    if (!b.alias || is_input) b.grad.assign(is_input && !want_input_gradient_ ? 0 : n, 0.0f);
    if (b.keep_pre) b.pre.assign(n, 0.0f);
    if (node.op == Op::Conv2D) {
      const size_t rows = static_cast<size_t>(batch) * node.output_shape[0] * node.output_shape[1];
      const size_t k = static_cast<size_t>(node.kh) * node.kw * node.input_shapes[0][2];
      b.col.assign(rows * k, 0.0f);
      scratch = std::max(scratch, rows * k);
    }
    if (node.op == Op::Dense || node.op == Op::Conv2D) {
      const int units = node.output_shape.back();
      const int rows = static_cast<int>(n / units);
      const int k = node.op == Op::Conv2D ? node.kh * node.kw * node.input_shapes[0][2] : node.input_shapes[0].back();
      for (size_t size : {ops::gemm_scratch_size(rows, units, k, pool_.get()), ops::gemm_scratch_size(k, units, rows, pool_.get()),
                          ops::gemm_scratch_size(rows, k, units, pool_.get())})
        gemm_scratch = std::max(gemm_scratch, size);
    }
    if (node.op == Op::MaxPool2D || node.op == Op::GlobalMaxPool2D) b.argmax.assign(n, 0);
    if (node.op == Op::BatchNorm) {
      b.xhat.assign(n, 0.0f);
      b.inv_std.assign(node.output_shape.back(), 0.0f);
    }
  }
  scratch_.assign(scratch, 0.0f);
  gemm_scratch_.assign(gemm_scratch, 0.0f);
  capacity_ = batch;
  // Views: aliases share their input's buffers (resolved in topological order).
  for (size_t i = 0; i < spec_.nodes.size(); i++) {
    NodeBuffers& b = nodes_[i];
    const NodeSpec& node = spec_.nodes[i];
    if (node.op == Op::Input) {
      b.grad_ptr = b.grad.empty() ? nullptr : b.grad.data();
    } else if (b.alias) {
      b.out_ptr = nodes_[node.inputs[0]].out_ptr;
      b.grad_ptr = nodes_[node.inputs[0]].grad_ptr;
    } else {
      b.out_ptr = b.out.data();
      b.grad_ptr = b.grad.data();
    }
  }
}

void Model::load_inputs(InputView x, int offset, int count) {
  NodeBuffers& in = nodes_[spec_.input_index];
  if (x.f32) {
    in.out_ptr = const_cast<float*>(x.f32) + static_cast<size_t>(offset) * input_size_; // read-only view
  } else {
    const uint8_t* src = x.u8 + static_cast<size_t>(offset) * input_size_;
    const size_t n = static_cast<size_t>(count) * input_size_;
    for (size_t i = 0; i < n; i++) in.out[i] = src[i] * (1.0f / 255.0f);
    in.out_ptr = in.out.data();
  }
  // Views of the input follow it.
  for (size_t i = 0; i < spec_.nodes.size(); i++)
    if (nodes_[i].alias && spec_.nodes[i].op != Op::Input) nodes_[i].out_ptr = nodes_[spec_.nodes[i].inputs[0]].out_ptr;
}

void Model::forward(int count, bool training) {
  for (size_t i = 0; i < spec_.nodes.size(); i++) forward_node(static_cast<int>(i), count, training);
}

BatchStats Model::loss(TargetView y, int offset, int count, int batch, bool want_gradient) {
  const int k = static_cast<int>(output_size_);
  const NodeSpec& out = spec_.nodes[spec_.output_index];
  const NodeBuffers& ob = nodes_[spec_.output_index];
  const float* logits = nullptr;
  if (fused_loss_) logits = out.op == Op::Activation ? nodes_[out.inputs[0]].out_ptr : ob.pre.data();
  LossInput in{spec_.config.loss, out.act, logits, ob.out_ptr, count, k, y, offset};
  return loss_forward_backward(in, want_gradient ? nodes_[spec_.output_index].grad_ptr : nullptr, batch);
}

// Gradients accumulate, so they start from zero; the loss then writes the output's gradient.
void Model::zero_gradients(int count) {
  for (NodeBuffers& b : nodes_)
    if (!b.grad.empty()) std::fill(b.grad.begin(), b.grad.begin() + b.out_size * count, 0.0f);
}

void Model::backward(int count, bool training) {
  for (int i = static_cast<int>(spec_.nodes.size()) - 1; i >= 0; i--)
    if (nodes_[i].grads_flow || want_input_gradient_) backward_node(i, count, training);
}

double Model::regularize(bool want_gradient) {
  const float l2 = spec_.config.l2;
  if (l2 == 0) return 0;
  double penalty = 0;
  for (const NodeSpec& node : spec_.nodes)
    for (const WeightSlot& w : node.weights) {
      if (!w.trainable || w.name.size() < 7 || w.name.compare(w.name.size() - 7, 7, "/kernel") != 0) continue;
      const float* p = params_.data() + w.offset;
      float* g = grads_.data() + w.offset;
      for (size_t i = 0; i < w.size; i++) {
        penalty += static_cast<double>(p[i]) * p[i];
        if (want_gradient) g[i] += 2 * l2 * p[i];
      }
    }
  return l2 * penalty;
}

void Model::apply_optimizer() {
  const size_t n = spec_.trainable_params;
  if (spec_.config.clipnorm > 0) {
    double sum = 0;
    for (size_t i = 0; i < n; i++) sum += static_cast<double>(grads_[i]) * grads_[i];
    const double norm = std::sqrt(sum);
    if (norm > spec_.config.clipnorm) {
      const float scale = static_cast<float>(spec_.config.clipnorm / norm);
      for (size_t i = 0; i < n; i++) grads_[i] *= scale;
    }
  }
  const float lr = scheduled_learning_rate(spec_.config.optimizer, spec_.config.schedule, step_);
  step_++;
  optimizer_step(spec_.config.optimizer, lr, step_, params_.data(), grads_.data(), opt_m_.data(), opt_v_.data(), n, pool_.get());
}

BatchStats Model::compute_gradients(InputView x, TargetView y, int count, bool training) {
  want_input_gradient_ = true;
  reserve(count);
  load_inputs(x, 0, count);
  forward(count, training);
  zero_gradients(count);
  BatchStats stats = loss(y, 0, count, count, true);
  backward(count, training);
  stats.loss = stats.loss / count + regularize(true);
  stats.accuracy /= count;
  return stats;
}

BatchStats Model::train_batch(InputView x, TargetView y, int count) {
  want_input_gradient_ = false;
  reserve(count);
  load_inputs(x, 0, count);
  forward(count, true);
  zero_gradients(count);
  BatchStats stats = loss(y, 0, count, count, true);
  backward(count, true);
  stats.loss = stats.loss / count + regularize(true);
  stats.accuracy /= count;
  apply_optimizer();
  dropout_step_++;
  return stats;
}

BatchStats Model::evaluate(InputView x, TargetView y, int count, int batch) {
  BatchStats total;
  reserve(std::min(batch, count));
  for (int offset = 0; offset < count; offset += batch) {
    const int n = std::min(batch, count - offset);
    load_inputs(x, offset, n);
    forward(n, false);
    BatchStats s = loss(y, offset, n, n, false);
    total.loss += s.loss;
    total.accuracy += s.accuracy;
  }
  total.loss = total.loss / count + regularize(false);
  total.accuracy /= count;
  return total;
}

void Model::predict(InputView x, int count, int batch, bool training, float* out) {
  reserve(std::min(batch, count));
  for (int offset = 0; offset < count; offset += batch) {
    const int n = std::min(batch, count - offset);
    load_inputs(x, offset, n);
    forward(n, training);
    std::memcpy(out + static_cast<size_t>(offset) * output_size_, nodes_[spec_.output_index].out_ptr, static_cast<size_t>(n) * output_size_ * sizeof(float));
  }
}

const float* Model::input_gradient() const { return nodes_[spec_.input_index].grad_ptr; }

} // namespace layerwise
