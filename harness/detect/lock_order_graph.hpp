#pragma once

#include <map>
#include <source_location>
#include <string>
#include <vector>

namespace interleave::detect {

// The order in which tasks acquire locks, as lockdep and ThreadSanitizer keep
// it: an edge A -> B each time a task takes B while holding A. A cycle means
// some schedule can deadlock, even if this one did not.
class LockOrderGraph {
 public:
  struct Edge {
    const void* from;
    const void* to;
    const std::string* from_name;  // owned by the lock, which outlives the schedule's graph
    const std::string* to_name;
    int task;
    std::source_location where;
  };

  void reset();

  // Records that `task` acquired `lock` (named `name`); true when this
  // acquisition closes a cycle, whose edges cycle() then returns.
  bool on_acquire(int task, const void* lock, const std::string& name, const std::source_location& where) {
    if (task < static_cast<int>(held_.size()) && held_[task].empty()) {  // nothing held: no edge, the common case
      held_[task].push_back(Held{lock, &name});
      return false;
    }
    return on_nested_acquire(task, lock, name, where);
  }
  void on_release(int task, const void* lock);
  const std::vector<Edge>& cycle() const { return cycle_; }

 private:
  bool on_nested_acquire(int task, const void* lock, const std::string& name, const std::source_location& where);
  struct Held {
    const void* lock;
    const std::string* name;
  };
  bool find_path(const void* from, const void* to, std::vector<Edge>& path, std::vector<const void*>& seen) const;

  std::map<const void*, std::vector<Edge>> edges_;
  std::vector<std::vector<Held>> held_;  // by task, in acquisition order
  std::vector<Edge> cycle_;
};

}  // namespace interleave::detect
