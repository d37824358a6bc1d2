#include "interleave/explore.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <exception>
#include <thread>

#include "engines/engine.hpp"
#include "engines/processes/processes_engine.hpp"
#include "explore/environment.hpp"
#include "explore/explore_observer.hpp"
#include "explore/replay_token.hpp"
#include "explore/shrink.hpp"

namespace interleave {
namespace {

constexpr std::array<std::pair<Strategy::Kind, std::string_view>, 7> kStrategyNames{{
    {Strategy::Kind::portfolio, "portfolio"},
    {Strategy::Kind::random, "random"},
    {Strategy::Kind::pct, "pct"},
    {Strategy::Kind::pos, "pos"},
    {Strategy::Kind::dfs, "dfs"},
    {Strategy::Kind::replay, "replay"},
    {Strategy::Kind::guided, "guided"},
}};

constexpr std::array<std::pair<EngineKind, std::string_view>, 4> kEngineNames{{
    {EngineKind::fiber, "fiber"},
    {EngineKind::threads, "threads"},
    {EngineKind::processes, "processes"},
    {EngineKind::tsan, "tsan"},
}};

bool past(const std::optional<std::chrono::steady_clock::time_point>& deadline) {
  return deadline && std::chrono::steady_clock::now() >= *deadline;
}

bool interrupted(const ExploreOptions& options) {
  return options.interrupt != nullptr && options.interrupt->load(std::memory_order_relaxed);
}

// Shrinks the failing schedule (unless told not to), then replays it once
// with event recording on, so that the report can show the interleaving.
void explain_failure(engines::Engine& engine, const ExploreOptions& options, const std::function<void()>& body,
                     const engines::RunOutcome& failing, ExploreResult& result) {
  result.preemptions_found = failing.preemptions;
  std::vector<int> schedule = failing.schedule;
  if (options.shrink && options.strategy.kind != Strategy::Kind::replay && !past(options.deadline) &&
      !interrupted(options)) {
    // Shrinking takes at most a second, and no more than the budget has left.
    auto time = std::chrono::milliseconds(1'000);
    if (options.deadline)
      time = std::min(time, std::chrono::duration_cast<std::chrono::milliseconds>(*options.deadline -
                                                                                  std::chrono::steady_clock::now()));
    auto shrunk = exploration::shrink_schedule(engine, body, failing, 5'000, time);
    schedule = std::move(shrunk.schedule);
    result.preemptions_proven = shrunk.fewest_proven;
  }
  engine.use_strategy(replay(schedule));
  engine.set_recording(true);
  const engines::RunOutcome& replayed = engine.run(body, *result.failing_seed);
  engine.set_recording(false);
  if (replayed.verdict != result.verdict) {
    result.diverged = true;  // the program did not repeat itself: keep what was first found
    result.preemptions_proven = false;
    return;
  }
  result.message = replayed.message;
  result.details = replayed.details;
  result.failing_schedule = replayed.schedule;
  result.preemptions = replayed.preemptions;
  result.failing_steps = replayed.steps;
  result.events = replayed.events;
}

void take_failure(ExploreResult& result, const engines::RunOutcome& outcome, std::uint64_t seed) {
  result.verdict = outcome.verdict;
  result.message = outcome.message;
  result.details = outcome.details;
  result.failing_seed = seed;
  result.failing_schedule = outcome.schedule;
  result.preemptions = outcome.preemptions;
  result.failing_steps = outcome.steps;
}

// A failure found after a lock-order inversion says which inversion led
// there, unless its own schedule saw one too.
void add_inversion(ExploreResult& result, const engines::RunOutcome& inversion) {
  const bool listed = std::any_of(result.details.begin(), result.details.end(),
                                  [](const std::string& line) { return line.starts_with(engines::kInversionDetail); });
  if (listed) return;
  for (const auto& line : inversion.details) result.details.push_back(std::string(engines::kInversionDetail) + line);
}

ExploreResult explore_here(const ExploreOptions& options, const std::function<void()>& body);

// A race's consequence: the same body explored with plain accesses as
// scheduling points (the detector off), from the same seed, briefly.
std::optional<RaceConsequence> find_race_consequence(const ExploreOptions& options, const std::function<void()>& body) {
  ExploreOptions again = options;
  again.detect_races = false;
  again.show_race_consequence = false;
  again.schedules = std::min(options.schedules, options.race_consequence_schedules);
  const auto second = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  again.deadline = options.deadline ? std::min(*options.deadline, second) : second;
  again.on_schedule = nullptr;
  again.progress = nullptr;
  const ExploreResult found = explore_here(again, body);
  if (found.clean() || !found.failing_seed || found.diverged) return std::nullopt;
  return RaceConsequence{found.verdict,   found.message,          *found.failing_seed,
                         found.schedules, found.failing_schedule, found.preemptions};
}

// Said of a clean result when no spawned task ever called into the engine.
std::string unobserved_tasks_warning(const ExploreOptions& options) {
  switch (options.engine) {
    case EngineKind::fiber:
      return "no spawned task reached a scheduling point, so every schedule was the same one: does this code "
             "synchronize with std::mutex or std::atomic instead of interleave::sync? The scheduler sees only "
             "interleave's primitives";
    case EngineKind::threads:
      return "no spawned task reached an interleave operation, so nothing was checked: does this code "
             "synchronize with std::mutex or std::atomic instead of interleave::sync? The threads engine sees "
             "only interleave's primitives (ThreadSanitizer, --engine tsan, sees std's)";
    default:
      return {};
  }
}

ExploreResult explore_here(const ExploreOptions& options, const std::function<void()>& body) {
  using clock = std::chrono::steady_clock;
  ExploreResult result;
  auto engine = engines::make_engine(options);
  engines::RunOutcome failing;
  auto started = clock::now();
  auto last_report = started;
  const std::uint64_t schedules = options.engine == EngineKind::processes
                                      ? std::min(options.schedules, engines::processes::ProcessesEngine::kMaxSchedules)
                                      : options.schedules;
  std::uint64_t grace_left = options.schedules_after_failed_check;
  std::optional<engines::RunOutcome> inversion;  // the first schedule whose only finding was one
  bool workers_acted = false;
  std::uint64_t inversion_seed = 0;
  for (std::uint64_t i = 0; i < schedules; ++i) {
    // A started exploration runs at least one schedule; fiber schedules take
    // microseconds, so the clock is read at every 16th.
    if (i > 0 && (options.engine != EngineKind::fiber || (i & 15) == 0)) {
      if (interrupted(options)) {
        result.interrupted = true;
        break;
      }
      if (past(options.deadline)) {
        result.budget_reached = true;
        break;
      }
    }
    std::uint64_t seed = options.seed + i;
    if (options.on_schedule) options.on_schedule(seed);
    const engines::RunOutcome& outcome = engine->run(body, seed);
    // On real threads or processes the signal may have reached the schedule
    // itself (a worker killed by Ctrl-C): what it found is not a verdict.
    if (outcome.verdict != Verdict::clean && options.engine != EngineKind::fiber && interrupted(options)) {
      result.interrupted = true;
      break;
    }
    ++result.schedules;
    result.max_tasks = std::max(result.max_tasks, outcome.tasks);
    result.max_steps = std::max(result.max_steps, outcome.steps);
    result.diverged = result.diverged || outcome.diverged;
    workers_acted = workers_acted || outcome.workers_acted;
    if (outcome.verdict == Verdict::lock_order_inversion) {
      // A deadlock waiting to happen, not one that happened: the search goes
      // on for the schedule in which it does (or a check fails).
      if (!inversion) {
        inversion = outcome;
        inversion_seed = seed;
      }
    } else if (outcome.verdict != Verdict::clean) {
      if (!result.failing_seed) {
        take_failure(result, outcome, seed);
        failing = outcome;
      }
      if (outcome.verdict != Verdict::invariant || grace_left-- == 0) break;
    }
    if (outcome.exhausted) {
      result.exhausted = true;
      break;
    }
    if (options.progress && (i & 1023) == 1023 && clock::now() - last_report > std::chrono::seconds(1)) {
      last_report = clock::now();
      options.progress(result.schedules);
    }
  }
  auto explored = clock::now();
  result.seconds = std::chrono::duration<double>(explored - started).count();
  if (inversion && !result.failing_seed) {
    take_failure(result, *inversion, inversion_seed);
    failing = *inversion;
  }
  if (result.failing_seed && engine->deterministic()) {
    explain_failure(*engine, options, body, failing, result);
    result.shrink_seconds = std::chrono::duration<double>(clock::now() - explored).count();
  }
  if (inversion && result.verdict != Verdict::lock_order_inversion) add_inversion(result, *inversion);
  if (result.clean() && result.max_tasks > 1 && !workers_acted) result.warning = unobserved_tasks_warning(options);
  if (result.verdict == Verdict::race && options.show_race_consequence && options.engine == EngineKind::fiber &&
      !interrupted(options) && !past(options.deadline)) {
    engine.reset();  // one fiber engine per thread at a time
    result.race_consequence = find_race_consequence(options, body);
  }
  return result;
}

}  // namespace

Strategy portfolio() { return {}; }

Strategy random_walk() {
  Strategy strategy;
  strategy.kind = Strategy::Kind::random;
  return strategy;
}

Strategy pct(int depth) {
  Strategy strategy;
  strategy.kind = Strategy::Kind::pct;
  strategy.parameter = depth;
  return strategy;
}

Strategy pos() {
  Strategy strategy;
  strategy.kind = Strategy::Kind::pos;
  return strategy;
}

Strategy dfs(int max_preemptions) {
  Strategy strategy;
  strategy.kind = Strategy::Kind::dfs;
  strategy.parameter = max_preemptions;
  return strategy;
}

Strategy replay(std::vector<int> script) {
  Strategy strategy;
  strategy.kind = Strategy::Kind::replay;
  strategy.script = std::move(script);
  return strategy;
}

std::string to_string(const Strategy& strategy) {
  std::string name;
  for (const auto& [kind, text] : kStrategyNames)
    if (kind == strategy.kind) name = text;
  if (strategy.kind == Strategy::Kind::pct || (strategy.kind == Strategy::Kind::dfs && strategy.parameter >= 0))
    name += ":" + std::to_string(strategy.parameter);
  return name;
}

std::optional<Strategy> parse_strategy(std::string_view text) {
  auto colon = text.find(':');
  std::string_view name = text.substr(0, colon);
  std::optional<int> parameter;
  if (colon != std::string_view::npos) {
    std::string_view digits = text.substr(colon + 1);
    int value = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc{} || end != digits.data() + digits.size() || digits.empty()) return std::nullopt;
    parameter = value;
  }
  if (name == "portfolio" && !parameter) return portfolio();
  if (name == "random" && !parameter) return random_walk();
  if (name == "pos" && !parameter) return pos();
  if (name == "pct" && parameter && *parameter >= 1 && *parameter <= 100) return pct(*parameter);
  if (name == "dfs" && !parameter) return dfs();
  if (name == "dfs" && parameter && *parameter >= 0 && *parameter <= 1000) return dfs(*parameter);
  return std::nullopt;
}

std::string_view to_string(EngineKind engine) {
  for (const auto& [kind, name] : kEngineNames)
    if (kind == engine) return name;
  return "unknown";
}

std::optional<EngineKind> parse_engine(std::string_view text) {
  for (const auto& [kind, name] : kEngineNames)
    if (name == text) return kind;
  return std::nullopt;
}

namespace {

// A fiber exploration runs on a thread of its own: the fiber engine installs
// its scheduling algorithm on the thread it runs on, and the caller's thread
// (a test's, say) should not be left changed. The other engines leave it as
// they found it, and a thread to start costs a short run dearly.
ExploreResult explore_on_its_thread(const ExploreOptions& options, const std::function<void()>& body) {
  if (options.engine != EngineKind::fiber) return explore_here(options, body);
  ExploreResult result;
  std::exception_ptr failure;
  std::thread worker([&] {
    try {
      result = explore_here(options, body);
    } catch (...) {
      failure = std::current_exception();
    }
  });
  worker.join();
  if (failure) std::rethrow_exception(failure);
  return result;
}

// A token for a failure outside the catalog: no scenario or parameters,
// replayed by replay_token() or INTERLEAVE_REPLAY, which need neither.
std::string token_of(const ExploreOptions& options, const ExploreResult& result) {
  if (result.clean() || options.engine != EngineKind::fiber || !result.failing_seed) return {};
  exploration::ReplayToken token;
  token.scenario = "explore";
  token.variant = "body";
  token.strategy = result.strategy;
  token.seed = *result.failing_seed;
  token.verdict = result.verdict;
  token.options = exploration::ScheduleOptions::of(options);
  token.schedule = result.failing_schedule;
  return exploration::encode_token(token);
}

}  // namespace

ExploreResult explore(const ExploreOptions& given, const std::function<void()>& body) {
  exploration::ObservedExploration observed;
  const ExploreOptions options = given.environment_overrides ? exploration::with_environment(given) : given;
  ExploreResult result = explore_on_its_thread(options, body);
  result.strategy = to_string(options.strategy);
  result.replay_token = token_of(options, result);
  observed.ended(result);
  return result;
}

ExploreResult replay_token(const std::string& token, const std::function<void()>& body, ExploreOptions options) {
  options = exploration::replaying(token, std::move(options));
  options.environment_overrides = false;
  return explore(options, body);
}

}  // namespace interleave
