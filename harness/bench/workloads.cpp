#include "bench/workloads.hpp"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/fiber/all.hpp>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace interleave::bench {
namespace {

constexpr int kCpuItems = 64;
constexpr long kRangePerItem = 10'000;
constexpr int kIoItems = 64;
constexpr auto kLatency = std::chrono::milliseconds(2);

long primes_in(long from, long to) {
  long count = 0;
  for (long n = std::max(from, 2L); n < to; ++n) {
    bool prime = true;
    for (long d = 2; d * d <= n && prime; ++d) prime = n % d != 0;
    count += prime ? 1 : 0;
  }
  return count;
}

// One piece of work; a fiber waits without blocking its thread.
long run_item(const Workload& workload, int item, bool on_fiber) {
  if (workload.kind == WorkloadKind::cpu_bound) return primes_in(item * kRangePerItem, (item + 1) * kRangePerItem);
  if (on_fiber)
    boost::this_fiber::sleep_for(kLatency);
  else
    std::this_thread::sleep_for(kLatency);
  return 1;
}

long sequential(const Workload& workload) {
  long total = 0;
  for (int item = 0; item < workload.items; ++item) total += run_item(workload, item, false);
  return total;
}

long thread_pool(const Workload& workload, int workers) {
  std::atomic<int> next{0};
  std::atomic<long> total{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w)
    threads.emplace_back([&] {
      for (int item; (item = next.fetch_add(1)) < workload.items;) total.fetch_add(run_item(workload, item, false));
    });
  for (auto& thread : threads) thread.join();
  return total.load();
}

// Worker w takes items w, w+workers, ... and sends its sum over a pipe.
long processes(const Workload& workload, int workers) {
  std::vector<std::pair<pid_t, int>> children;
  for (int w = 0; w < workers; ++w) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      close(fds[0]);
      long sum = 0;
      for (int item = w; item < workload.items; item += workers) sum += run_item(workload, item, false);
      [[maybe_unused]] auto written = write(fds[1], &sum, sizeof sum);
      _exit(0);
    }
    close(fds[1]);
    children.emplace_back(pid, fds[0]);
  }
  long total = 0;
  for (auto [pid, fd] : children) {
    long sum = 0;
    if (read(fd, &sum, sizeof sum) != sizeof sum) throw std::runtime_error("a worker process sent nothing");
    close(fd);
    waitpid(pid, nullptr, 0);
    total += sum;
  }
  return total;
}

long fibers_here(const Workload& workload) {
  std::atomic<long> total{0};
  std::vector<boost::fibers::fiber> fibers;
  for (int item = 0; item < workload.items; ++item)
    fibers.emplace_back([&, item] { total.fetch_add(run_item(workload, item, true)); });
  for (auto& fiber : fibers) fiber.join();
  return total.load();
}

// On a fresh thread, so that the caller's fiber scheduler is left alone.
long fibers_one_thread(const Workload& workload) {
  long total = 0;
  std::thread([&] { total = fibers_here(workload); }).join();
  return total;
}

// `workers` threads share one ready queue (Boost.Fiber's shared_work): the
// helpers park their main fiber until the work is done and run fibers meanwhile.
long fibers_all_cores(const Workload& workload, int workers) {
  long total = 0;
  bool done = false;
  boost::fibers::mutex lock;
  boost::fibers::condition_variable finished;
  std::vector<std::thread> helpers;
  for (int w = 1; w < workers; ++w)
    helpers.emplace_back([&] {
      boost::fibers::use_scheduling_algorithm<boost::fibers::algo::shared_work>();
      std::unique_lock hold(lock);
      finished.wait(hold, [&] { return done; });
    });
  std::thread([&] {
    boost::fibers::use_scheduling_algorithm<boost::fibers::algo::shared_work>();
    total = fibers_here(workload);
    std::unique_lock hold(lock);
    done = true;
    finished.notify_all();
  }).join();
  for (auto& helper : helpers) helper.join();
  return total;
}

}  // namespace

std::string_view to_string(Approach approach) {
  switch (approach) {
    case Approach::sequential:
      return "sequential";
    case Approach::thread_pool:
      return "thread pool";
    case Approach::processes:
      return "processes";
    case Approach::fibers_one_thread:
      return "fibers, one thread";
    case Approach::fibers_all_cores:
      return "fibers, all cores";
  }
  return "unknown";
}

Workload cpu_bound_workload() {
  return {WorkloadKind::cpu_bound, fmt::format("CPU-bound: count the primes below {}", kCpuItems * kRangePerItem),
          kCpuItems, primes_in(0, kCpuItems * kRangePerItem)};
}

Workload io_bound_workload() {
  return {WorkloadKind::io_bound,
          fmt::format("I/O-bound: {} requests of {} ms simulated latency", kIoItems, kLatency.count()), kIoItems,
          kIoItems};
}

void run_workload(const Workload& workload, Approach approach, int workers) {
  long total = 0;
  switch (approach) {
    case Approach::sequential:
      total = sequential(workload);
      break;
    case Approach::thread_pool:
      total = thread_pool(workload, workers);
      break;
    case Approach::processes:
      total = processes(workload, workers);
      break;
    case Approach::fibers_one_thread:
      total = fibers_one_thread(workload);
      break;
    case Approach::fibers_all_cores:
      total = fibers_all_cores(workload, workers);
      break;
  }
  if (total != workload.expected_total)
    throw std::runtime_error(fmt::format("{} on {}: got {}, expected {}", workload.name, to_string(approach), total,
                                         workload.expected_total));
}

}  // namespace interleave::bench
