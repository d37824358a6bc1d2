#pragma once

#include <functional>
#include <string>
#include <vector>

namespace interleave::bench {

// One thing to time: each call of `body` does `operations` units of work.
struct BenchCase {
  std::string name;
  double operations = 1;
  std::function<void()> body;
  int cpus = 0;  // run on this many CPUs (CpuPin); 0: wherever the OS likes
};

// Operations per second over the repetitions of one case.
struct Measurement {
  std::string name;
  std::vector<double> per_repetition;  // operations per second, one per repetition
  double median = 0;
  double p95 = 0;               // 95th percentile (nearest rank) of operations per second
  double spread = 0;            // (max - min) / median
  double seconds_per_call = 0;  // median real time of one call of the body
};

// Times every case with Google Benchmark: real time (the cases are
// multi-threaded), a warm-up, then `repetitions` repetitions of at least
// `min_seconds` each, the repetitions of all cases interleaved at random.
// Progress goes to stderr when it is a terminal.
std::vector<Measurement> measure(const std::vector<BenchCase>& cases, int repetitions, double min_seconds);

// A spread above this makes a figure too noisy to trust.
inline constexpr double kTrustworthySpread = 0.10;

}  // namespace interleave::bench
