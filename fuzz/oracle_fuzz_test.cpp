// The harness against oracles on programs rapidcheck generates
// (programs.hpp): dfs reaches exactly the final states that enumerating
// every interleaving reaches (so the reductions it makes, an unlock being no
// decision, lose nothing), and replaying a schedule gives its trace again.
// And a replay token of any content decodes to what was encoded.

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <set>

#include "explore/replay_token.hpp"
#include "fixed_seed.hpp"
#include "interleave/interleave.hpp"
#include "programs.hpp"

namespace interleave::fuzz {
namespace {

RC_GTEST_PROP(HarnessOracle, DfsReachesEveryFinalStateThatBruteForceReaches, ()) {
  // Small enough for dfs to finish: its schedules far outnumber the
  // interleavings (the main task's spawns and joins are decisions too), and
  // three tasks of seven steps already take more than 200,000.
  const Program program = *programs(10, 2);
  const std::vector<FinalState> expected = every_final_state(program);
  RC_PRE(expected.size() > 1);  // a program with one outcome shows nothing of the search
  std::set<FinalState> reached;
  ExploreOptions options;
  options.strategy = dfs();
  options.detect_races = false;  // plain accesses are scheduling points, so every order of them is explored
  options.spurious_wakeups = 0;
  options.schedules = 200'000;
  const ExploreResult result = explore(options, [&] { reached.insert(run_under_interleave(program)); });
  RC_ASSERT(result.clean());
  RC_ASSERT(result.exhausted);
  RC_TAG(expected.size(), result.schedules > 10'000 ? "over 10,000 schedules" : "under 10,000 schedules");
  RC_ASSERT(std::vector<FinalState>(reached.begin(), reached.end()) == expected);
}

// Every schedule ends in a failed check (or, with the race detector on, a
// race), so that the failing one's trace is recorded; its schedule,
// replayed, must give the same verdict and trace.
RC_GTEST_PROP(HarnessOracle, ReplayingAScheduleGivesItsTraceAgain, ()) {
  const Program program = *programs();
  const auto seed = *rc::gen::inRange<std::uint64_t>(1, 1'000'000);
  auto body = [&] {
    run_under_interleave(program);
    check(false, "the end, so that the schedule is recorded");
  };
  ExploreOptions options;
  options.strategy = random_walk();
  options.seed = seed;
  options.detect_races = *rc::gen::arbitrary<bool>();
  options.shrink = false;
  const ExploreResult found = explore(options, body);
  RC_ASSERT(found.verdict == Verdict::invariant || (options.detect_races && found.verdict == Verdict::race));
  options.strategy = replay(found.failing_schedule);
  const ExploreResult replayed = explore(options, body);
  RC_ASSERT(replayed.verdict == found.verdict);
  RC_ASSERT(!replayed.diverged);
  RC_ASSERT(replayed.events.size() == found.events.size());
  for (std::size_t i = 0; i < found.events.size(); ++i) {
    RC_ASSERT(replayed.events[i].task == found.events[i].task);
    RC_ASSERT(replayed.events[i].text == found.events[i].text);
    RC_ASSERT(replayed.events[i].where == found.events[i].where);
  }
}

rc::Gen<std::string> names() {
  return rc::gen::nonEmpty(rc::gen::container<std::string>(rc::gen::oneOf(
      rc::gen::inRange('a', static_cast<char>('z' + 1)), rc::gen::just('_'), rc::gen::inRange('0', '9'))));
}

RC_GTEST_PROP(HarnessOracle, AReplayTokenDecodesToWhatWasEncoded, ()) {
  exploration::ReplayToken token;
  token.scenario = *names();
  token.variant = *names();
  token.engine = *rc::gen::element(EngineKind::fiber, EngineKind::threads, EngineKind::processes, EngineKind::tsan);
  token.strategy = *rc::gen::element<std::string>("portfolio", "random", "pct:3", "pos", "dfs");
  token.seed = *rc::gen::arbitrary<std::uint64_t>();
  token.verdict = *rc::gen::element(Verdict::race, Verdict::invariant, Verdict::deadlock, Verdict::hang,
                                    Verdict::lock_order_inversion, Verdict::not_linearizable);
  token.options.detect_races = *rc::gen::arbitrary<bool>();
  token.options.detect_lock_order = *rc::gen::arbitrary<bool>();
  token.options.spurious_wakeups = *rc::gen::inRange(0, exploration::kMaxSpuriousWakeups + 1);
  token.options.max_steps = *rc::gen::inRange<std::uint64_t>(1, exploration::kMaxStepsLimit + 1);
  token.options.blocked_loop_ms = *rc::gen::inRange<std::int64_t>(0, exploration::kMaxBlockedLoopMs + 1);
  for (const auto& [key, value] : *rc::gen::container<std::map<std::string, std::int64_t>>(
           rc::gen::container<std::string>(rc::gen::inRange('a', static_cast<char>('z' + 1))),
           rc::gen::inRange<std::int64_t>(0, 10'001)))
    if (!key.empty()) token.params.set(key, value);
  token.schedule = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 300));
  const exploration::ReplayToken decoded = exploration::decode_token(exploration::encode_token(token));
  RC_ASSERT(decoded.scenario == token.scenario);
  RC_ASSERT(decoded.variant == token.variant);
  RC_ASSERT(decoded.engine == token.engine);
  RC_ASSERT(decoded.strategy == token.strategy);
  RC_ASSERT(decoded.seed == token.seed);
  RC_ASSERT(decoded.verdict == token.verdict);
  RC_ASSERT(decoded.options == token.options);
  RC_ASSERT(decoded.options_recorded);
  RC_ASSERT(decoded.params.values() == token.params.values());
  RC_ASSERT(decoded.schedule == token.schedule);
}

}  // namespace
}  // namespace interleave::fuzz

int main(int argc, char** argv) { return interleave::fuzz::run_properties(argc, argv, 200); }
