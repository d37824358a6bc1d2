#pragma once

#include <boost/fiber/algo/algorithm.hpp>
#include <boost/fiber/context.hpp>
#include <chrono>
#include <unordered_map>

#include "engines/fiber/sanitizer_stacks.hpp"

namespace interleave::engines::fiber {

// A Boost.Fiber scheduling algorithm with no policy of its own: it resumes
// exactly the fiber the engine selected. Boost's ready queue is ignored; the
// engine keeps its own notion of who is runnable. When nothing is selected it
// falls back to the controlling (main) context, then to Boost's dispatcher,
// which frees finished fibers.
class DirectedAlgorithm final : public boost::fibers::algo::algorithm {
 public:
  void select(boost::fibers::context* next) noexcept { selected_ = next; }

  // The worker fiber most recently made ready: right after constructing a
  // boost::fibers::fiber, the new fiber's context.
  boost::fibers::context* last_new_fiber() const noexcept { return last_worker_; }

  // Where a worker fiber's stack lies, for AddressSanitizer's switch notes.
  void set_stack([[maybe_unused]] boost::fibers::context* fiber, [[maybe_unused]] sanitizer::Stack stack) {
#if defined(INTERLEAVE_ASAN)
    stacks_[fiber] = stack;
#endif
  }

  void awakened(boost::fibers::context* context) noexcept override;
  boost::fibers::context* pick_next() noexcept override;
  bool has_ready_fibers() const noexcept override;
  void suspend_until(std::chrono::steady_clock::time_point const& until) noexcept override;
  void notify() noexcept override {}

 private:
  boost::fibers::context* selected_ = nullptr;
  boost::fibers::context* main_ = nullptr;
  boost::fibers::context* dispatcher_ = nullptr;
  boost::fibers::context* last_worker_ = nullptr;
#if defined(INTERLEAVE_ASAN)
  sanitizer::Stack stack_of(boost::fibers::context* fiber);
  std::unordered_map<boost::fibers::context*, sanitizer::Stack> stacks_;
#endif
};

}  // namespace interleave::engines::fiber
