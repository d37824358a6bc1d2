#include "bench/cpu_pin.hpp"

namespace interleave::bench {

CpuPin::CpuPin(int cpus) {
  if (cpus <= 0 || sched_getaffinity(0, sizeof saved_, &saved_) != 0 || cpus >= CPU_COUNT(&saved_)) return;
  cpu_set_t first;
  CPU_ZERO(&first);
  for (int cpu = 0, taken = 0; cpu < CPU_SETSIZE && taken < cpus; ++cpu)
    if (CPU_ISSET(cpu, &saved_)) {
      CPU_SET(cpu, &first);
      ++taken;
    }
  pinned_ = sched_setaffinity(0, sizeof first, &first) == 0;
}

CpuPin::~CpuPin() {
  if (pinned_) sched_setaffinity(0, sizeof saved_, &saved_);
}

}  // namespace interleave::bench
