// Typed reads of a node's native params, with errors that name the key.
#include <stdexcept>

#include "model_spec.h"

namespace layerwise {

double NodeParams::number(const std::string& key) const {
  const auto it = numbers.find(key);
  if (it == numbers.end() || it->second.size() != 1) throw std::invalid_argument("param '" + key + "' must be a number");
  return it->second[0];
}

const std::vector<double>& NodeParams::list(const std::string& key) const {
  const auto it = numbers.find(key);
  if (it == numbers.end()) throw std::invalid_argument("param '" + key + "' is missing");
  return it->second;
}

std::vector<int> NodeParams::ints(const std::string& key) const {
  std::vector<int> out;
  for (double v : list(key)) out.push_back(static_cast<int>(v));
  return out;
}

const std::string& NodeParams::text(const std::string& key) const {
  const auto it = texts.find(key);
  if (it == texts.end()) throw std::invalid_argument("param '" + key + "' must be a string");
  return it->second;
}

} // namespace layerwise
