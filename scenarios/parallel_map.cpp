// parallel_map: split a computation over workers and combine the parts.
// Documents 001 and 002 (primes in a range, sum of squares): the parallel
// result must equal the sequential one.

#include <memory>

#include "scenarios/catalog.hpp"
#include "scenarios/support.hpp"

namespace interleave::scenarios {
namespace {

bool is_prime(long n) {
  if (n < 2) return false;
  for (long d = 2; d * d <= n; ++d)
    if (n % d == 0) return false;
  return true;
}

// Per number: its square plus, when it is prime, a marker in the high digits,
// so that one sum checks both computations of the documents.
long contribution(long n) { return n * n + (is_prime(n) ? 1'000'000 : 0); }

long sequential(long n) {
  long total = 0;
  for (long i = 1; i <= n; ++i) total += contribution(i);
  return total;
}

void chunked(const Params& params) {
  const int workers = params.as_int("workers");
  const long n = params["n"];
  std::vector<std::unique_ptr<Shared<long>>> partial;
  for (int w = 0; w < workers; ++w) partial.push_back(std::make_unique<Shared<long>>(0, fmt::format("partial[{}]", w)));
  run_workers(workers, [&](int w) {
    long sum = 0;
    for (long i = 1 + w; i <= n; i += workers) sum += contribution(i);
    partial[w]->write(sum);  // one write, to this worker's own slot
  });
  long total = 0;
  for (auto& slot : partial) total += slot->read();
  check(total == sequential(n),
        [&] { return fmt::format("parallel result {} differs from the sequential {}", total, sequential(n)); });
}

void shared_accumulator(const Params& params) {
  const int workers = params.as_int("workers");
  const long n = params["n"];
  Shared<long> total(0, "total");
  run_workers(workers, [&](int w) {
    for (long i = 1 + w; i <= n; i += workers) total.write(total.read() + contribution(i));
  });
  check(total.read() == sequential(n),
        [&] { return fmt::format("parallel result {} differs from the sequential {}", total.read(), sequential(n)); });
}

}  // namespace

Scenario parallel_map_scenario() {
  return {
      .name = "parallel_map",
      .summary = "split a computation over workers; the result must equal the sequential one",
      .defaults = Params({{"workers", 2}, {"n", 12}}),
      .variants =
          {
              variant("chunked", {Verdict::clean},
                      "Each worker computes its own chunk into a local sum and writes it once to a slot of its "
                      "own; the parts are added after every worker is joined. Nothing is shared while they run.",
                      chunked),
              variant("shared_accumulator", {Verdict::race, Verdict::invariant},
                      "Every worker adds each term into one shared total: read, add, write, with no lock. Two "
                      "workers read the same total and one addition is lost; the result differs from the "
                      "sequential one. Fix: per-worker partial sums combined at the end (`chunked`).",
                      shared_accumulator),
          },
      .bench =
          BenchSpec{{"workers"}, Params({{"n", 200'000}}), [](const Params& p) { return double(p["n"]); }, "elements"},
      .ranges = {{"workers", kTaskCount}},
  };
}

}  // namespace interleave::scenarios
