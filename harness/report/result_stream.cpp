// operator<< for ExploreResult: what a test prints on failure.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <ostream>
#include <sstream>
#include <string>

#include "interleave/explore.hpp"
#include "report/timeline.hpp"

namespace interleave {

std::ostream& operator<<(std::ostream& out, const ExploreResult& result) {
  fmt::print(out, "{} after {} schedule{}", to_string(result.verdict), result.schedules,
             result.schedules == 1 ? "" : "s");
  if (!result.strategy.empty()) fmt::print(out, " ({})", result.strategy);
  if (!result.warning.empty()) fmt::print(out, "\n  warning: {}", result.warning);
  if (result.clean()) return out;
  if (!result.message.empty()) fmt::print(out, "\n  {}", result.message);
  for (const auto& line : result.details) fmt::print(out, "\n    {}", line);
  if (!result.events.empty()) {
    fmt::print(out, "\n  {}\n", report::interleaving_heading(result));
    std::ostringstream timeline;
    report::print_timeline(timeline, result.events, "    ");
    std::string rows = timeline.str();
    if (!rows.empty() && rows.back() == '\n') rows.pop_back();
    out << rows;
  }
  if (const auto& consequence = result.race_consequence)
    fmt::print(out, "\n  the race leads to: {}", consequence->message);
  if (result.diverged) fmt::print(out, "\n  note: a rerun did not follow the same schedule");
  if (result.failing_seed) fmt::print(out, "\n  seed: {}", *result.failing_seed);
  if (!result.replay_token.empty())
    fmt::print(out, "\n  replay: INTERLEAVE_REPLAY='{}' (or interleave::replay_token)", result.replay_token);
  return out;
}

}  // namespace interleave
