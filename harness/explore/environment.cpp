#include "explore/environment.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <stdexcept>

#include "explore/replay_token.hpp"

namespace interleave::exploration {
namespace {

std::uint64_t whole_number(const char* variable, const std::string& text, std::uint64_t min) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < min)
    throw std::invalid_argument(
        fmt::format("{}='{}': expected a whole number of at least {}", variable, text.substr(0, 80), min));
  return value;
}

}  // namespace

ExploreOptions replaying(const std::string& text, ExploreOptions options) {
  const ReplayToken token = decode_token(text);
  if (token.engine != EngineKind::fiber)
    throw std::invalid_argument("the token is not a fiber schedule: only the fiber engine replays one exactly");
  token.options.apply_to(options);
  options.engine = EngineKind::fiber;
  options.strategy = replay(token.schedule);
  options.schedules = 1;
  options.seed = token.seed;
  options.shrink = false;
  return options;
}

ExploreOptions with_environment(ExploreOptions options) {
  if (const char* seed = std::getenv("INTERLEAVE_SEED")) options.seed = whole_number("INTERLEAVE_SEED", seed, 0);
  if (const char* schedules = std::getenv("INTERLEAVE_SCHEDULES"))
    options.schedules = whole_number("INTERLEAVE_SCHEDULES", schedules, 1);
  if (const char* strategy = std::getenv("INTERLEAVE_STRATEGY")) {
    auto parsed = parse_strategy(strategy);
    if (!parsed)
      throw std::invalid_argument(fmt::format(
          "INTERLEAVE_STRATEGY='{}': not a strategy (portfolio, random, pct:N, pos, dfs, dfs:N)", strategy));
    options.strategy = *parsed;
  }
  if (const char* token = std::getenv("INTERLEAVE_REPLAY")) {
    try {
      options = replaying(token, std::move(options));
    } catch (const std::invalid_argument& error) {
      throw std::invalid_argument(fmt::format("INTERLEAVE_REPLAY: {}", error.what()));
    }
  }
  return options;
}

}  // namespace interleave::exploration
