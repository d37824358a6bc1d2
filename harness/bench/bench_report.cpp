#include "bench/bench_report.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "engines/child_process.hpp"
#include "report/variant_report.hpp"

namespace interleave::bench {
namespace {

std::string rate(double value) {
  if (value >= 1e6) return fmt::format("{:.2f} M/s", value / 1e6);
  if (value >= 1e3) return fmt::format("{:.1f} k/s", value / 1e3);
  return fmt::format("{:.1f} /s", value);
}

std::string spread_text(const Measurement& m) {
  return fmt::format("{:.1f}%{}", 100 * m.spread, m.spread > kTrustworthySpread ? " !" : "");
}

nlohmann::json measurement_json(const Measurement& m) {
  return {{"ops_per_second_median", m.median},
          {"ops_per_second_p95", m.p95},
          {"spread", m.spread},
          {"seconds_per_run", m.seconds_per_call},
          {"ops_per_second", m.per_repetition}};
}

bool any_untrustworthy(const BenchReport& report) {
  for (const auto& row : report.throughput)
    if (row.measurement.spread > kTrustworthySpread) return true;
  for (const auto& row : report.references)
    if (row.measurement.spread > kTrustworthySpread) return true;
  for (const auto& table : report.comparisons)
    for (const auto& row : table.rows)
      if (row.measurement.spread > kTrustworthySpread) return true;
  return false;
}

std::string find_gnuplot() {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    auto candidate = std::filesystem::path(dir) / "gnuplot";
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  throw std::runtime_error("--svg needs gnuplot, which is not installed (bash ci/setup.sh installs gnuplot-nox)");
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\\\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

void print_bench(std::ostream& out, const BenchReport& report) {
  fmt::print(out,
             "machine: {} cores, {}; repetitions: {} ({} for the ratio tables), at least {} s each; a case of N "
             "threads, N < {}, is pinned to N CPUs\n\n",
             report.cores, report.cpu_model, report.options.repetitions, report.options.ratio_repetitions(),
             report.options.min_seconds, report.cores);
  if (!report.throughput.empty()) {
    fmt::print(out, "Throughput of the catalog's correct variants (threads engine, noise off)\n");
    fmt::print(out, "  {:<34} {:>7} {:>13} {:>13} {:>8} {:>8} {:>8}  {}\n", "variant", "threads", "median", "p95",
               "speedup", "of ideal", "spread", "unit");
    for (const auto& row : report.throughput)
      fmt::print(out, "  {:<34} {:>7} {:>13} {:>13} {:>7.2f}x {:>7.0f}% {:>8}  {}\n", row.variant, row.threads,
                 rate(row.measurement.median), rate(row.measurement.p95), row.speedup, 100 * row.efficiency,
                 spread_text(row.measurement), row.unit);
    fmt::print(out, "  (of ideal: the speedup as a share of perfect scaling, one per thread up to the {} cores)\n",
               report.cores);
    fmt::print(out, "\n");
  }
  std::string group;
  for (const auto& row : report.references) {
    if (row.group != group) {
      group = row.group;
      fmt::print(out, "Reference: {}\n  {:<48} {:>13} {:>8} {:>8}\n", group, "implementation", "median", "ratio",
                 "spread");
    }
    fmt::print(out, "  {:<48} {:>13} {:>7.2f}x {:>8}\n", row.name, rate(row.measurement.median), row.ratio,
               spread_text(row.measurement));
  }
  if (!report.references.empty()) fmt::print(out, "\n");
  if (!report.overhead.empty()) {
    fmt::print(out,
               "Harness overhead: runtime API on the threads engine over hand-written std:: code (target <= 1.05)\n");
    for (const auto& row : report.overhead)
      fmt::print(out, "  {:<24} {:<12} {:.3f} ms vs {:.3f} ms: overhead_ratio {:.3f}{}\n", row.variant, row.setting,
                 1e3 * row.api_seconds, 1e3 * row.std_seconds, row.overhead_ratio,
                 row.overhead_ratio > 1.05 ? "  (above target)" : "");
    fmt::print(out, "\n");
  }
  for (const auto& table : report.comparisons) {
    fmt::print(out, "{}\n  {:<20} {:>7} {:>10} {:>8} {:>8} {:>8} {:>8}\n", table.workload, "approach", "workers",
               "time", "speedup", "ideal", "of ideal", "spread");
    for (const auto& row : table.rows)
      fmt::print(out, "  {:<20} {:>7} {:>8.1f}ms {:>7.2f}x {:>7.0f}x {:>7.0f}% {:>8}\n", row.approach, row.workers,
                 1e3 * row.measurement.seconds_per_call, row.speedup, row.ideal_speedup, 100 * row.efficiency,
                 spread_text(row.measurement));
    fmt::print(out, "  {}\n\n", table.finding);
  }
  for (const auto& line : report.skipped) fmt::print(out, "not benchmarked: {}\n", line);
  if (any_untrustworthy(report))
    fmt::print(out,
               "warning: figures marked ! spread more than {:.0f}% between repetitions; too noisy to trust (a shared "
               "or busy machine?)\n",
               100 * kTrustworthySpread);
}

std::string bench_json(const BenchReport& report) {
  nlohmann::json json = {{"schema_version", report::kJsonSchemaVersion},
                         {"machine", {{"cores", report.cores}, {"cpu_model", report.cpu_model}}},
                         {"repetitions", report.options.repetitions},
                         {"ratio_repetitions", report.options.ratio_repetitions()},
                         {"min_seconds", report.options.min_seconds},
                         {"threads", report.options.threads}};
  auto& throughput = json["throughput"] = nlohmann::json::array();
  for (const auto& row : report.throughput) {
    auto record = measurement_json(row.measurement);
    record.update({{"variant", row.variant},
                   {"unit", row.unit},
                   {"threads", row.threads},
                   {"speedup", row.speedup},
                   {"ideal_speedup", row.ideal_speedup},
                   {"efficiency", row.efficiency}});
    throughput.push_back(record);
  }
  auto& references = json["references"] = nlohmann::json::array();
  for (const auto& row : report.references) {
    auto record = measurement_json(row.measurement);
    record.update({{"group", row.group}, {"name", row.name}, {"ratio", row.ratio}});
    references.push_back(record);
  }
  auto& overhead = json["overhead"] = nlohmann::json::array();
  for (const auto& row : report.overhead)
    overhead.push_back({{"variant", row.variant},
                        {"setting", row.setting},
                        {"api_seconds", row.api_seconds},
                        {"std_seconds", row.std_seconds},
                        {"overhead_ratio", row.overhead_ratio}});
  auto& comparisons = json["comparisons"] = nlohmann::json::array();
  for (const auto& table : report.comparisons) {
    auto rows = nlohmann::json::array();
    for (const auto& row : table.rows) {
      auto record = measurement_json(row.measurement);
      record.update({{"approach", row.approach},
                     {"workers", row.workers},
                     {"cores_used", row.cores_used},
                     {"seconds", row.measurement.seconds_per_call},
                     {"speedup", row.speedup},
                     {"ideal_speedup", row.ideal_speedup},
                     {"efficiency", row.efficiency}});
      rows.push_back(record);
    }
    comparisons.push_back({{"workload", table.workload}, {"rows", rows}, {"finding", table.finding}});
  }
  json["skipped"] = report.skipped;
  return json.dump(2);
}

void write_svg(const BenchReport& report, const std::string& path) {
  if (report.throughput.empty()) throw std::runtime_error("--svg: no variant was benchmarked, nothing to plot");
  const std::string gnuplot = find_gnuplot();
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / fmt::format("interleave-plot-{}", getpid());
  fs::create_directories(dir);
  // One data block per variant: threads, median operations per second.
  std::map<std::string, std::vector<const ThroughputRow*>> lines;
  for (const auto& row : report.throughput) lines[row.variant].push_back(&row);
  std::ofstream data(dir / "throughput.dat");
  std::string plots;
  int index = 0;
  for (const auto& [variant, rows] : lines) {
    for (const ThroughputRow* row : rows) data << row->threads << ' ' << row->measurement.median << '\n';
    data << "\n\n";
    plots += fmt::format("{}{} index {} using 1:2 with linespoints title {}", plots.empty() ? "" : ", ",
                         quoted((dir / "throughput.dat").string()), index++, quoted(variant));
  }
  data.close();
  std::ofstream script(dir / "plot.gp");
  script << "set terminal svg size 900,560 dynamic noenhanced font 'sans,12'\n"
         << "set output " << quoted(path) << "\n"
         << "set title "
         << quoted(fmt::format("Throughput of the correct variants ({} cores, {})", report.cores, report.cpu_model))
         << "\n"
         << "set xlabel 'threads'\nset ylabel 'operations per second (median)'\n"
         << "set logscale y\nset format y '%.0s%c'\nset grid\nset key outside right top\n"
         << "set xtics (" << fmt::format("{}", fmt::join(report.options.threads, ", ")) << ")\n"
         << "plot " << plots << "\n";
  script.close();
  auto result = engines::run_child({gnuplot, (dir / "plot.gp").string()}, {}, std::chrono::seconds(60));
  fs::remove_all(dir);
  if (result.exit_code != 0) throw std::runtime_error("gnuplot failed: " + result.err);
}

}  // namespace interleave::bench
