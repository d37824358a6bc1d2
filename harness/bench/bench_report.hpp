#pragma once

#include <iosfwd>
#include <string>

#include "bench/bench_run.hpp"

namespace interleave::bench {

void print_bench(std::ostream& out, const BenchReport& report);
std::string bench_json(const BenchReport& report);

// Draws operations per second against thread count, one line per variant,
// with gnuplot (a Debian package); throws std::runtime_error naming what failed.
void write_svg(const BenchReport& report, const std::string& path);

}  // namespace interleave::bench
