#include "invocations.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <fstream>
#include <functional>
#include <utility>

namespace interleave::fuzz {
namespace {

namespace gen = rc::gen;
using Args = std::vector<std::string>;

// Nothing here is a cheap valid value for any option it may land on: each
// is malformed, not finite, or outside every option's range.
const std::vector<std::string> kNastyValues = {
    "nan",
    "-nan",
    "NaN",
    "nan(0x1)",
    "inf",
    "-inf",
    "infinity",
    "-Infinity",
    "-0",
    "-0.0",
    "-1",
    "-5",
    "1e308",
    "-1e308",
    "1e400",
    "1e29",
    "4.9e-324",
    "0.5",
    "18446744073709551615",
    "18446744073709551616",
    "9223372036854775807",
    "-9223372036854775808",
    "99999999999999999999999999",
    "",
    " ",
    "1,2",
    "1/0",
    "0/0",
    "abc",
    "a\nb",
    "\n",
    "1\n",
    "\t1",
    "--",
    "-",
    "=",
    "%s%n",
    "\x1b[31m",
    "\xc3\xa9",
    "\xff\xfe",
    "il1:",
    "il2:",
    "0x7fffffffffffffff",
};

// Parameter values: the ranges' edges and beyond, as --set, tokens and trace files carry them.
const std::vector<std::string> kParamValues = {"-1",
                                               "0",
                                               "1",
                                               "2",
                                               "3",
                                               "255",
                                               "256",
                                               "257",
                                               "1000",
                                               "1001",
                                               "10000",
                                               "10001",
                                               "9223372036854775807",
                                               "-9223372036854775808"};

const std::vector<std::string> kParamKeys = {
    "workers",  "iterations", "producers", "consumers", "items",   "capacity",   "philosophers",
    "meals",    "pages",      "crawlers",  "work_ms",   "initial", "operations", "rate",
    "requests", "size",       "uses",      "jobs",      "n",       "max_pages",  "max_concurrent"};

std::string without_nul(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '\0'), text.end());  // argv cannot carry one
  return text;
}

rc::Gen<std::string> nasty() {
  return gen::weightedOneOf<std::string>({
      {6, gen::elementOf(kNastyValues)},
      {2, gen::map(gen::string<std::string>(), without_nul)},
      {1,
       gen::map(gen::inRange(4'000, 6'000), [](int size) { return std::string(static_cast<std::size_t>(size), 'x'); })},
  });
}

bool one_in(int n) { return *gen::inRange(0, n) == 0; }

// Half the invocations are well-formed (every value cheap and valid, so the
// paths past the checks are reached); in the others any value may be nasty.
thread_local bool well_formed = false;

// One of an option's cheap valid values, or now and then a nasty one (or
// one of `bad`, wrong for this option only).
std::string value_of(std::vector<std::string> cheap, std::vector<std::string> bad = {}) {
  if (well_formed) return *gen::elementOf(std::move(cheap));
  if (!bad.empty() && one_in(8)) return *gen::elementOf(std::move(bad));
  return *gen::weightedOneOf<std::string>({{6, gen::elementOf(std::move(cheap))}, {1, nasty()}});
}

bool junk(int n) { return !well_formed && one_in(n); }

// Small values in every range when well-formed; otherwise also the edges and beyond.
std::string param_value() {
  return well_formed ? *gen::elementOf(std::vector<std::string>{"1", "2", "3"}) : *gen::elementOf(kParamValues);
}

std::string path(const Workspace& workspace) {
  return value_of({"-", workspace.dir + "/out.json", "relative.json"},
                  {workspace.dir + "/a\nb.json", workspace.dir, "/nonexistent-dir/out.json",
                   workspace.dir + "/" + std::string(300, 'p'), "", workspace.dir + "/missing/out.json"});
}

std::string parameter_assignment(const std::vector<std::string>& keys) {
  const std::string key = junk(10) ? *nasty() : *gen::elementOf(keys);
  const std::string value = junk(6) ? *nasty() : param_value();
  return junk(10) ? key : key + "=" + value;
}

// Options, each present with probability 1/3, as groups of a flag and its
// value, so that a positional goes between two of them.
using Groups = std::vector<Args>;

void add_some(Groups& groups, const std::vector<std::pair<std::string, std::function<std::string()>>>& options) {
  for (const auto& [flag, value] : options)
    if (one_in(3)) groups.push_back(value ? Args{flag, value()} : Args{flag});
  if (junk(12)) groups.push_back({one_in(2) ? "--bogus" : *nasty()});
  if (junk(12) && !options.empty()) groups.push_back({options[*gen::inRange<std::size_t>(0, options.size())].first});
}

// The command, then the groups with `positional` among them.
Args flattened(std::string command, Groups groups, std::string positional) {
  const auto at = *gen::inRange<std::size_t>(0, groups.size() + 1);
  groups.insert(groups.begin() + static_cast<std::ptrdiff_t>(at), Args{std::move(positional)});
  Args args = {std::move(command)};
  for (auto& group : groups) args.insert(args.end(), group.begin(), group.end());
  return args;
}

// Filters for run, each with the parameters its scenarios have.
const std::vector<std::pair<std::string, std::vector<std::string>>> kFilters = {
    {"all", kParamKeys},
    {"counter", {"workers", "iterations"}},
    {"counter/locked", {"workers", "iterations"}},
    {"counter/unsynchronized", {"workers", "iterations"}},
    {"bank_account/*", {"workers", "operations", "initial"}},
    {"poison_pill", {"producers", "workers", "items"}},
    {"poison_pill/processes", {"producers", "workers", "items"}},
    {"event_loop", {"work_ms"}},
    {"*/correct", {"producers", "consumers", "items", "capacity", "workers", "crawlers", "pages"}},
    {"dining_philosophers/naive", {"philosophers", "meals"}},
    {"crawler", {"crawlers", "pages", "max_pages", "max_concurrent"}},
    {"thread_pool/*", {"workers", "jobs"}},
};

Args run_args(const Workspace& workspace) {
  const auto choice = *gen::elementOf(kFilters);
  const std::function<std::string()> assignment = [&choice] {
    return parameter_assignment(junk(4) ? kParamKeys : choice.second);
  };
  // --schedules and --budget always, so that every valid run is a cheap one.
  Groups groups = {{"--schedules", value_of({"1", "2", "3", "5"})}, {"--budget", value_of({"0.5", "1", "2"})}};
  add_some(groups,
           {
               {"--engine", [] { return value_of({"fiber", "threads", "processes"}, {"tsan", "FIBER"}); }},
               {"--strategy",
                [] {
                  return value_of({"portfolio", "random", "pct:1", "pct:3", "dfs", "dfs:2"},
                                  {"pct:0", "pct:99999999999", "dfs:-1", "pct:"});
                }},
               {"--seed", [] { return value_of({"0", "1", "12345", "18446744073709551615"}); }},
               {"--set", assignment},
               {"--set", assignment},
               {"--json", [&] { return path(workspace); }},
               {"--junit", [&] { return path(workspace); }},
               {"--trace", [&] { return path(workspace); }},
               {"--shard", [] { return value_of({"1/1", "1/2", "2/2", "3/7", "1/100000"}, {"0/1", "2/1", "1/0"}); }},
               {"--repeat", [] { return value_of({"1", "2"}, {"0", "10001"}); }},
               {"--no-race-detection", nullptr},
               {"--no-shrink", nullptr},
               {"--finish-after-failed-check", nullptr},
               {"--schedules-after-failed-check", [] { return value_of({"0", "1", "3"}); }},
               {"--max-steps", [] { return value_of({"1", "10", "1000", "100000"}, {"0"}); }},
               {"--noise", [] { return value_of({"0", "-0", "0.1", "1"}, {"1.0000001", "2"}); }},
               {"--hang-timeout-ms", [] { return value_of({"10", "50", "300"}, {"9", "3600001"}); }},
           });
  return flattened("run", std::move(groups), value_of({choice.first}, {"nothing/such", "counter/", "[", "\\"}));
}

struct TokenBase {
  std::string variant;
  std::vector<std::string> keys;
  std::string verdict;
};

const std::vector<TokenBase> kTokenBases = {
    {"counter/unsynchronized", {"workers", "iterations"}, "race"},
    {"bank_account/transfer_lock_order", {"workers", "operations", "initial"}, "deadlock"},
    {"bounded_queue/if_not_while", {"producers", "consumers", "items", "capacity"}, "invariant"},
    {"dining_philosophers/naive", {"philosophers", "meals"}, "deadlock"},
    {"event_loop/blocking_call", {"work_ms"}, "blocked_loop"},
    {"poison_pill/processes", {"producers", "workers", "items"}, "clean"},
    {"crawler/visited_check_then_add", {"crawlers", "pages", "max_pages", "max_concurrent"}, "race"},
    {"rate_limiter/unlocked_window", {"workers", "requests", "rate"}, "race"},
};

std::string schedule_text() {
  if (one_in(8)) return "-";
  std::string text;
  const int length = *gen::inRange(0, 40);
  for (int i = 0; i < length; ++i)
    text += junk(10) ? *gen::elementOf(std::vector<std::string>{"~36.", "~-1.", "~99999999999.", "~.", "~12"})
                     : std::string(1, "0123456789abcdefghijklmnopqrstuvwxyz"[*gen::inRange(0, one_in(4) ? 36 : 4)]);
  return text;
}

// The schedule options of an il2 token: in their ranges, or not.
std::string schedule_options_text() {
  if (junk(4))
    return *gen::elementOf(std::vector<std::string>{"races=2", "steps=0", "colour=1", "", "-", "races=1,races=1",
                                                    "blocked=99999999999999999999", "spurious=-1", "locks"});
  return fmt::format("races={},locks={},spurious={},steps={},blocked={}", *gen::inRange(0, 2), *gen::inRange(0, 2),
                     *gen::inRange(0, 3), *gen::elementOf(std::vector<std::string>{"1", "50", "100000"}),
                     *gen::elementOf(std::vector<std::string>{"0", "100"}));
}

// An il2 token, or (one in three) an il1 token of an older version, which
// has no schedule options; fields are mutated in il1's layout.
std::string token(const TokenBase& base) {
  const bool with_options = !one_in(3);
  const std::string options = with_options ? schedule_options_text() : "";
  std::vector<std::string> fields = {
      with_options ? "il2" : "il1", base.variant, "fiber", "dfs", "1", base.verdict, "", schedule_text()};
  for (const auto& key : base.keys)
    if (one_in(2)) fields[6] += (fields[6].empty() ? "" : ",") + key + "=" + param_value();
  if (fields[6].empty()) fields[6] = "-";
  fields[4] = *gen::elementOf(std::vector<std::string>{"0", "1", "7", "18446744073709551615", "18446744073709551616"});

  auto join = [&] {
    std::string body;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (with_options && i == 6) body += ":" + options;
      body += (body.empty() ? "" : ":") + fields[i];
    }
    return body;
  };
  const std::string original = join();
  const int mutations = well_formed || one_in(2) ? 0 : *gen::inRange(1, 4);
  for (int i = 0; i < mutations; ++i) {
    switch (*gen::inRange(0, 5)) {
      case 0:
        fields[*gen::inRange<std::size_t>(1, fields.size())] = *nasty();
        break;
      case 1:
        fields[1] = *gen::elementOf(std::vector<std::string>{"counter/*", "*/*", "counter", "counter/locked/x",
                                                             "poison_pill/processes", "nothing/such", "/"});
        break;
      case 2:
        fields[2] = *gen::elementOf(std::vector<std::string>{"threads", "processes", "tsan", "FIBER", ""});
        break;
      case 3:
        fields[6] = parameter_assignment(kParamKeys) + (one_in(2) ? "," + parameter_assignment(kParamKeys) : "");
        break;
      default:
        fields[5] = *gen::elementOf(std::vector<std::string>{"clean", "crash", "hang", "bogus", ""});
    }
  }
  std::string body = join();
  if (junk(10) && !body.empty()) body[*gen::inRange<std::size_t>(0, body.size())] = *gen::character<char>();
  if (junk(12)) body.resize(*gen::inRange<std::size_t>(0, body.size() + 1));
  // Mostly a checksum that matches, so that the fields behind it are reached.
  const int checksum = well_formed ? 0 : *gen::inRange(0, 10);
  const std::string sum = checksum < 7 ? token_checksum(body) : checksum < 9 ? token_checksum(original) : *nasty();
  return without_nul(body + ":" + sum);
}

std::string json_value_for(const std::string& field) {
  if (junk(3))
    return *gen::elementOf(std::vector<std::string>{
        "1e29", "1.5", "-1", "18446744073709551616", "-9223372036854775809", "null", "true", "\"x\"", "\"a\\nb\"", "[]",
        "{}", "[1, 2.5]", "[-1]", "[4294967296]", std::string(10'000, '[') + std::string(10'000, ']'),
        "\"" + std::string(5'000, 'x') + "\"", "{\"workers\": 1e300}", "{\"workers\": 2.0}", "{\"\": 1}"});
  if (field == "params") return "{\"workers\": " + param_value() + "}";
  if (field == "seed") return *gen::elementOf(std::vector<std::string>{"0", "1", "18446744073709551615"});
  if (field == "schedule") return "[1, 0, 0]";
  return "\"" + *gen::elementOf(std::vector<std::string>{"counter", "fiber", "race", "unsynchronized", "*"}) + "\"";
}

std::string trace_contents() {
  const auto& base = *gen::elementOf(kTokenBases);
  const auto slash = base.variant.find('/');
  std::vector<std::pair<std::string, std::string>> fields = {
      {"scenario", "\"" + base.variant.substr(0, slash) + "\""},
      {"variant", "\"" + base.variant.substr(slash + 1) + "\""},
      {"engine", "\"fiber\""},
      {"verdict", "\"" + base.verdict + "\""},
      {"seed", "1"},
      {"params", "{}"},
      {"schedule", "[]"},
  };
  const int mutations = well_formed || one_in(2) ? 0 : *gen::inRange(1, 4);
  for (int i = 0; i < mutations; ++i) {
    auto& field = fields[*gen::inRange<std::size_t>(0, fields.size())];
    if (one_in(5))
      field.first = *gen::elementOf(std::vector<std::string>{"", "Seed", "extra"});  // the key goes missing
    else
      field.second = json_value_for(field.first);
  }
  std::string entry;
  for (const auto& [key, json] : fields) entry += (entry.empty() ? "" : ", ") + ("\"" + key + "\": " + json);
  std::string text = "{\"interleave_trace\": 1, \"traces\": [";
  const int entries = junk(6) ? 0 : *gen::inRange(1, 3);
  for (int i = 0; i < entries; ++i) text += (i ? ", {" : "{") + entry + "}";
  text += "]}";
  switch (well_formed ? 13 : *gen::inRange(0, 14)) {
    case 0:
      return text.substr(0, *gen::inRange<std::size_t>(0, text.size()));
    case 1:
      return *gen::string<std::string>();
    case 2:
      return "";
    case 3:
      return std::string(200'000, '[') + std::string(200'000, ']');
    case 4:
      text[*gen::inRange<std::size_t>(0, text.size())] = *gen::character<char>();
      return text;
    default:
      return text;
  }
}

std::string trace_file(const Workspace& workspace) {
  static std::atomic<int> written{0};
  const std::string name = fmt::format("{}/trace-{}.json", workspace.dir, written++);
  std::ofstream(name, std::ios::binary) << trace_contents();
  return name;
}

Args replay_args(const Workspace& workspace) {
  std::string target;
  switch (well_formed ? 5 : *gen::inRange(0, 8)) {
    case 0:
      target = *nasty();
      break;
    case 1:
      target = *gen::elementOf(std::vector<std::string>{workspace.dir, "/nonexistent", "/dev/null", "/dev/zero"});
      break;
    case 2:
    case 3:
    case 4:
      target = trace_file(workspace);
      break;
    default:
      target = one_in(3) ? trace_file(workspace) : token(*gen::elementOf(kTokenBases));
  }
  Groups groups;
  add_some(groups, {{"--json", [&] { return path(workspace); }}});
  return flattened("replay", std::move(groups), std::move(target));
}

Args bench_args(const Workspace& workspace) {
  // --no-references, --repetitions and --min-time always: one small variant, briefly.
  Groups groups = {{"--no-references"},
                   {"--repetitions", value_of({"1", "2"}, {"0", "101"})},
                   {"--min-time", value_of({"0.001", "0.005"}, {"0.0009", "61"})}};
  add_some(groups, {
                       {"--threads", [] { return value_of({"1", "2", "1,2"}, {"0", "257", "1,,2"}); }},
                       {"--json", [&] { return path(workspace); }},
                       {"--svg", [&] { return path(workspace) + (one_in(2) ? ".svg" : ""); }},
                   });
  return flattened(
      "bench", std::move(groups),
      value_of({"counter/locked", "counter/unsynchronized", "bounded_queue/correct"}, {"nothing/such", "a\nb", ""}));
}

Args explain_args() {
  Groups groups;
  add_some(groups, {{"--schedules", [] { return value_of({"1", "10", "100"}, {"0"}); }}});
  return flattened("explain", std::move(groups),
                   value_of({"counter/unsynchronized", "bounded_queue/if_not_while", "counter/locked",
                             "dining_philosophers/naive", "poison_pill/processes"},
                            {"counter/*", "counter", "nothing/such"}));
}

Args other_args() {
  if (well_formed || one_in(2)) {
    Groups groups;
    add_some(groups, {{"--json", nullptr}});
    Args args = {"list"};
    for (auto& group : groups) args.insert(args.end(), group.begin(), group.end());
    return args;
  }
  return *gen::elementOf(std::vector<Args>{
      {}, {"--help"}, {"help"}, {"--version"}, {"run"}, {"replay"}, {"frobnicate"}, {"run", "--help"}, {*nasty()}});
}

}  // namespace

std::string token_checksum(const std::string& body) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : body) hash = (hash ^ c) * 16777619u;
  return fmt::format("{:08x}", hash);
}

std::vector<std::string> draw_invocation(const Workspace& workspace) {
  well_formed = one_in(2);
  switch (*gen::inRange(0, 10)) {
    case 0:
    case 1:
    case 2:
      return run_args(workspace);
    case 3:
    case 4:
    case 5:
    case 6:
      return replay_args(workspace);
    case 7:
      return bench_args(workspace);
    case 8:
      return explain_args();
    default:
      return other_args();
  }
}

}  // namespace interleave::fuzz
