#include "interleave/scenario.hpp"

#include <algorithm>
#include <stdexcept>

namespace interleave {

std::int64_t Params::operator[](std::string_view key) const {
  auto it = values_.find(key);
  if (it == values_.end()) throw std::out_of_range("scenario parameter '" + std::string(key) + "' is not declared");
  return it->second;
}

bool Variant::expects_bug() const {
  return std::find(expected.begin(), expected.end(), Verdict::clean) == expected.end();
}

bool Variant::runs_on(EngineKind engine) const {
  return std::find(engines.begin(), engines.end(), engine) != engines.end();
}

const Variant* Scenario::twin_of(const Variant& variant) const {
  for (const auto& candidate : variants)
    if (!variant.twin.empty() ? candidate.name == variant.twin : !candidate.expects_bug()) return &candidate;
  return nullptr;
}

Params Scenario::lesson_params() const {
  Params params = defaults;
  for (const auto& [key, value] : lesson_sizes.values()) params.set(key, value);
  return params;
}

bool Variant::matches(Verdict verdict) const {
  return std::find(expected.begin(), expected.end(), verdict) != expected.end();
}

}  // namespace interleave
