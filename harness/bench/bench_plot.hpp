#pragma once

#include <string>

#include "bench/bench_run.hpp"

namespace interleave::bench {

enum class PlotFormat { svg, png };

// A point too noisy to trust, as the table's "!" marks it: its repetitions
// spread over more than kTrustworthySpread of its median.
bool noisy(const Measurement& m);

// Draws operations per second against thread count with gnuplot (a Debian
// package; PNG through its pngcairo terminal), on a white background: one
// line per variant through the medians, error bars from the 5th to the 95th
// percentile of the repetitions, the variant's ideal scaling dashed in its
// colour (its one-thread median times min(threads, cores)), noisy points
// circled, and a legend saying so. Throws std::runtime_error naming what
// failed.
void write_plot(const BenchReport& report, const std::string& path, PlotFormat format);

}  // namespace interleave::bench
