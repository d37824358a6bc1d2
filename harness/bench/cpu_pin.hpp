#pragma once

#include <sched.h>

namespace interleave::bench {

// While it lives, the calling thread, and every thread it starts, runs on
// the first `cpus` of the CPUs it may use, so that a case's threads share
// the same cores from one repetition to the next. Nothing changes when
// `cpus` is 0, or not fewer than the CPUs allowed.
class CpuPin {
 public:
  explicit CpuPin(int cpus);
  ~CpuPin();
  CpuPin(const CpuPin&) = delete;
  CpuPin& operator=(const CpuPin&) = delete;

 private:
  cpu_set_t saved_;
  bool pinned_ = false;
};

}  // namespace interleave::bench
