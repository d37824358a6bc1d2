#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace interleave::bench {

// The documents' comparison: one workload run sequentially, on a thread
// pool, on forked processes, on fibers on one thread, and on fibers across
// all cores (Boost.Fiber's shared_work algorithm).
enum class Approach { sequential, thread_pool, processes, fibers_one_thread, fibers_all_cores };
inline constexpr Approach kAllApproaches[] = {Approach::sequential, Approach::thread_pool, Approach::processes,
                                              Approach::fibers_one_thread, Approach::fibers_all_cores};
std::string_view to_string(Approach approach);

enum class WorkloadKind { cpu_bound, io_bound };

struct Workload {
  WorkloadKind kind;
  std::string name;     // "cpu-bound: primes below 640000"
  int items;            // independent pieces of work
  long expected_total;  // what the pieces add up to, checked after every run
};

// CPU-bound: count the primes in `items` consecutive ranges by trial division.
Workload cpu_bound_workload();
// I/O-bound: `items` requests, each waiting a simulated 2 ms of latency.
Workload io_bound_workload();

// Runs the whole workload once with `workers` threads or processes (fibers:
// one fiber per item; across all cores, `workers` threads share them).
// Throws std::runtime_error if the pieces do not add up.
void run_workload(const Workload& workload, Approach approach, int workers);

}  // namespace interleave::bench
