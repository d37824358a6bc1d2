#pragma once

#include <iosfwd>
#include <string>

#include "bench/bench_run.hpp"

namespace interleave::bench {

void print_bench(std::ostream& out, const BenchReport& report);
std::string bench_json(const BenchReport& report);

}  // namespace interleave::bench
