// Search strength: for each strategy and each program (the harder programs
// of tests/hard_programs, then every broken catalog variant on the fiber
// engine), in how many of 20 independent seeds the bug is found within
// 10,000 schedules, the median schedules to it, and the preemptions of the
// printed (shrunk) schedule against the known minimum. A figure printer, not
// a test. Run:
//   ./build/default/tests/benchmarks/strategy_benchmark [--strategies random,pct:3,pos,portfolio]
//       [--seeds 20] [--schedules 10000] [--shrink-seeds 5] [--only NAME] [--no-catalog]

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "hard_programs/hard_programs.hpp"
#include "interleave/interleave.hpp"
#include "scenarios/catalog.hpp"

namespace {

using interleave::ExploreOptions;
using interleave::Strategy;

struct Program {
  std::string name;
  std::function<void()> body;
  std::function<bool(interleave::Verdict)> found;
  int tasks = 0;             // 0: unknown
  int min_preemptions = -1;  // -1: unknown
};

struct Settings {
  std::vector<std::string> strategies{"random", "pct:3", "portfolio"};
  int seeds = 20;
  std::uint64_t schedules = 10'000;
  int shrink_seeds = 5;
  std::string only;
  bool catalog = true;
  bool verbose = false;  // prints each find's message and shrunk interleaving
};

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    parts.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return parts;
}

Settings parse(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i < argc; ++i) {
    auto value = [&] {
      if (i + 1 >= argc) {
        fmt::print(stderr, "{} needs a value\n", argv[i]);
        std::exit(2);
      }
      return std::string(argv[++i]);
    };
    if (std::strcmp(argv[i], "--strategies") == 0)
      settings.strategies = split(value());
    else if (std::strcmp(argv[i], "--seeds") == 0)
      settings.seeds = std::stoi(value());
    else if (std::strcmp(argv[i], "--schedules") == 0)
      settings.schedules = std::stoull(value());
    else if (std::strcmp(argv[i], "--shrink-seeds") == 0)
      settings.shrink_seeds = std::stoi(value());
    else if (std::strcmp(argv[i], "--only") == 0)
      settings.only = value();
    else if (std::strcmp(argv[i], "--no-catalog") == 0)
      settings.catalog = false;
    else if (std::strcmp(argv[i], "--verbose") == 0)
      settings.verbose = true;
    else {
      fmt::print(stderr, "unknown argument {}\n", argv[i]);
      std::exit(2);
    }
  }
  return settings;
}

std::vector<Program> programs(const Settings& settings) {
  std::vector<Program> list;
  for (const auto& hard : interleave::hard_programs::all())
    list.push_back({hard.name, hard.broken, [](interleave::Verdict v) { return v != interleave::Verdict::clean; },
                    hard.tasks, hard.min_preemptions});
  if (settings.catalog)
    for (const auto& scenario : interleave::scenarios::catalog())
      for (const auto& variant : scenario.variants) {
        if (!variant.expects_bug() || variant.engines.front() != interleave::EngineKind::fiber) continue;
        const interleave::Params params = scenario.defaults;
        list.push_back(
            {scenario.name + "/" + variant.name, [&variant, params] { variant.body(params); },
             [&variant](interleave::Verdict v) { return variant.matches(v, interleave::EngineKind::fiber); }});
      }
  if (!settings.only.empty())
    std::erase_if(list, [&](const Program& p) { return p.name.find(settings.only) == std::string::npos; });
  return list;
}

template <class T>
std::string median_of(std::vector<T> values) {
  if (values.empty()) return "-";
  std::sort(values.begin(), values.end());
  return fmt::format("{}", values[values.size() / 2]);
}

}  // namespace

int main(int argc, char** argv) {
  const Settings settings = parse(argc, argv);
  fmt::print(
      "{} seeds per cell, at most {} schedules each; preemptions of the shrunk schedule over the first {} "
      "finds (median, range) against the known minimum\n",
      settings.seeds, settings.schedules, settings.shrink_seeds);
  fmt::print("{:<42} {:<10} {:>5} {:>6} {:>10} {:>12} {:>5}\n", "program", "strategy", "tasks", "found", "median",
             "preemptions", "min");
  for (const Program& program : programs(settings)) {
    for (const std::string& name : settings.strategies) {
      const auto strategy = interleave::parse_strategy(name);
      if (!strategy) {
        fmt::print(stderr, "unknown strategy {}\n", name);
        return 2;
      }
      int found = 0, tasks = program.tasks;
      std::vector<std::uint64_t> schedules;
      std::vector<int> preemptions;
      for (int k = 0; k < settings.seeds; ++k) {
        ExploreOptions options;
        options.strategy = *strategy;
        options.schedules = settings.schedules;
        options.seed = 1 + static_cast<std::uint64_t>(k) * 1'000'003;
        options.shrink = found < settings.shrink_seeds;
        auto result = interleave::explore(options, program.body);
        tasks = std::max(tasks, result.max_tasks);
        if (!program.found(result.verdict)) continue;
        if (settings.verbose) {
          fmt::print("  {} seed {}: {} preemptions ({} as found)\n  {}\n", program.name, options.seed,
                     result.preemptions, result.preemptions_found, result.message);
          for (const auto& event : result.events)
            fmt::print("    {:>10} | {} ({})\n", event.task_name, event.text, event.where);
        }
        ++found;
        schedules.push_back(result.schedules);
        if (options.shrink) preemptions.push_back(result.preemptions);
      }
      std::string shrunk = "-";
      if (!preemptions.empty()) {
        auto [low, high] = std::minmax_element(preemptions.begin(), preemptions.end());
        shrunk =
            *low == *high ? median_of(preemptions) : fmt::format("{} ({}-{})", median_of(preemptions), *low, *high);
      }
      fmt::print("{:<42} {:<10} {:>5} {:>6} {:>10} {:>12} {:>5}\n", program.name, name, tasks,
                 fmt::format("{}/{}", found, settings.seeds), median_of(schedules), shrunk,
                 program.min_preemptions >= 0 ? std::to_string(program.min_preemptions) : "?");
      std::fflush(stdout);
    }
  }
  return 0;
}
