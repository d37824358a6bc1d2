#include "bench/bench_plot.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "engines/child_process.hpp"

namespace interleave::bench {
namespace {

namespace fs = std::filesystem;

std::string find_gnuplot(PlotFormat format) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    auto candidate = fs::path(dir) / "gnuplot";
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  throw std::runtime_error(
      fmt::format("--{} needs gnuplot, which is not installed (bash ci/setup.sh installs gnuplot-nox)",
                  format == PlotFormat::svg ? "svg" : "png"));
}

// A gnuplot string literal.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Tableau's ten: told apart on white, in colour and in grey.
constexpr std::array<const char*, 10> kColours = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                                  "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

double nearest_rank(std::vector<double> values, double fraction) {
  std::sort(values.begin(), values.end());
  auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

// The range the plot's figures span, for its y tics.
struct Span {
  double low = HUGE_VAL;
  double high = 0;
  void add(double value) {
    if (!(value > 0)) return;
    low = std::min(low, value);
    high = std::max(high, value);
  }
};

// One data block per variant, one line per thread count:
// threads, median, 5th percentile, 95th percentile, ideal, noisy (1 or 0).
Span write_data(const std::map<std::string, std::vector<const ThroughputRow*>>& lines, int cores,
                const fs::path& file) {
  Span span;
  std::ofstream data(file);
  for (const auto& [variant, rows] : lines) {
    double one_thread = 0;
    for (const ThroughputRow* row : rows)
      if (row->threads == 1) one_thread = row->measurement.median;
    for (const ThroughputRow* row : rows) {
      const Measurement& m = row->measurement;
      if (m.median <= 0) continue;  // not measured
      const double low = m.per_repetition.empty() ? m.median : std::min(m.median, nearest_rank(m.per_repetition, 0.05));
      const double high = std::max(m.median, m.p95);
      const double ideal = one_thread * std::min(row->threads, std::max(cores, 1));
      span.add(low);
      span.add(high);
      span.add(ideal);
      data << fmt::format("{} {} {} {} {} {}\n", row->threads, m.median, low, high,
                          ideal > 0 ? fmt::format("{}", ideal) : "NaN", noisy(m) ? 1 : 0);
    }
    data << "\n\n";
  }
  return span;
}

// Tics at 1, 2, (3,) 5 times a power of ten within the span: a log axis
// fitted to its figures has too few decades for gnuplot's own.
std::vector<double> log_tics(const Span& span) {
  const double decades = std::log10(span.high / span.low);
  const std::vector<double> mantissas = decades > 4     ? std::vector<double>{1}
                                        : decades > 1.5 ? std::vector<double>{1, 2, 5}
                                                        : std::vector<double>{1, 2, 3, 5};
  std::vector<double> tics;
  for (int exponent = static_cast<int>(std::floor(std::log10(span.low)));
       exponent <= static_cast<int>(std::ceil(std::log10(span.high))); ++exponent)
    for (double mantissa : mantissas) {
      const double tic = mantissa * std::pow(10.0, exponent);
      if (tic >= span.low && tic <= span.high) tics.push_back(tic);
    }
  return tics;
}

std::string terminal(PlotFormat format) {
  if (format == PlotFormat::svg)
    return "set terminal svg size 960,720 dynamic noenhanced font 'sans,12' background rgb 'white'";
  return "set terminal pngcairo size 1280,800 noenhanced font 'sans,11' background rgb 'white'";
}

// gnuplot's data and script, removed however the plot ends (a throw included).
struct ScratchDirectory {
  explicit ScratchDirectory(std::string_view option) {
    std::string name = (fs::temp_directory_path() / "interleave-plot-XXXXXX").string();
    if (mkdtemp(name.data()) == nullptr)
      throw std::runtime_error(
          fmt::format("{}: cannot make a scratch directory in {}", option, fs::temp_directory_path().string()));
    path = name;
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  fs::path path;
};

}  // namespace

bool noisy(const Measurement& m) { return m.spread > kTrustworthySpread; }

void write_plot(const BenchReport& report, const std::string& path, PlotFormat format) {
  const char* option = format == PlotFormat::svg ? "--svg" : "--png";
  if (report.throughput.empty())
    throw std::runtime_error(fmt::format("{}: no variant was benchmarked, nothing to plot", option));
  const std::string gnuplot = find_gnuplot(format);
  const ScratchDirectory scratch(option);
  const fs::path& dir = scratch.path;
  const fs::path data = dir / "throughput.dat";

  std::map<std::string, std::vector<const ThroughputRow*>> lines;
  for (const auto& row : report.throughput) lines[row.variant].push_back(&row);
  const Span span = write_data(lines, report.cores, data);

  std::vector<std::string> plots;
  int index = 0;
  for (const auto& [variant, rows] : lines) {
    const std::string colour = kColours[static_cast<std::size_t>(index) % kColours.size()];
    const std::string block = fmt::format("{} index {}", quoted(data.string()), index);
    plots.push_back(fmt::format("{} using 1:2:3:4 with yerrorlines lw 1.5 pt {} ps 1.2 lc rgb '{}' title {}", block,
                                index % 12 + 1, colour, quoted(variant)));
    plots.push_back(fmt::format("{} using 1:5 with lines dt 2 lw 1 lc rgb '{}' notitle", block, colour));
    plots.push_back(
        fmt::format("{} using 1:($6 > 0 ? $2 : NaN) with points pt 6 ps 3 lw 1.5 lc rgb 'black' notitle", block));
    ++index;
  }
  // What the marks mean, as entries of their own in the legend.
  plots.push_back(
      fmt::format("keyentry with yerrorbars lc rgb 'black' title {}",
                  quoted(fmt::format("bars: 5th to 95th percentile, {} repetitions", report.options.repetitions))));
  plots.push_back(
      fmt::format("keyentry with lines dt 2 lc rgb 'black' title {}",
                  quoted(fmt::format("dashed: ideal, 1-thread median x min(threads, {} cores)", report.cores))));
  plots.push_back(fmt::format("keyentry with points pt 6 ps 3 lw 1.5 lc rgb 'black' title {}",
                              quoted(fmt::format("circled: noisy, spread > {:.0f}% of the median (! in the table)",
                                                 100 * kTrustworthySpread))));

  const auto [low, high] = std::minmax_element(report.options.threads.begin(), report.options.threads.end());
  std::ofstream script(dir / "plot.gp");
  script << terminal(format) << "\n"
         << "set output " << quoted(path) << "\n"
         << "set title "
         << quoted(fmt::format("Throughput of the correct variants ({} cores, {})", report.cores, report.cpu_model))
         << "\n"
         << "set xlabel 'threads'\nset ylabel 'operations per second (median)'\n"
         << "set logscale y\nset format y '%.0s%c'\nset grid\n"
         << "set key outside below left Left reverse spacing 1.2 width 2\n"
         << "set xtics (" << fmt::format("{}", fmt::join(report.options.threads, ", ")) << ")\n";
  if (low != report.options.threads.end()) script << "set xrange [" << *low - 0.5 << ":" << *high + 0.5 << "]\n";
  if (span.high > 1.05 * span.low) {
    // Fitted to the figures (a margin of 5% each side), not to whole decades.
    script << "set autoscale yfix\nset offsets 0, 0, graph 0.05, graph 0.05\n";
    const std::vector<double> tics = log_tics(span);
    if (tics.size() >= 2) script << "set ytics (" << fmt::format("{}", fmt::join(tics, ", ")) << ")\n";
  }
  script << "plot " << fmt::format("{}", fmt::join(plots, ", \\\n     ")) << "\n";
  script.close();

  auto result = engines::run_child({gnuplot, (dir / "plot.gp").string()}, {}, std::chrono::seconds(60));
  if (result.exit_code != 0) throw std::runtime_error("gnuplot failed: " + result.err);
}

}  // namespace interleave::bench
