#pragma once

#include <chrono>

namespace interleave::engines::threads {

// What the watchdog looks at while it is watched.
class Watched {
 public:
  // True when every live task is blocked: look again soon, until a deadlock
  // is certain or a task moves.
  virtual bool watchdog_tick() = 0;

 protected:
  ~Watched() = default;
};

// One thread per process looks after every running threads-engine run, so
// that a run costs no watchdog thread of its own to start and stop. It
// starts on first use and sleeps while nothing is watched; it is detached,
// so it neither delays exit nor counts as a leaked thread.
//
// It looks every kBlockedLook while every task of a run is blocked or the
// run is abandoned, and otherwise every kCalmLook. Tasks never wake it: a
// signal when the last task blocks would need a count of blocked tasks that
// every wait updates, and on a contended lock that shared count cost the
// waiting tasks more than a look every kCalmLook costs the machine.
class Watchdog {
 public:
  static constexpr std::chrono::milliseconds kBlockedLook{5};
  static constexpr std::chrono::milliseconds kCalmLook{20};
  static constexpr std::chrono::seconds kStayAwake{1};

  static void watch(Watched& run);
  // Once this returns, no tick of `run` is under way or will start.
  static void unwatch(Watched& run);
};

}  // namespace interleave::engines::threads
