#include "detect/race_detector.hpp"

#include <algorithm>

namespace interleave::detect {
namespace {

// Schedules of every engine instance count up one shared generation, so a
// variable slot stamped by another run (or another engine) is never mistaken
// for one of this run's.
std::uint64_t next_generation() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

}  // namespace

void RaceDetector::reset() {
  for (std::size_t i = 0; i < clocks_used_; ++i) clocks_[i].clear();
  clocks_used_ = 0;
  for (std::size_t i = 0; i < variables_used_; ++i) {
    VariableState& state = variables_[i];
    state.write = Epoch{};
    state.read = Epoch{};
    state.concurrent_reads.clear();
    state.sync.clear();
  }
  variables_used_ = 0;
  generation_ = next_generation();
}

RaceDetector::VariableState& RaceDetector::state_of(detail::VariableSlot& variable) {
  if (variable.generation != generation_ || variable.engine_state == nullptr) {
    if (variables_used_ == variables_.size()) variables_.emplace_back();
    variable.engine_state = &variables_[variables_used_++];
    variable.generation = generation_;
  }
  return *static_cast<VariableState*>(variable.engine_state);
}

void RaceDetector::on_spawn(int parent, int child) {
  if (child >= static_cast<int>(clocks_.size())) clocks_.resize(child + 1);
  clocks_used_ = std::max(clocks_used_, static_cast<std::size_t>(child) + 1);
  VectorClock& clock = clock_of(child);
  clock.set(child, 1);  // epochs start at 1; 0 means "never"
  if (parent < 0) return;
  clock.join(clock_of(parent));
  clock_of(parent).tick(parent);
}

void RaceDetector::on_join(int joiner, int finished) { clock_of(joiner).join(clock_of(finished)); }

void RaceDetector::release(int task, VectorClock& sync) {
  VectorClock& clock = clock_of(task);
  sync.join(clock);
  clock.tick(task);
}

void RaceDetector::acquire(int task, const VectorClock& sync) {
  if (mutation_drop_release_acquire.load(std::memory_order_relaxed)) [[unlikely]]
    return;
  clock_of(task).join(sync);
}

std::optional<RaceReport> RaceDetector::access(int task, detail::VariableSlot& variable, bool write,
                                               const std::source_location& where) {
  VariableState& state = state_of(variable);
  const std::uint32_t now = clock_of(task)[task];
  auto race_with = [&](const Epoch& earlier, bool earlier_write) {
    return RaceReport{variable.name.str(), Access{earlier.task, earlier_write, earlier.where},
                      Access{task, write, where}};
  };
  if (!happened_before(state.write, task)) return race_with(state.write, true);
  if (write) {
    if (!happened_before(state.read, task)) return race_with(state.read, false);
    for (const Epoch& read : state.concurrent_reads)
      if (!happened_before(read, task)) return race_with(read, false);
    state.write = Epoch{task, now, where};
    state.read = Epoch{};
    state.concurrent_reads.clear();
    return std::nullopt;
  }
  if (!state.concurrent_reads.empty()) {
    if (task >= static_cast<int>(state.concurrent_reads.size())) state.concurrent_reads.resize(task + 1);
    state.concurrent_reads[task] = Epoch{task, now, where};
  } else if (happened_before(state.read, task)) {
    state.read = Epoch{task, now, where};
  } else {  // two unordered reads: keep both
    state.concurrent_reads.resize(std::max(task, state.read.task) + 1);
    state.concurrent_reads[state.read.task] = state.read;
    state.concurrent_reads[task] = Epoch{task, now, where};
    state.read = Epoch{};
  }
  return std::nullopt;
}

void RaceDetector::atomic_access(int task, detail::VariableSlot& variable, detail::AccessKind kind) {
  VariableState& state = state_of(variable);
  if (kind != detail::AccessKind::atomic_store) acquire(task, state.sync);
  if (kind == detail::AccessKind::atomic_load) return;
  // A store heads a new release sequence and ends the earlier ones (C++20
  // [intro.races]): what it publishes is its own task's history alone. A
  // read-modify-write continues the sequence it read from.
  if (kind == detail::AccessKind::atomic_store) state.sync.clear();
  release(task, state.sync);
}

}  // namespace interleave::detect
