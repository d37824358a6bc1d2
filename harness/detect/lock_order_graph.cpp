#include "detect/lock_order_graph.hpp"

#include <algorithm>

namespace interleave::detect {
namespace {

// Dependencies one search for a cycle may look at: a bound on the cost of a
// pathological graph, far above what the catalog's programs need.
constexpr int kSearchBudget = 100'000;

}  // namespace

void LockOrderGraph::reset() {
  dependencies_.clear();
  held_pool_.clear();
  cycle_.clear();
  for (auto& held : held_) held.clear();
}

bool LockOrderGraph::holds(const Dependency& dependency, const void* lock) const {
  return held_lock(dependency, lock) != nullptr;
}

const LockOrderGraph::Held* LockOrderGraph::held_lock(const Dependency& dependency, const void* lock) const {
  for (std::uint32_t i = dependency.first; i < dependency.first + dependency.count; ++i)
    if (held_pool_[i].lock == lock) return &held_pool_[i];
  return nullptr;
}

bool LockOrderGraph::disjoint(const Dependency& a, const Dependency& b) const {
  for (std::uint32_t i = a.first; i < a.first + a.count; ++i)
    if (holds(b, held_pool_[i].lock)) return false;
  return true;
}

bool LockOrderGraph::on_nested_acquire(int task, const void* lock, const detail::ObjectName& name,
                                       const std::source_location& where) {
  const bool closed = on_request(task, lock, name, where);
  on_acquired(task, lock, name, where);
  return closed;
}

bool LockOrderGraph::record_dependency(int task, const void* lock, const detail::ObjectName& name,
                                       const std::source_location& where) {
  const std::vector<Held>& held = held_[task];
  auto same_held = [&](const Dependency& known) {
    if (known.count != held.size()) return false;
    for (std::uint32_t i = 0; i < known.count; ++i)
      if (held_pool_[known.first + i].lock != held[i].lock) return false;
    return true;
  };
  for (const Dependency& known : dependencies_)
    if (known.task == task && known.lock == lock && same_held(known)) return false;
  const auto first = static_cast<std::uint32_t>(held_pool_.size());
  held_pool_.insert(held_pool_.end(), held.begin(), held.end());
  dependencies_.push_back(Dependency{task, first, static_cast<std::uint32_t>(held.size()), lock, &name, where});
  if (!cycle_.empty()) return false;  // one cycle per schedule is reported
  std::vector<std::uint32_t> chain{static_cast<std::uint32_t>(dependencies_.size() - 1)};
  int budget = kSearchBudget;
  if (!extend_cycle(chain, budget)) return false;
  describe_cycle(chain);
  return true;
}

// Extends a chain of dependencies d1 -> ... -> dk (each holding the lock the
// one before asks for) by one whose task is new and whose held locks are
// disjoint from all the chain's, until the last asks for a lock d1 holds.
bool LockOrderGraph::extend_cycle(std::vector<std::uint32_t>& chain, int& budget) const {
  const Dependency& start = dependencies_[chain.front()];
  const void* wanted = dependencies_[chain.back()].lock;
  for (std::uint32_t i = 0; i < dependencies_.size(); ++i) {
    if (--budget < 0) return false;
    const Dependency& next = dependencies_[i];
    if (!holds(next, wanted)) continue;
    const bool fits = std::none_of(chain.begin(), chain.end(), [&](std::uint32_t in_chain) {
      const Dependency& other = dependencies_[in_chain];
      return other.task == next.task || !disjoint(other, next);
    });
    if (!fits) continue;
    chain.push_back(i);
    if (holds(start, next.lock) || extend_cycle(chain, budget)) return true;
    chain.pop_back();
  }
  return false;
}

void LockOrderGraph::describe_cycle(const std::vector<std::uint32_t>& chain) {
  cycle_.clear();
  for (std::size_t k = 0; k < chain.size(); ++k) {
    const Dependency& step = dependencies_[chain[k]];
    const void* from = dependencies_[chain[(k + chain.size() - 1) % chain.size()]].lock;
    const Held* held = held_lock(step, from);
    cycle_.push_back(Edge{from, step.lock, held->name, step.name, step.task, held->where, step.where});
  }
}

void LockOrderGraph::on_release(int task, const void* lock) {
  if (task >= static_cast<int>(held_.size())) return;
  auto& held = held_[task];
  auto it = std::find_if(held.rbegin(), held.rend(), [lock](const Held& h) { return h.lock == lock; });
  if (it != held.rend()) held.erase(std::next(it).base());
}

}  // namespace interleave::detect
