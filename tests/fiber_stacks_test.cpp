// Fiber stacks under AddressSanitizer (the asan-ubsan preset): the engine
// announces every switch to it, and a real overflow on a fiber's stack is
// still reported. (Without the announcements, the truth table, which runs
// the catalog in one process, dies of a false stack-buffer-overflow in its
// first variants under this preset: exceptions unwinding a task leave their
// frames' poison behind.)

#include <gtest/gtest.h>

#include <stdexcept>

#include "interleave/interleave.hpp"
#include "under_sanitizer.hpp"

namespace interleave {
namespace {

volatile int past_the_end = 8;

// Out of line, so that each frame has redzones of its own; throws from the
// deepest, so that unwinding skips every epilogue that would clear them.
[[gnu::noinline]] int throw_from_deep_frames(int depth) {
  volatile char frame[64];
  frame[0] = static_cast<char>(depth);
  if (depth == 0) throw std::runtime_error("unwinds the frames above");
  return throw_from_deep_frames(depth - 1) + frame[0];
}

[[gnu::noinline]] void write_past_a_stack_array() {
  volatile char frame[8];
  volatile char* cell = frame;
  cell[past_the_end] = 1;
}

// Frames with no instrumented locals of their own over the unwound ones:
// the engine's bookkeeping of each lock copies records through the stack.
[[gnu::noinline]] void lock_nested(Mutex* locks, int count) {
  if (count == 0) return;
  ScopedLock held(locks[0]);
  lock_nested(locks + 1, count - 1);
}

// A task throws from deep frames and catches it, switching to the other
// task in between, then calls over the unwound frames.
void throw_then_lock() {
  Mutex locks[4] = {Mutex("l0"), Mutex("l1"), Mutex("l2"), Mutex("l3")};
  auto task = [&] {
    for (int i = 0; i < 10; ++i) {
      try {
        throw_from_deep_frames(24);
      } catch (const std::runtime_error&) {
      }
      lock_nested(locks, 4);
    }
  };
  auto a = spawn(task, "a");
  auto b = spawn(task, "b");
  a.join();
  b.join();
}

TEST(FiberStacks, ARealOverflowOnAFiberStackIsReported) {
#ifndef INTERLEAVE_UNDER_ASAN
  GTEST_SKIP() << "only AddressSanitizer sees an overflow that does not reach a guard page";
#endif
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  auto overflow_after_exceptions = [] {
    ExploreOptions options;
    options.schedules = 1;
    explore(options, [] {
      throw_then_lock();
      auto writer = spawn(write_past_a_stack_array, "writer");
      writer.join();
    });
  };
  EXPECT_DEATH(overflow_after_exceptions(), "stack-buffer-overflow[^#]*#0[^\n]*write_past_a_stack_array");
}

}  // namespace
}  // namespace interleave
