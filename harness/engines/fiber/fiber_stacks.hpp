#pragma once

#include <boost/context/stack_context.hpp>
#include <boost/fiber/protected_fixedsize_stack.hpp>
#include <cstddef>

#include "engines/fiber/sanitizer_stacks.hpp"

namespace interleave::engines::fiber {

// The stacks of the engine's fibers: each has a guard page below it, so an
// overflow is a SIGSEGV (a crash the supervisor names), not a write into
// another fiber. Remembers the last stack it gave out, so that the engine
// can tell AddressSanitizer where a fiber's stack lies.
class FiberStacks {
 public:
  explicit FiberStacks(std::size_t bytes) : allocator_(bytes) {}

  boost::context::stack_context allocate() {
    last_ = allocator_.allocate();
    return last_;
  }

  void deallocate(boost::context::stack_context& stack) noexcept {
    sanitizer::forget(bounds(stack));
    allocator_.deallocate(stack);
  }

  sanitizer::Stack last() const { return bounds(last_); }

 private:
  static sanitizer::Stack bounds(const boost::context::stack_context& stack) {
    return {static_cast<const char*>(stack.sp) - stack.size, stack.size};
  }

  boost::fibers::protected_fixedsize_stack allocator_;
  boost::context::stack_context last_{};
};

}  // namespace interleave::engines::fiber
