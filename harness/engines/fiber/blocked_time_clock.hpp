#pragma once

#include <pthread.h>
#include <time.h>

#include <cstdint>

namespace interleave::engines::fiber {

// What one thread has spent asleep in the kernel by its own call (a
// blocking sleep, read or wait), as opposed to the time it was runnable but
// the OS ran something else: wall time less its CPU time less its wait in
// a run queue (the second figure of /proc/thread-self/schedstat), and how
// many times it gave up the CPU of its own accord. On a busy machine a
// preempted thread's blocked time stands still; a sleeping one's runs.
// Only differences between two readings mean anything.
class BlockedTimeClock {
 public:
  struct Reading {
    std::int64_t blocked_ns = 0;
    std::int64_t voluntary_switches = 0;
  };

  // The clock of the calling thread.
  BlockedTimeClock();
  ~BlockedTimeClock();
  BlockedTimeClock(const BlockedTimeClock&) = delete;
  BlockedTimeClock& operator=(const BlockedTimeClock&) = delete;

  // Any thread may read it; but the kernel adds a wait in the run queue
  // only once the thread runs again, so a reading taken while the thread
  // waits for a CPU counts that wait as blocked.
  Reading read() const;
  // The thread's own reading, which has no such error: it is running.
  Reading read_own() const;

  // False where the kernel keeps no run-queue accounting (no schedstat):
  // then a preemption counts as blocked time.
  bool tells_preemption_apart() const { return schedstat_fd_ >= 0; }

 private:
  std::int64_t blocked_ns() const;
  std::int64_t run_queue_wait_ns() const;

  clockid_t cpu_clock_;
  int schedstat_fd_ = -1;
  int status_fd_ = -1;  // /proc/self/task/TID/status: voluntary_ctxt_switches
};

}  // namespace interleave::engines::fiber
