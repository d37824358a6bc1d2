#include "engines/fiber/sanitizer_stacks.hpp"

#if defined(INTERLEAVE_ASAN)

#include <pthread.h>
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>

namespace interleave::engines::fiber::sanitizer {
namespace {

// Boost's dispatcher fiber is entered and left without the harness seeing
// its arrival, so a new switch may begin while one is still open: it is
// closed first (AddressSanitizer dies on a switch inside a switch).
thread_local bool switch_open = false;

}  // namespace

void leaving_for(Stack next) {
  if (switch_open) __sanitizer_finish_switch_fiber(nullptr, nullptr, nullptr);
  // No fake stacks are kept (detect_stack_use_after_return stays off), so
  // there is none to save.
  __sanitizer_start_switch_fiber(nullptr, next.bottom, next.size);
  switch_open = true;
}

void arrived() {
  if (!switch_open) return;
  __sanitizer_finish_switch_fiber(nullptr, nullptr, nullptr);
  switch_open = false;
}

Stack thread_stack() {
  pthread_attr_t attributes;
  if (pthread_getattr_np(pthread_self(), &attributes) != 0) return {};
  void* bottom = nullptr;
  std::size_t size = 0;
  pthread_attr_getstack(&attributes, &bottom, &size);
  pthread_attr_destroy(&attributes);
  return {bottom, size};
}

void forget(Stack stack) { ASAN_UNPOISON_MEMORY_REGION(stack.bottom, stack.size); }

}  // namespace interleave::engines::fiber::sanitizer

// Fiber switches are announced without fake stacks (see leaving_for), so
// none are made: ASan would map one per thread, and a test that limits the
// address space would run out. ASAN_OPTIONS still overrides this.
extern "C" const char* __asan_default_options() { return "detect_stack_use_after_return=0"; }

#endif
