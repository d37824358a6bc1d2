#include "detect/lock_order_graph.hpp"

#include <algorithm>

namespace interleave::detect {

void LockOrderGraph::reset() {
  edges_.clear();
  cycle_.clear();
  for (auto& held : held_) held.clear();
}

bool LockOrderGraph::find_path(const void* from, const void* to, std::vector<Edge>& path,
                               std::vector<const void*>& seen) const {
  if (from == to) return true;
  if (std::find(seen.begin(), seen.end(), from) != seen.end()) return false;
  seen.push_back(from);
  auto out = edges_.find(from);
  if (out == edges_.end()) return false;
  for (const Edge& edge : out->second) {
    path.push_back(edge);
    if (find_path(edge.to, to, path, seen)) return true;
    path.pop_back();
  }
  return false;
}

bool LockOrderGraph::on_nested_acquire(int task, const void* lock, const std::string& name,
                                       const std::source_location& where) {
  if (task >= static_cast<int>(held_.size())) held_.resize(task + 1);
  bool closed = false;
  for (const Held& held : held_[task]) {
    auto& out = edges_[held.lock];
    bool known = std::any_of(out.begin(), out.end(), [&](const Edge& e) { return e.to == lock; });
    if (known) continue;
    Edge edge{held.lock, lock, held.name, &name, task, where};
    // A path back from `lock` to `held` plus the new edge closes a cycle.
    std::vector<Edge> path;
    std::vector<const void*> seen;
    if (!closed && find_path(lock, held.lock, path, seen)) {
      path.insert(path.begin(), edge);
      cycle_ = std::move(path);
      closed = true;
    }
    out.push_back(edge);
  }
  held_[task].push_back(Held{lock, &name});
  return closed;
}

void LockOrderGraph::on_release(int task, const void* lock) {
  if (task >= static_cast<int>(held_.size())) return;
  auto& held = held_[task];
  auto it = std::find_if(held.rbegin(), held.rend(), [lock](const Held& h) { return h.lock == lock; });
  if (it != held.rend()) held.erase(std::next(it).base());
}

}  // namespace interleave::detect
