// The bench plot drawn from figures made up for the test (so that which
// point is noisy is known): what the SVG shows, and that the PNG is a PNG.

#include "bench/bench_plot.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

namespace interleave::bench {
namespace {

namespace fs = std::filesystem;

ThroughputRow row(const std::string& variant, int threads, std::vector<double> per_repetition) {
  ThroughputRow row;
  row.variant = variant;
  row.unit = "increments";
  row.threads = threads;
  std::vector<double> sorted = per_repetition;
  std::sort(sorted.begin(), sorted.end());
  row.measurement.per_repetition = per_repetition;
  row.measurement.median = sorted[sorted.size() / 2];
  row.measurement.p95 = sorted.back();
  row.measurement.spread = (sorted.back() - sorted.front()) / row.measurement.median;
  return row;
}

// Two variants on 1, 2 and 4 threads of a 2-core machine; one point noisy
// (a spread of 40%), every other within 4%.
BenchReport made_up_report() {
  BenchReport report;
  report.cpu_model = "Test CPU";
  report.cores = 2;
  report.options.threads = {1, 2, 4};
  report.options.repetitions = 5;
  report.throughput = {
      row("counter/locked", 1, {0.99e6, 1.00e6, 1.01e6, 1.02e6, 0.98e6}),
      row("counter/locked", 2, {1.5e6, 1.8e6, 1.9e6, 2.1e6, 1.7e6}),  // noisy
      row("counter/locked", 4, {1.70e6, 1.71e6, 1.69e6, 1.72e6, 1.70e6}),
      row("counter/sharded", 1, {3.00e5, 3.01e5, 2.99e5, 3.02e5, 2.98e5}),
      row("counter/sharded", 2, {5.00e5, 5.01e5, 4.99e5, 5.02e5, 4.98e5}),
      row("counter/sharded", 4, {4.50e5, 4.51e5, 4.49e5, 4.52e5, 4.48e5}),
  };
  return report;
}

std::string read(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

fs::path scratch(const std::string& name) {
  return fs::temp_directory_path() / ("bench-plot-" + std::to_string(getpid()) + "-" + name);
}

// gnuplot's SVG puts each plot command in <g id="gnuplot_plot_N">: N = 1, 2,
// 3 for the first variant's line, ideal and noisy marks, 4, 5, 6 for the second's.
std::map<int, std::string> plot_groups(const std::string& svg) {
  std::map<int, std::string> groups;
  const std::regex start("<g id=\"gnuplot_plot_([0-9]+)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), start); it != std::sregex_iterator(); ++it) {
    const auto from = static_cast<std::size_t>(it->position());
    const auto next = svg.find("<g id=\"gnuplot_plot_", from + 1);
    groups[std::stoi((*it)[1])] = svg.substr(from, next == std::string::npos ? std::string::npos : next - from);
  }
  return groups;
}

// Vertical segments "Mx,y1 Lx,y2" in a group's paths: its error bars (and
// the two end ticks of its legend sample).
int vertical_segments(const std::string& group) {
  const std::regex segment(R"(M([0-9.]+),([0-9.]+)\s+L([0-9.]+),([0-9.]+))");
  int count = 0;
  for (auto it = std::sregex_iterator(group.begin(), group.end(), segment); it != std::sregex_iterator(); ++it)
    if ((*it)[1] == (*it)[3] && (*it)[2] != (*it)[4]) ++count;
  return count;
}

int count(const std::string& text, const std::string& part) {
  int n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(BenchPlot, NoisyIsASpreadAboveTheTrustworthyOne) {
  Measurement m;
  m.spread = kTrustworthySpread;
  EXPECT_FALSE(noisy(m));
  m.spread = kTrustworthySpread + 0.01;
  EXPECT_TRUE(noisy(m));
}

TEST(BenchPlot, SvgHasAWhiteBackgroundErrorBarsIdealLinesAndCirclesTheNoisyPoint) {
  const fs::path path = scratch("plot.svg");
  write_plot(made_up_report(), path.string(), PlotFormat::svg);
  const std::string svg = read(path);
  fs::remove(path);

  EXPECT_TRUE(std::regex_search(svg, std::regex(R"(<rect x="0" y="0" width="\d+" height="\d+" fill="#ffffff"/>)")))
      << "no white background:\n"
      << svg.substr(0, 600);
  const auto groups = plot_groups(svg);
  ASSERT_GE(groups.size(), 6u) << svg;
  for (int line : {1, 4}) {
    // A bar at each of the three thread counts, beside the legend sample's two ticks.
    EXPECT_GE(vertical_segments(groups.at(line)), 3 + 2) << groups.at(line);
    EXPECT_NE(groups.at(line + 1).find("stroke-dasharray"), std::string::npos) << "no dashed ideal line";
  }
  // The sharded variant on 1 thread ideal-scales to 2 cores at 2 and 4 threads: three points, one path.
  EXPECT_EQ(count(groups.at(5), "L"), 2) << groups.at(5);
  // Circled (point type 6, gnuplot's gpPt5): the locked variant's noisy point, and no other.
  EXPECT_EQ(count(groups.at(3), "#gpPt5"), 1) << groups.at(3);
  EXPECT_EQ(count(groups.at(6), "#gpPt5"), 0) << groups.at(6);
  for (const char* part :
       {"counter/locked", "counter/sharded", "threads", "operations per second",
        "bars: 5th to 95th percentile, 5 repetitions", "dashed: ideal, 1-thread median x min(threads, 2 cores)",
        "circled: noisy, spread ", "10% of the median (! in the table)"})
    EXPECT_NE(svg.find(part), std::string::npos) << part;
}

TEST(BenchPlot, PngIsAPngOfTheTerminalsSize) {
  const fs::path path = scratch("plot.png");
  write_plot(made_up_report(), path.string(), PlotFormat::png);
  const std::string png = read(path);
  fs::remove(path);
  ASSERT_GT(png.size(), 10'000u) << "a plot with lines, bars and a legend is more than a few bytes";
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(png.substr(12, 4), "IHDR");
  auto big_endian = [&](std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) value = value << 8 | static_cast<unsigned char>(png[at + i]);
    return value;
  };
  EXPECT_EQ(big_endian(16), 1280u);
  EXPECT_EQ(big_endian(20), 800u);
}

TEST(BenchPlot, AnUnwritablePathIsAnError) {
  EXPECT_THROW(write_plot(made_up_report(), "/nonexistent-dir/plot.png", PlotFormat::png), std::runtime_error);
}

}  // namespace
}  // namespace interleave::bench
