#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace interleave::engines::threads {

// Linux futexes on a 32-bit atomic word, private to this process. They let
// the threads engine block the way glibc's own mutex does (one atomic
// instruction when uncontended, a system call only to sleep or wake) while
// still sleeping in bounded slices, so that an abandoned run can unwind.
using FutexWord = std::atomic<std::uint32_t>;

// Sleeps while `word` holds `expected`, for at most `timeout`. May return
// early and for no reason: callers look at the word again.
void futex_wait(FutexWord& word, std::uint32_t expected, std::chrono::nanoseconds timeout);

// Wakes up to `count` threads sleeping on `word`. Only the address is used,
// never the memory behind it: waking a word whose owner has just freed it
// is harmless (at worst a spurious wakeup elsewhere, which every waiter
// tolerates).
void futex_wake(FutexWord& word, int count);

}  // namespace interleave::engines::threads
