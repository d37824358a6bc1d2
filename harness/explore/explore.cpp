#include "interleave/explore.hpp"

#include <array>
#include <exception>
#include <ostream>
#include <thread>

#include "engines/engine.hpp"

namespace interleave {
namespace {

constexpr std::array<std::pair<EngineKind, std::string_view>, 2> kEngineNames{{
    {EngineKind::fiber, "fiber"},
    {EngineKind::threads, "threads"},
}};

ExploreResult explore_here(const ExploreOptions& options, const std::function<void()>& body) {
  using clock = std::chrono::steady_clock;
  ExploreResult result;
  auto engine = engines::make_engine(options);
  auto started = clock::now();
  auto last_report = started;
  for (std::uint64_t i = 0; i < options.schedules; ++i) {
    std::uint64_t seed = options.seed + i;
    const engines::RunOutcome& outcome = engine->run(body, seed);
    ++result.schedules;
    if (outcome.verdict != Verdict::clean) {
      result.verdict = outcome.verdict;
      result.message = outcome.message;
      result.details = outcome.details;
      result.failing_seed = seed;
      break;
    }
    if (options.progress && (i & 1023) == 1023 && clock::now() - last_report > std::chrono::seconds(1)) {
      last_report = clock::now();
      options.progress(result.schedules);
    }
  }
  result.seconds = std::chrono::duration<double>(clock::now() - started).count();
  return result;
}

}  // namespace

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

// Each exploration runs on a thread of its own: the fiber engine installs its
// scheduling algorithm on the thread it runs on, and the caller's thread
// (a test's, say) should not be left changed.
ExploreResult explore(const ExploreOptions& options, const std::function<void()>& body) {
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

std::ostream& operator<<(std::ostream& out, const ExploreResult& result) {
  out << to_string(result.verdict) << " after " << result.schedules << " schedule"
      << (result.schedules == 1 ? "" : "s");
  if (!result.message.empty()) out << "\n  " << result.message;
  for (const auto& line : result.details) out << "\n    " << line;
  if (result.failing_seed) out << "\n  reproduce with seed " << *result.failing_seed;
  return out;
}

}  // namespace interleave
