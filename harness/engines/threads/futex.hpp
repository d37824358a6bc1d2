#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace interleave::engines::threads {

// Linux futexes on a 32-bit atomic word, private to this process. They let
// the threads engine block the way glibc's own mutex does (one atomic
// instruction when uncontended, a system call only to sleep or wake) while
// still letting an abandoned run wake every sleeper (ThreadsEngine::sleep_on).
using FutexWord = std::atomic<std::uint32_t>;

// Sleeps while `word` holds `expected`, for at most `timeout`. May return
// early and for no reason: callers look at the word again.
void futex_wait_for(FutexWord& word, std::uint32_t expected, std::chrono::nanoseconds timeout);

// The same without a timeout, so the kernel arms no timer: a sleep and its
// wake cost two system calls and nothing more, as in glibc's mutex.
void futex_wait(FutexWord& word, std::uint32_t expected);

// Wakes up to `count` threads sleeping on `word`. Only the address is used,
// never the memory behind it: waking a word whose owner has just freed it
// is harmless (at worst a spurious wakeup elsewhere, which every waiter
// tolerates).
void futex_wake(FutexWord& word, int count);

}  // namespace interleave::engines::threads
