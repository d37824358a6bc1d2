// A task whose thread cannot be created ends the run as a crash that names
// it; the tasks already started unwind and are joined.

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

#include "interleave/interleave.hpp"
#include "under_sanitizer.hpp"

namespace interleave {
namespace {

// This process's address space now, in bytes (/proc/self/statm counts pages).
std::size_t address_space_in_use() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0;
  statm >> pages;
  return pages * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

// Run in a child of its own (a death test): 64 MiB more address space than
// it uses leaves room for a few thread stacks (8 MiB each), not for 200.
[[noreturn]] void spawn_more_tasks_than_memory_allows() {
  alarm(60);  // a hang ends the child by a signal, which fails the test
  rlimit limit{};
  limit.rlim_cur = limit.rlim_max = address_space_in_use() + (64u << 20);
  if (setrlimit(RLIMIT_AS, &limit) != 0) std::_Exit(2);
  ExploreOptions options;
  options.engine = EngineKind::threads;
  options.schedules = 1;
  auto result = explore(options, [] {
    Mutex lock("lock");
    CondVar never("never");
    std::vector<Task> tasks;
    for (int i = 0; i < 200; ++i)
      tasks.push_back(spawn([&] {
        ScopedLock guard(lock);
        never.wait(guard);
      }));
  });
  std::fprintf(stderr, "verdict %s: %s\n", std::string(to_string(result.verdict)).c_str(), result.message.c_str());
  std::_Exit(result.verdict == Verdict::crash ? 0 : 1);
}

TEST(ThreadsStartFailure, IsACrashNamingTheTask) {
#ifdef INTERLEAVE_UNDER_TSAN
  GTEST_SKIP() << "ThreadSanitizer needs address space of its own that the limit would take away";
#endif
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(spawn_more_tasks_than_memory_allows(), ::testing::ExitedWithCode(0),
              "verdict crash: crash: could not start thread for task T[0-9]+: Resource temporarily unavailable");
}

}  // namespace
}  // namespace interleave
