#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interleave/explore.hpp"
#include "interleave/lincheck_variant.hpp"
#include "interleave/verdict.hpp"

namespace interleave {

// A scenario's size parameters (workers, iterations, ...), each with a
// default that `--set KEY=VALUE` may override.
class Params {
 public:
  Params() = default;
  explicit Params(std::map<std::string, std::int64_t, std::less<>> values) : values_(std::move(values)) {}

  // Throws std::out_of_range naming the key when the scenario did not declare it.
  std::int64_t operator[](std::string_view key) const;
  int as_int(std::string_view key) const { return static_cast<int>((*this)[key]); }
  void set(const std::string& key, std::int64_t value) { values_[key] = value; }
  bool has(std::string_view key) const { return values_.find(key) != values_.end(); }
  const auto& values() const { return values_; }

 private:
  std::map<std::string, std::int64_t, std::less<>> values_;
};

// The values a scenario parameter may take, from --set, a replay token or a
// trace file alike.
struct ParamRange {
  std::int64_t min = 0;
  std::int64_t max = 10'000;
};

// A number of tasks (threads, fibers, processes); `interleave bench` runs up to 256 threads.
inline constexpr ParamRange kTaskCount{1, 256};

struct Variant {
  std::string name;
  // Any of these verdicts counts as the expected outcome.
  std::vector<Verdict> expected;
  // What breaks, why, and the fix; printed by the CLI.
  std::string lesson;
  std::function<void(const Params&)> body;
  // The engines this variant means something on; the first is its own.
  std::vector<EngineKind> engines = {EngineKind::fiber, EngineKind::threads};
  // The correct variant that fixes this one (empty: the scenario's first clean one).
  std::string twin;
  // ThreadSanitizer's verdicts where they are not what expected_on derives
  // from `expected` (a false alarm of its lock-order detector, say), and why.
  std::vector<Verdict> expected_under_tsan = {};
  std::string tsan_differs = {};

  bool expects_bug() const;
  // The tsan engine runs wherever the threads engine does.
  bool runs_on(EngineKind engine) const;
  bool matches(Verdict verdict) const;
  bool matches(Verdict verdict, EngineKind engine) const;

  // What this variant's bug looks like to `engine`. Under ThreadSanitizer a
  // data race is `race` and a lock-order cycle `lock_order_inversion`; an
  // atomicity violation without a data race is invisible (`clean`).
  std::vector<Verdict> expected_on(EngineKind engine) const;
  // Why `engine` judges this variant otherwise than `expected` says (a bug
  // it cannot see, or a false alarm); empty when it does not.
  std::string blind_spot(EngineKind engine) const;
};

// How `interleave bench` sizes a correct variant to measure its throughput.
struct BenchSpec {
  std::vector<std::string> thread_keys;             // parameters set to the thread count
  Params sizes;                                     // so that one run does milliseconds of work
  std::function<double(const Params&)> operations;  // units of work one run does
  std::string unit = "operations";
};

struct Scenario {
  std::string name;
  std::string summary;
  Params defaults;
  std::vector<Variant> variants;
  // Smaller sizes that still show every bug, for `interleave explain`: a
  // shorter interleaving reads better (empty: the defaults).
  Params lesson_sizes = {};
  // Throughput sizes for `interleave bench` (none: not benchmarked).
  std::optional<BenchSpec> bench = {};
  // Parameters whose range is not ParamRange{}: each task costs a stack, a
  // thread or a process, so task counts are bounded tighter.
  std::map<std::string, ParamRange, std::less<>> ranges = {};
  // `interleave lincheck`: the scenario's object checked against a
  // sequential model (none: the scenario has no natural one).
  std::vector<LincheckVariant> lincheck = {};

  ParamRange range_of(std::string_view key) const;
  // The correct variant a broken one should be read against.
  const Variant* twin_of(const Variant& variant) const;
  const LincheckVariant* twin_of(const LincheckVariant& variant) const;
  // The defaults with lesson_sizes applied.
  Params lesson_params() const;
};

}  // namespace interleave
