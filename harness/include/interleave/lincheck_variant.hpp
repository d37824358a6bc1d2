#pragma once

// A scenario's linearizability variant, as `interleave lincheck` runs it:
// generated cases (a script of operations per task), each explored over
// many schedules and every history checked against a sequential model. The
// runner is type-erased, so the CLI needs neither the model nor rapidcheck;
// interleave/lincheck_cases.hpp builds one from a model.

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "interleave/explore.hpp"
#include "interleave/verdict.hpp"

namespace interleave {

struct LincheckRequest {
  // Engine, strategy, schedules per case, max steps, race detection; its
  // seed is ignored: each case's comes from `seed`.
  ExploreOptions explore;
  // Case k's scripts and schedules come from seed + k alone, so
  // `--seed <that> --cases 1` runs that case again.
  std::uint64_t seed = 1;
  int cases = 100;
  // A failing case is shrunk twice: fewest operations (rapidcheck's shrink
  // tree), then its schedule to fewest preemptions (explore's shrinker).
  bool shrink = true;
};

struct LincheckOutcome {
  Verdict verdict = Verdict::clean;
  std::string message;
  // For not_linearizable the failing history, a column per task (else the
  // exploration's own details).
  std::vector<std::string> details;
  int cases = 0;  // cases run, the failing one included
  std::uint64_t schedules = 0;
  std::uint64_t histories_checked = 0;
  double seconds = 0;         // running the cases, up to and including the failing one
  double shrink_seconds = 0;  // both shrinks
  std::optional<std::uint64_t> failing_case_seed;
  std::vector<int> operations_found;   // per task, in the failing case as generated
  std::vector<int> operations_shrunk;  // per task, after shrinking
  std::vector<std::string> script;     // the shrunk case's scripts, a column per task
  int preemptions_found = 0;
  int preemptions = 0;
  bool interrupted = false;

  bool clean() const { return verdict == Verdict::clean; }
  double histories_per_second() const { return seconds > 0 ? histories_checked / seconds : 0; }
};

using LincheckRunner = std::function<LincheckOutcome(const LincheckRequest&)>;

struct LincheckVariant {
  std::string name;  // usually the ordinary variant's whose object it checks
  std::vector<Verdict> expected;
  std::string lesson;
  LincheckRunner run;
  std::string twin = {};  // the correct one (empty: the first clean lincheck variant)

  bool expects_bug() const;
  bool matches(Verdict verdict) const;
};

}  // namespace interleave
