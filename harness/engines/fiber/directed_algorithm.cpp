#include "engines/fiber/directed_algorithm.hpp"

#include <cstdio>
#include <cstdlib>

namespace interleave::engines::fiber {

using boost::fibers::context;
using boost::fibers::type;

void DirectedAlgorithm::awakened(context* ctx) noexcept {
  if (ctx->is_context(type::main_context))
    main_ = ctx;
  else if (ctx->is_context(type::dispatcher_context))
    dispatcher_ = ctx;
  else
    last_worker_ = ctx;
}

context* DirectedAlgorithm::pick_next() noexcept {
  context* next = nullptr;
  if (selected_ != nullptr) {
    std::swap(next, selected_);
  } else if (main_ != nullptr) {
    std::swap(next, main_);
  } else if (dispatcher_ != nullptr) {
    std::swap(next, dispatcher_);
  }
#if defined(INTERLEAVE_ASAN)
  if (next != nullptr) sanitizer::leaving_for(stack_of(next));
#endif
  return next;
}

#if defined(INTERLEAVE_ASAN)
sanitizer::Stack DirectedAlgorithm::stack_of(context* fiber) {
  if (fiber->is_context(type::main_context)) return sanitizer::thread_stack();
  auto found = stacks_.find(fiber);
  return found == stacks_.end() ? sanitizer::Stack{} : found->second;
}
#endif

bool DirectedAlgorithm::has_ready_fibers() const noexcept {
  return selected_ != nullptr || main_ != nullptr || dispatcher_ != nullptr;
}

void DirectedAlgorithm::suspend_until(std::chrono::steady_clock::time_point const&) noexcept {
  // Boost asks the thread to sleep only when no context at all can run; the
  // engine always selects one, so reaching this is a harness bug.
  std::fputs("interleave: internal error: fiber scheduler has nothing to run\n", stderr);
  std::abort();
}

}  // namespace interleave::engines::fiber
