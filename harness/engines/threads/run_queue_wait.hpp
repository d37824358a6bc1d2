#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>

namespace interleave::engines::threads {

// How long thread `tid` of this process has waited on a run queue, ready to
// run but kept from a CPU, since it started (the second field of
// /proc/self/task/TID/schedstat); nothing when the kernel does not say.
std::optional<std::chrono::nanoseconds> run_queue_wait(pid_t tid);

}  // namespace interleave::engines::threads
