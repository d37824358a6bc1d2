#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <ostream>
#include <thread>

#include "bench/bench_report.hpp"
#include "bench/bench_run.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/printable.hpp"
#include "cli/selection.hpp"

namespace interleave::cli {
namespace {

std::vector<int> default_thread_counts() {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<int> counts;
  for (int n = 1; n <= 2 * cores; n *= 2) counts.push_back(n);
  return counts;
}

}  // namespace

int bench_command(const BenchOptions& options, const std::vector<Scenario>& catalog, std::ostream& out,
                  std::ostream& err) {
  std::vector<std::pair<const Scenario*, const Variant*>> selected;
  for (const auto& [scenario, variant] : select_variants(catalog, options.filter, options.program))
    selected.emplace_back(scenario, variant);
  probe_writable(options.json_path);
  probe_writable(options.svg_path);
  const bool any_correct =
      std::any_of(selected.begin(), selected.end(), [](const auto& choice) { return !choice.second->expects_bug(); });
  if (!any_correct)
    throw UsageError(
        fmt::format("filter {} selects no correct variant, and only correct variants are benchmarked "
                    "(see `{} list`: those expected clean)",
                    echoed(options.filter), options.program));
  const bool any_benchmarked = std::any_of(selected.begin(), selected.end(), [](const auto& choice) {
    return !choice.second->expects_bug() && choice.first->bench.has_value();
  });
  if (!options.svg_path.empty() && !any_benchmarked)
    throw UsageError("--svg: no selected variant is benchmarked (only correct variants are), nothing to plot");

  bench::BenchOptions bench_options;
  bench_options.threads = options.threads.empty() ? default_thread_counts() : options.threads;
  bench_options.repetitions = options.repetitions;
  bench_options.min_seconds = options.min_seconds;
  bench_options.references = !options.no_references;

  const bench::BenchReport report = bench::run_bench(selected, catalog, bench_options);
  std::ostream& table = options.json_path == "-" ? err : out;
  bench::print_bench(table, report);
  if (!options.json_path.empty()) write_output(options.json_path, bench::bench_json(report), out);
  if (!options.svg_path.empty()) {
    bench::write_svg(report, options.svg_path);
    fmt::print(table, "plot written to {}\n", options.svg_path);
  }
  return kAllMatched;
}

}  // namespace interleave::cli
