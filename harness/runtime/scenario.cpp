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

bool LincheckVariant::expects_bug() const {
  return std::find(expected.begin(), expected.end(), Verdict::clean) == expected.end();
}

bool LincheckVariant::matches(Verdict verdict) const {
  return std::find(expected.begin(), expected.end(), verdict) != expected.end();
}

bool Variant::runs_on(EngineKind engine) const {
  if (engine == EngineKind::tsan) engine = EngineKind::threads;
  return std::find(engines.begin(), engines.end(), engine) != engines.end();
}

std::vector<Verdict> Variant::expected_on(EngineKind engine) const {
  if (engine != EngineKind::tsan) return expected;
  if (!expected_under_tsan.empty()) return expected_under_tsan;
  auto expects = [this](Verdict verdict) {
    return std::find(expected.begin(), expected.end(), verdict) != expected.end();
  };
  if (expects(Verdict::race)) return {Verdict::race};
  if (expects(Verdict::lock_order_inversion)) return {Verdict::lock_order_inversion};
  // TSan does not see blocking; the threads engine's watchdog, which runs
  // inside the TSan build too, still reports the deadlock or hang.
  std::vector<Verdict> blocking;
  for (Verdict verdict : expected)
    if (verdict == Verdict::deadlock || verdict == Verdict::hang) blocking.push_back(verdict);
  if (!blocking.empty()) return blocking;
  return {Verdict::clean};
}

std::string Variant::blind_spot(EngineKind engine) const {
  if (engine == EngineKind::tsan && !tsan_differs.empty() && runs_on(engine)) return tsan_differs;
  if (!expects_bug() || !runs_on(engine)) return {};
  if (engine != EngineKind::tsan || expected_on(engine) != std::vector<Verdict>{Verdict::clean}) return {};
  return "ThreadSanitizer reports data races and lock-order cycles; here every access is synchronized (atomic or "
         "under a lock), so there is no data race to report. The bug is an atomicity violation or a logic error "
         "between synchronized steps, which only the scenario's own check catches: the fiber and threads engines "
         "report it as `invariant`.";
}

const Variant* Scenario::twin_of(const Variant& variant) const {
  for (const auto& candidate : variants)
    if (!variant.twin.empty() ? candidate.name == variant.twin : !candidate.expects_bug()) return &candidate;
  return nullptr;
}

const LincheckVariant* Scenario::twin_of(const LincheckVariant& variant) const {
  for (const auto& candidate : lincheck)
    if (!variant.twin.empty() ? candidate.name == variant.twin : !candidate.expects_bug()) return &candidate;
  return nullptr;
}

ParamRange Scenario::range_of(std::string_view key) const {
  auto it = ranges.find(key);
  return it == ranges.end() ? ParamRange{} : it->second;
}

Params Scenario::lesson_params() const {
  Params params = defaults;
  for (const auto& [key, value] : lesson_sizes.values()) params.set(key, value);
  return params;
}

bool Variant::matches(Verdict verdict) const {
  return std::find(expected.begin(), expected.end(), verdict) != expected.end();
}

bool Variant::matches(Verdict verdict, EngineKind engine) const {
  auto on_engine = expected_on(engine);
  return std::find(on_engine.begin(), on_engine.end(), verdict) != on_engine.end();
}

}  // namespace interleave
