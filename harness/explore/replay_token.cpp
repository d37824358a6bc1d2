#include "explore/replay_token.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace interleave::exploration {
namespace {

constexpr std::string_view kPrefix = "il2";
constexpr std::string_view kOldPrefix = "il1";  // before the schedule options: 8 fields
constexpr std::string_view kDigits = "0123456789abcdefghijklmnopqrstuvwxyz";

std::uint32_t fnv1a(std::string_view text) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : text) hash = (hash ^ c) * 16777619u;
  return hash;
}

// Task ids below 36 are one character; larger ones are written ~decimal.
std::string encode_schedule(const std::vector<int>& schedule) {
  std::string text;
  for (int task : schedule)
    text += task >= 0 && task < static_cast<int>(kDigits.size()) ? std::string(1, kDigits[task])
                                                                 : fmt::format("~{}.", task);
  return text.empty() ? "-" : text;
}

std::vector<int> decode_schedule(std::string_view text) {
  std::vector<int> schedule;
  if (text == "-") return schedule;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '~') {
      auto end = text.find('.', i);
      if (end == std::string_view::npos) throw std::invalid_argument("bad task id in the schedule");
      int task = 0;
      auto [ptr, error] = std::from_chars(text.data() + i + 1, text.data() + end, task);
      if (error != std::errc{} || ptr != text.data() + end || task < 0)
        throw std::invalid_argument("bad task id in the schedule");
      schedule.push_back(task);
      i = end;
      continue;
    }
    auto digit = kDigits.find(text[i]);
    if (digit == std::string_view::npos) throw std::invalid_argument("bad character in the schedule");
    schedule.push_back(static_cast<int>(digit));
  }
  return schedule;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i)
    if (i == text.size() || text[i] == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  return parts;
}

template <typename Number>
Number parse_number(std::string_view text, const char* what) {
  Number value = 0;
  auto [ptr, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || ptr != text.data() + text.size() || text.empty())
    throw std::invalid_argument(fmt::format("bad {} '{}'", what, text));
  return value;
}

std::string encode_options(const ScheduleOptions& options) {
  return fmt::format("races={:d},locks={:d},spurious={},steps={},blocked={}", options.detect_races,
                     options.detect_lock_order, options.spurious_wakeups, options.max_steps, options.blocked_loop_ms);
}

template <typename Number>
Number parse_in(std::string_view text, const char* what, Number min, Number max) {
  const auto value = parse_number<Number>(text, what);
  if (value < min || value > max)
    throw std::invalid_argument(fmt::format("{} {} is outside {}..{}", what, text, min, max));
  return value;
}

// Every option named once; one left out keeps its default.
ScheduleOptions decode_options(std::string_view text) {
  ScheduleOptions options;
  std::vector<std::string_view> seen;
  for (std::string_view assignment : split(text, ',')) {
    const auto equals = assignment.find('=');
    if (equals == std::string_view::npos) throw std::invalid_argument("bad option list");
    const std::string_view key = assignment.substr(0, equals), value = assignment.substr(equals + 1);
    if (std::find(seen.begin(), seen.end(), key) != seen.end())
      throw std::invalid_argument(fmt::format("option '{}' given twice", key));
    seen.push_back(key);
    if (key == "races")
      options.detect_races = parse_in<int>(value, "races", 0, 1) == 1;
    else if (key == "locks")
      options.detect_lock_order = parse_in<int>(value, "locks", 0, 1) == 1;
    else if (key == "spurious")
      options.spurious_wakeups = parse_in<int>(value, "spurious", 0, kMaxSpuriousWakeups);
    else if (key == "steps")
      options.max_steps = parse_in<std::uint64_t>(value, "steps", 1, kMaxStepsLimit);
    else if (key == "blocked")
      options.blocked_loop_ms = parse_in<std::int64_t>(value, "blocked", 0, kMaxBlockedLoopMs);
    else
      throw std::invalid_argument(fmt::format("unknown option '{}'", key));
  }
  return options;
}

}  // namespace

ScheduleOptions ScheduleOptions::of(const ExploreOptions& options) {
  return {options.detect_races, options.detect_lock_order, options.spurious_wakeups, options.max_steps,
          options.blocked_loop_threshold.count()};
}

void ScheduleOptions::apply_to(ExploreOptions& options) const {
  options.detect_races = detect_races;
  options.detect_lock_order = detect_lock_order;
  options.spurious_wakeups = spurious_wakeups;
  options.max_steps = max_steps;
  options.blocked_loop_threshold = std::chrono::milliseconds(blocked_loop_ms);
}

std::string encode_token(const ReplayToken& token) {
  std::string params;
  for (const auto& [key, value] : token.params.values())
    params += fmt::format("{}{}={}", params.empty() ? "" : ",", key, value);
  std::string strategy = token.strategy;
  std::replace(strategy.begin(), strategy.end(), ':', '-');
  std::string body =
      fmt::format("{}:{}/{}:{}:{}:{}:{}:{}:{}:{}", kPrefix, token.scenario, token.variant, to_string(token.engine),
                  strategy, token.seed, to_string(token.verdict), encode_options(token.options),
                  params.empty() ? "-" : params, encode_schedule(token.schedule));
  return fmt::format("{}:{:08x}", body, fnv1a(body));
}

ReplayToken decode_token(const std::string& text) {
  auto last = text.rfind(':');
  const bool old_format = text.starts_with(std::string(kOldPrefix) + ":");
  if ((!old_format && !text.starts_with(std::string(kPrefix) + ":")) || last == std::string::npos)
    throw std::invalid_argument("not a replay token (they start with 'il2:', or 'il1:' from an older version)");
  std::string_view body(text.data(), last);
  if (fmt::format("{:08x}", fnv1a(body)) != std::string_view(text).substr(last + 1))
    throw std::invalid_argument("the token is corrupted (its checksum does not match)");
  auto fields = split(body, ':');
  if (fields.size() != (old_format ? 8u : 9u)) throw std::invalid_argument("the token has the wrong number of fields");

  ReplayToken token;
  token.options_recorded = !old_format;
  std::string_view options;  // taken out, so that the other fields are laid out as in il1
  if (!old_format) {
    options = fields[6];
    fields.erase(fields.begin() + 6);
  }
  auto slash = fields[1].find('/');
  if (slash == std::string_view::npos) throw std::invalid_argument("bad scenario/variant");
  token.scenario = fields[1].substr(0, slash);
  token.variant = fields[1].substr(slash + 1);
  auto engine = parse_engine(fields[2]);
  if (!engine) throw std::invalid_argument(fmt::format("unknown engine '{}'", fields[2]));
  token.engine = *engine;
  token.strategy = fields[3];
  std::replace(token.strategy.begin(), token.strategy.end(), '-', ':');
  token.seed = parse_number<std::uint64_t>(fields[4], "seed");
  auto verdict = parse_verdict(fields[5]);
  if (!verdict) throw std::invalid_argument(fmt::format("unknown verdict '{}'", fields[5]));
  token.verdict = *verdict;
  if (fields[6] != "-")
    for (std::string_view assignment : split(fields[6], ',')) {
      auto equals = assignment.find('=');
      if (equals == std::string_view::npos) throw std::invalid_argument("bad parameter list");
      token.params.set(std::string(assignment.substr(0, equals)),
                       parse_number<std::int64_t>(assignment.substr(equals + 1), "value"));
    }
  token.schedule = decode_schedule(fields[7]);
  if (!old_format) token.options = decode_options(options);
  return token;
}

}  // namespace interleave::exploration
