#include "engines/threads/watchdog.hpp"

#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "engines/threads/threads_engine.hpp"
#include "engines/threads/tsan_annotations.hpp"

namespace interleave::engines::threads {
namespace {

struct Registry {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<Watched*> runs;
  bool asleep = false;   // until a run is watched; watch() must wake it
  pid_t started_in = 0;  // a forked child has no watchdog thread until it starts one
};

// Never destroyed: the detached thread may still use it while the process exits.
Registry& registry() {
  static Registry* const instance = new Registry;
  return *instance;
}

void watch_forever(Registry& registry) {
  std::unique_lock lock(registry.mutex);
  bool someone_blocked = false;
  for (;;) {
    // Runs tend to follow each other: with none, it stays awake for a while,
    // so that a run costs no wakeup to start, before it sleeps for good.
    if (registry.runs.empty() &&
        !registry.changed.wait_for(lock, Watchdog::kStayAwake, [&] { return !registry.runs.empty(); })) {
      registry.asleep = true;
      registry.changed.wait(lock, [&] { return !registry.runs.empty(); });
      registry.asleep = false;
    }
    // Nothing notifies this wait (watch() wakes only the sleep above): it ends on time.
    registry.changed.wait_for(lock, someone_blocked ? Watchdog::kBlockedLook : Watchdog::kCalmLook);
    // Ticks run under the registry's lock, so unwatch() waits for a tick in
    // progress. The watchdog is the harness, not the program: TSan must not
    // see its locking order the program's threads.
    tsan::IgnoreScope invisible_to_tsan;
    someone_blocked = false;
    for (Watched* run : registry.runs) someone_blocked = run->watchdog_tick() || someone_blocked;
  }
}

}  // namespace

void Watchdog::watch(Watched& run) {
  Registry& shared = registry();
  std::lock_guard lock(shared.mutex);
  if (shared.started_in != getpid()) {
    shared.started_in = getpid();
    std::thread(watch_forever, std::ref(shared)).detach();
  }
  shared.runs.push_back(&run);
  if (shared.asleep) shared.changed.notify_all();
}

void Watchdog::unwatch(Watched& run) {
  Registry& shared = registry();
  std::lock_guard lock(shared.mutex);
  std::erase(shared.runs, &run);
}

}  // namespace interleave::engines::threads
