// Typed reads of a node's native params, with errors that name the key.
#include <map>
#include <stdexcept>

#include "model_spec.h"

namespace layerwise {

namespace {
[[noreturn]] void missing(const std::string& key) { throw std::invalid_argument("param '" + key + "' is missing"); }
} // namespace

double NodeParams::number(const std::string& key) const {
  const auto it = numbers.find(key);
  if (it == numbers.end()) {
    if (texts.count(key) == 0) missing(key);
    throw std::invalid_argument("param '" + key + "' must be a number");
  }
  if (it->second.size() != 1) throw std::invalid_argument("param '" + key + "' must be a number");
  return it->second[0];
}

const std::vector<double>& NodeParams::list(const std::string& key) const {
  const auto it = numbers.find(key);
  if (it == numbers.end()) {
    if (texts.count(key) == 0) missing(key);
    throw std::invalid_argument("param '" + key + "' must list numbers");
  }
  return it->second;
}

std::vector<int> NodeParams::ints(const std::string& key) const {
  std::vector<int> out;
  for (double v : list(key)) out.push_back(static_cast<int>(v));
  return out;
}

std::vector<int> NodeParams::ints(const std::string& key, size_t count) const {
  std::vector<int> out = ints(key);
  if (out.size() != count)
    throw std::invalid_argument("param '" + key + "' must list " + std::to_string(count) + " numbers, got " + std::to_string(out.size()));
  return out;
}

const std::string& NodeParams::text(const std::string& key) const {
  const auto it = texts.find(key);
  if (it == texts.end()) {
    if (numbers.count(key) == 0) missing(key);
    throw std::invalid_argument("param '" + key + "' must be a string");
  }
  return it->second;
}

Act NodeParams::activation() const {
  static const std::map<std::string, Act> kActs = {
      {"linear", Act::Linear}, {"relu", Act::Relu}, {"sigmoid", Act::Sigmoid}, {"tanh", Act::Tanh},
      {"softmax", Act::Softmax}, {"leaky_relu", Act::LeakyRelu}, {"elu", Act::Elu}, {"gelu", Act::Gelu},
      {"swish", Act::Swish}};
  if (!has("activation")) return Act::Linear;
  const std::string& name = text("activation");
  const auto it = kActs.find(name);
  if (it == kActs.end()) throw std::invalid_argument("unknown activation '" + name + "'");
  return it->second;
}

} // namespace layerwise
