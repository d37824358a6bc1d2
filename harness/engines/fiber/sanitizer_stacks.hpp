#pragma once

#include <cstddef>

// AddressSanitizer keeps one stack per thread. Boost.Fiber switches stacks
// behind its back, so an exception thrown on a fiber's stack cannot clear the
// poison of the frames it unwinds ("ASan is ignoring requested
// __asan_handle_no_return"), and later calls there report false
// stack-buffer-overflows. These calls tell it of every switch; outside an
// AddressSanitizer build they are empty.

#if defined(__SANITIZE_ADDRESS__)
#define INTERLEAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define INTERLEAVE_ASAN 1
#endif
#endif

namespace interleave::engines::fiber::sanitizer {

struct Stack {
  const void* bottom = nullptr;
  std::size_t size = 0;
};

#if defined(INTERLEAVE_ASAN)
// On the stack being left, just before the switch to `next` (size 0: a
// stack the harness did not allocate).
void leaving_for(Stack next);
// First thing on the stack switched to.
void arrived();
// The stack of the calling thread, which its main fiber runs on.
Stack thread_stack();
// Memory that was a fiber's stack: its poison is stale.
void forget(Stack stack);
#else
inline void leaving_for(Stack) {}
inline void arrived() {}
inline Stack thread_stack() { return {}; }
inline void forget(Stack) {}
#endif

}  // namespace interleave::engines::fiber::sanitizer
