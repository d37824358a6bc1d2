#pragma once

#include <atomic>
#include <deque>
#include <optional>
#include <source_location>
#include <string>
#include <vector>

#include "detect/vector_clock.hpp"
#include "interleave/backend.hpp"

namespace interleave::detect {

// Test only: fuzz/happens_before_fuzz_test.cpp sets it to break the detector
// on purpose (acquire() takes nothing in: no release -> acquire edge) and
// shows that the happens-before oracle then fails. Nothing else may set it.
inline std::atomic<bool> mutation_drop_release_acquire{false};

// One side of a race: which task accessed, how, and where.
struct Access {
  int task = -1;
  bool write = false;
  std::source_location where;
};

struct RaceReport {
  std::string variable;
  Access earlier;
  Access later;
};

// Happens-before race detection over Shared<T> accesses, FastTrack style: a
// variable remembers its last write as an epoch (task, clock) and its reads
// as one epoch while they are ordered, as a clock per task once two reads are
// concurrent. Synchronization (spawn, join, mutexes, semaphores, seq_cst
// atomics) moves clocks between tasks and sync objects.
class RaceDetector {
 public:
  // Forgets everything: a new schedule starts.
  void reset();

  void on_spawn(int parent, int child);
  void on_join(int joiner, int finished);

  // A release makes everything the task did visible to the next acquirer of
  // `sync` (a mutex's or semaphore's clock); an acquire takes it in.
  void release(int task, VectorClock& sync);
  void acquire(int task, const VectorClock& sync);

  // Checks and records a plain access; returns the race it completes, if any.
  std::optional<RaceReport> access(int task, detail::VariableSlot& variable, bool write,
                                   const std::source_location& where);

  // A seq_cst atomic access: a load acquires the variable's clock, a store
  // replaces it with its own, a read-modify-write does both and adds its own.
  void atomic_access(int task, detail::VariableSlot& variable, detail::AccessKind kind);

 private:
  struct Epoch {
    int task = -1;
    std::uint32_t clock = 0;
    std::source_location where;
  };
  struct VariableState {
    Epoch write;
    Epoch read;                           // while reads are totally ordered
    std::vector<Epoch> concurrent_reads;  // by task, once they are not
    VectorClock sync;                     // for atomics
  };

  // Every task's clock is created by on_spawn before the task runs.
  VectorClock& clock_of(int task) { return clocks_[task]; }
  VariableState& state_of(detail::VariableSlot& variable);
  bool happened_before(const Epoch& epoch, int task) {
    return epoch.task < 0 || epoch.task == task || epoch.clock <= clocks_[task][epoch.task];
  }

  // Storage is kept across schedules and reset in place: only the first
  // `*_used_` entries belong to the current schedule.
  std::vector<VectorClock> clocks_;
  std::size_t clocks_used_ = 0;
  std::deque<VariableState> variables_;
  std::size_t variables_used_ = 0;
  std::uint64_t generation_ = 0;
};

}  // namespace interleave::detect
