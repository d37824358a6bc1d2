#pragma once

#include <atomic>
#include <thread>

namespace interleave::engines::threads {

// Tells the CPU that this is a spin-wait loop (frees the core's resources
// for its sibling hyperthread and avoids a memory-order flush on exit).
inline void spin_pause() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

// A lock for critical sections of a few instructions that never block, such
// as a condition variable's queue of waiters. A std::mutex there would put
// a notifier to sleep whenever a waiter is enqueueing, at the cost of two
// system calls; this one spins, and yields the CPU only if the holder seems
// descheduled. Meets BasicLockable, for std::lock_guard.
class SpinLock {
 public:
  void lock() {
    int spins = 0;
    while (locked_.exchange(true, std::memory_order_acquire))
      while (locked_.load(std::memory_order_relaxed))
        if (++spins < kSpinsBeforeYield)
          spin_pause();
        else
          std::this_thread::yield();
  }
  void unlock() { locked_.store(false, std::memory_order_release); }

 private:
  static constexpr int kSpinsBeforeYield = 1000;
  std::atomic<bool> locked_{false};
};

}  // namespace interleave::engines::threads
