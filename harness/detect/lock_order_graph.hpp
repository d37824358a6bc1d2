#pragma once

#include <cstdint>
#include <source_location>
#include <string>
#include <vector>

#include "interleave/object_name.hpp"

namespace interleave::detect {

// The order in which tasks acquire locks, as lockdep and ThreadSanitizer keep
// it, with iGoodlock's refinement (Joshi et al., PLDI 2009): each time a task
// asks for a lock while holding others it records a dependency (task, the
// locks it holds, the lock it asks for). A cycle of dependencies can
// deadlock only when its tasks are all different (one task cannot wait for
// itself) and no lock is held in two of them (a lock held across every
// step, a gate lock, lets only one task into the cycle at a time).
class LockOrderGraph {
 public:
  // One step of a cycle: `task` holds `from` (taken at from_where) and asks
  // for `to` at `where`.
  struct Edge {
    const void* from;
    const void* to;
    const detail::ObjectName* from_name;  // owned by the lock, which outlives the schedule's graph
    const detail::ObjectName* to_name;
    int task;
    std::source_location from_where;
    std::source_location where;
  };

  void reset();

  // `task` asks for `lock` (named `name`) at `where`; true when the
  // dependency closes a cycle that can deadlock, whose edges cycle() then
  // returns. Asking while holding nothing, the common case, records nothing.
  bool on_request(int task, const void* lock, const detail::ObjectName& name, const std::source_location& where) {
    if (task >= static_cast<int>(held_.size()) || held_[task].empty()) return false;
    return record_dependency(task, lock, name, where);
  }
  // `task` now holds `lock`.
  void on_acquired(int task, const void* lock, const detail::ObjectName& name, const std::source_location& where) {
    if (task >= static_cast<int>(held_.size())) held_.resize(task + 1);
    held_[task].push_back(Held{lock, &name, where});
  }
  // A request that is granted: on_request, then on_acquired, with one test
  // on the common path (nothing held yet).
  bool on_acquire(int task, const void* lock, const detail::ObjectName& name, const std::source_location& where) {
    if (task < static_cast<int>(held_.size()) && held_[task].empty()) {
      held_[task].push_back(Held{lock, &name, where});
      return false;
    }
    return on_nested_acquire(task, lock, name, where);
  }
  void on_release(int task, const void* lock);
  const std::vector<Edge>& cycle() const { return cycle_; }

 private:
  struct Held {
    const void* lock;
    const detail::ObjectName* name;
    std::source_location where;
  };
  // The locks held are held_pool_[first, first + count): one pool for all
  // dependencies, so that a schedule after the first allocates nothing.
  struct Dependency {
    int task;
    std::uint32_t first;
    std::uint32_t count;
    const void* lock;
    const detail::ObjectName* name;
    std::source_location where;
  };

  bool on_nested_acquire(int task, const void* lock, const detail::ObjectName& name, const std::source_location& where);
  bool record_dependency(int task, const void* lock, const detail::ObjectName& name, const std::source_location& where);
  bool holds(const Dependency& dependency, const void* lock) const;
  const Held* held_lock(const Dependency& dependency, const void* lock) const;
  bool disjoint(const Dependency& a, const Dependency& b) const;
  bool extend_cycle(std::vector<std::uint32_t>& chain, int& budget) const;
  void describe_cycle(const std::vector<std::uint32_t>& chain);

  std::vector<Dependency> dependencies_;
  std::vector<Held> held_pool_;
  std::vector<std::vector<Held>> held_;  // by task, in acquisition order
  std::vector<Edge> cycle_;
};

}  // namespace interleave::detect
