#include "engines/stuck_task.hpp"

#include <atomic>

namespace interleave::engines::stuck_task {
namespace {

struct Registration {
  const void* engine = nullptr;
  Describer describe = nullptr;
};

// Read from a signal handler: one word to load, so a lock-free pointer to a
// registration that never changes once published.
std::atomic<const Registration*> registered{nullptr};
static_assert(std::atomic<const Registration*>::is_always_lock_free);

}  // namespace

void set(const void* engine, Describer describe) noexcept {
  // One engine per exploring thread; a process explores one variant at a
  // time when supervised, which is when the description is asked for.
  static thread_local Registration registration;
  registration = {engine, describe};
  registered.store(&registration, std::memory_order_release);
}

void clear(const void* engine) noexcept {
  const Registration* current = registered.load(std::memory_order_acquire);
  if (current != nullptr && current->engine == engine) registered.compare_exchange_strong(current, nullptr);
}

void describe(char* out, std::size_t size) noexcept {
  if (size == 0) return;
  out[0] = '\0';
  const Registration* current = registered.load(std::memory_order_acquire);
  if (current != nullptr && current->describe != nullptr) current->describe(current->engine, out, size);
}

}  // namespace interleave::engines::stuck_task
