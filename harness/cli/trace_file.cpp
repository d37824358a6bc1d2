#include "cli/trace_file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "cli/printable.hpp"
#include "cli/selection.hpp"

namespace interleave::cli {
namespace {

using nlohmann::json;

// Reads one trace entry's fields; a wrong one throws UsageError naming it.
class EntryReader {
 public:
  EntryReader(const std::string& path, std::size_t index, const json& entry)
      : where_(fmt::format("{}: trace {}", echoed(path), index + 1)), entry_(entry) {
    if (!entry.is_object()) fail("is not an object");
  }

  const json& field(const char* key) const {
    auto it = entry_.find(key);
    if (it == entry_.end()) fail(fmt::format("has no \"{}\"", key));
    return *it;
  }

  std::string text(const char* key) const {
    const json& value = field(key);
    if (!value.is_string()) fail(fmt::format("\"{}\" is not a string", key));
    return value.get<std::string>();
  }

  // Only an integer in `Integer`'s range and in [min, max] is read: a float
  // or a huge number is rejected, never converted (undefined behaviour).
  template <typename Integer>
  Integer integer(const json& value, std::string_view what, Integer min = std::numeric_limits<Integer>::min(),
                  Integer max = std::numeric_limits<Integer>::max()) const {
    std::optional<Integer> number;
    if (value.is_number_unsigned() && std::in_range<Integer>(value.get<std::uint64_t>()))
      number = static_cast<Integer>(value.get<std::uint64_t>());
    else if (!value.is_number_unsigned() && value.is_number_integer() &&
             std::in_range<Integer>(value.get<std::int64_t>()))
      number = static_cast<Integer>(value.get<std::int64_t>());
    if (!value.is_number_integer())
      fail(fmt::format("{} {} is not a whole number", what,
                       value.is_number() ? value.dump() : std::string("(") + value.type_name() + ")"));
    if (!number || *number < min || *number > max)
      fail(fmt::format("{} {} is outside {}..{}", what, value.dump(), min, max));
    return *number;
  }

  bool has(const char* key) const { return entry_.contains(key); }

  bool flag(const json& object, const char* key) const {
    auto it = object.find(key);
    if (it == object.end()) fail(fmt::format("\"options\" has no \"{}\"", key));
    if (!it->is_boolean()) fail(fmt::format("\"options\".\"{}\" is not true or false", key));
    return it->get<bool>();
  }

  template <typename Integer>
  Integer option(const json& object, const char* key, Integer min, Integer max) const {
    auto it = object.find(key);
    if (it == object.end()) fail(fmt::format("\"options\" has no \"{}\"", key));
    return integer<Integer>(*it, fmt::format("\"options\".\"{}\"", key), min, max);
  }

  [[noreturn]] void fail(const std::string& what) const { throw UsageError(fmt::format("{} {}", where_, what)); }

 private:
  std::string where_;
  const json& entry_;
};

exploration::ScheduleOptions options_of(const EntryReader& entry) {
  const json& options = entry.field("options");
  if (!options.is_object()) entry.fail("\"options\" is not an object");
  exploration::ScheduleOptions read;
  read.detect_races = entry.flag(options, "race_detection");
  read.detect_lock_order = entry.flag(options, "lock_order");
  read.spurious_wakeups = entry.option<int>(options, "spurious_wakeups", 0, exploration::kMaxSpuriousWakeups);
  read.max_steps = entry.option<std::uint64_t>(options, "max_steps", 1, exploration::kMaxStepsLimit);
  read.blocked_loop_ms = entry.option<std::int64_t>(options, "blocked_loop_ms", 0, exploration::kMaxBlockedLoopMs);
  return read;
}

exploration::ReplayToken token_of(const EntryReader& entry) {
  exploration::ReplayToken token;
  token.scenario = entry.text("scenario");
  token.variant = entry.text("variant");
  const std::string engine = entry.text("engine"), verdict = entry.text("verdict");
  if (auto parsed = parse_engine(engine))
    token.engine = *parsed;
  else
    entry.fail(fmt::format("has an unknown engine {}", echoed(engine)));
  if (auto parsed = parse_verdict(verdict))
    token.verdict = *parsed;
  else
    entry.fail(fmt::format("has an unknown verdict {}", echoed(verdict)));
  token.seed = entry.integer<std::uint64_t>(entry.field("seed"), "\"seed\"");
  const json& params = entry.field("params");
  if (!params.is_object()) entry.fail("\"params\" is not an object");
  for (const auto& [key, value] : params.items())
    token.params.set(key, entry.integer<std::int64_t>(value, fmt::format("parameter {}", echoed(key))));
  // A trace written before the options were recorded ran with the defaults.
  token.options_recorded = entry.has("options");
  if (token.options_recorded) token.options = options_of(entry);
  const json& schedule = entry.field("schedule");
  if (!schedule.is_array()) entry.fail("\"schedule\" is not an array");
  for (const auto& task : schedule) token.schedule.push_back(entry.integer<int>(task, "task id", 0));
  return token;
}

}  // namespace

std::vector<exploration::ReplayToken> read_trace_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw UsageError(fmt::format("cannot read {}", echoed(path)));
  json trace;
  try {
    trace = json::parse(file);
  } catch (const json::exception& error) {
    throw UsageError(fmt::format("{} is not a trace file: {}", echoed(path), clipped(error.what(), 300)));
  }
  if (!trace.is_object() || !trace.contains("traces") || !trace["traces"].is_array())
    throw UsageError(fmt::format("{} is not a trace file (no \"traces\" array)", echoed(path)));
  std::vector<exploration::ReplayToken> tokens;
  for (const auto& entry : trace["traces"]) tokens.push_back(token_of(EntryReader(path, tokens.size(), entry)));
  if (tokens.empty()) throw UsageError(fmt::format("{} holds no failing schedule to replay", echoed(path)));
  return tokens;
}

}  // namespace interleave::cli
