#pragma once

// ThreadSanitizer's view of the threads engine's mutex. The mutex waits in
// timed slices (so an abandoned run can unwind), and TSan treats a timed lock
// like a try-lock, which never adds a lock-order edge. Annotating the mutex
// itself restores what a plain lock() would tell TSan: acquisition order
// (for lock-order inversions) and the release/acquire it stands for.
// Without -fsanitize=thread these are empty.

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define INTERLEAVE_TSAN_ANNOTATIONS 1
#endif
#endif

#include <cstdint>

#ifdef INTERLEAVE_TSAN_ANNOTATIONS
#include <sanitizer/common_interface_defs.h>
#include <sanitizer/tsan_interface.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#endif

namespace interleave::engines::threads::tsan {

#ifdef INTERLEAVE_TSAN_ANNOTATIONS
inline constexpr bool kEnabled = true;
inline void mutex_created(void* mutex) { __tsan_mutex_create(mutex, 0); }
inline void mutex_destroyed(void* mutex) { __tsan_mutex_destroy(mutex, 0); }
inline void before_lock(void* mutex, bool try_lock = false) {
  __tsan_mutex_pre_lock(mutex, try_lock ? __tsan_mutex_try_lock : 0);
}
inline void after_lock(void* mutex, bool acquired, bool try_lock = false) {
  unsigned flags = (try_lock ? __tsan_mutex_try_lock : 0) | (acquired ? 0 : __tsan_mutex_try_lock_failed);
  __tsan_mutex_post_lock(mutex, flags, 0);
}
inline void before_unlock(void* mutex) { __tsan_mutex_pre_unlock(mutex, 0); }
inline void after_unlock(void* mutex) { __tsan_mutex_post_unlock(mutex, 0); }

extern "C" {
// TSan's dynamic annotations (exported by its runtime; no header declares them).
void AnnotateIgnoreReadsBegin(const char* file, int line);
void AnnotateIgnoreReadsEnd(const char* file, int line);
void AnnotateIgnoreWritesBegin(const char* file, int line);
void AnnotateIgnoreWritesEnd(const char* file, int line);
void AnnotateIgnoreSyncBegin(const char* file, int line);
void AnnotateIgnoreSyncEnd(const char* file, int line);
}

// While it lives, TSan ignores the calling thread's accesses and
// synchronization: for harness code that must not change what TSan infers
// about the program's threads.
class IgnoreScope {
 public:
  IgnoreScope() {
    AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
    AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
    AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
  }
  ~IgnoreScope() {
    AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
    AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
    AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
  }
  IgnoreScope(const IgnoreScope&) = delete;
  IgnoreScope& operator=(const IgnoreScope&) = delete;
};

// The tsan engine stops its child at TSan's first report (halt_on_error):
// as it dies, the child says which schedule it was in, so that the harness
// can report the seed and the schedules run.
inline std::atomic<std::uint64_t> schedule_in_progress{0};
inline void say_schedule_on_death() {
  char line[64] = "interleave-tsan: stopped in schedule seed=";
  char* end = line + 42;
  end = std::to_chars(end, line + sizeof line - 1, schedule_in_progress.load()).ptr;
  *end++ = '\n';
  [[maybe_unused]] auto written = write(STDERR_FILENO, line, static_cast<std::size_t>(end - line));
}
inline void schedule_started(std::uint64_t seed) {
  static const bool registered = (__sanitizer_set_death_callback(say_schedule_on_death), true);
  (void)registered;
  schedule_in_progress.store(seed);
}
#else
inline constexpr bool kEnabled = false;
struct IgnoreScope {
  IgnoreScope() {}  // user-provided, so that a scope variable is not "unused"
};
inline void schedule_started(std::uint64_t) {}
inline void mutex_created(void*) {}
inline void mutex_destroyed(void*) {}
inline void before_lock(void*, bool = false) {}
inline void after_lock(void*, bool, bool = false) {}
inline void before_unlock(void*) {}
inline void after_unlock(void*) {}
#endif

// One blocking lock attempt: TSan is told of it on construction, and of its
// outcome by succeeded() or, when the attempt is abandoned (also by an
// exception unwinding the task), by the destructor.
class LockAttempt {
 public:
  explicit LockAttempt(void* mutex) : mutex_(mutex) { before_lock(mutex_); }
  ~LockAttempt() {
    if (!done_) after_lock(mutex_, false);
  }
  LockAttempt(const LockAttempt&) = delete;
  LockAttempt& operator=(const LockAttempt&) = delete;

  void succeeded() {
    after_lock(mutex_, true);
    done_ = true;
  }

 private:
  void* mutex_;
  bool done_ = false;
};

}  // namespace interleave::engines::threads::tsan
