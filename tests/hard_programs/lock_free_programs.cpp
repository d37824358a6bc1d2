// Lock-free structures whose bugs need a narrow window: a Treiber stack's
// ABA and a work-stealing deque whose owner takes the last item without
// racing the thief for it.

#include <fmt/format.h>

#include <array>
#include <deque>

#include "hard_programs/programs.hpp"
#include "interleave/interleave.hpp"

namespace interleave::hard_programs {
namespace {

constexpr int kNone = -1;

// Treiber's stack over three nodes A, B, C (indices 0..2), A on top. The
// head word is the top node's index + 1 (0: empty); `tagged`, it also
// carries a version that every successful exchange bumps, the ABA fix.
class TreiberStack {
 public:
  static constexpr int kNodes = 3;
  static constexpr std::array<char, kNodes> kNames{'A', 'B', 'C'};

  explicit TreiberStack(bool tagged) : tagged_(tagged) {
    for (int i = 0; i < kNodes; ++i)
      next_.emplace_back(i + 1 < kNodes ? i + 1 : kNone, fmt::format("next[{}]", kNames[i]));
  }

  int pop() {
    while (true) {
      int seen = head_.load();
      const int node = index_of(seen);
      if (node == kNone) return kNone;
      const int after = next_[node].load();
      if (head_.compare_exchange(seen, pack(after, seen))) return node;
    }
  }

  void push(int node) {
    while (true) {
      int seen = head_.load();
      next_[node].store(index_of(seen));
      if (head_.compare_exchange(seen, pack(node, seen))) return;
    }
  }

  // The nodes from the top, at most kNodes + 1 (a cycle shows as a repeat).
  std::vector<int> contents() {
    std::vector<int> nodes;
    for (int node = index_of(head_.load()); node != kNone && nodes.size() <= kNodes; node = next_[node].load())
      nodes.push_back(node);
    return nodes;
  }

 private:
  static int index_of(int head) { return (head & 7) - 1; }
  int pack(int node, int previous) const { return node + 1 + (tagged_ ? (previous & ~7) + 8 : 0); }

  bool tagged_;
  Atomic<int> head_{1, "head"};  // node A
  std::deque<Atomic<int>> next_;
};

// popper takes one node; churner takes two, works a while, and puts the
// first back (the work is what a random walk must keep popper waiting
// through). Between
// popper's read of A's successor (B) and its exchange, churner's pops and
// push leave A on top again with C below it: the untagged exchange succeeds
// and makes B, which churner holds, the top. One preemption: popper's.
void treiber_stack(bool tagged) {
  TreiberStack stack(tagged);
  Atomic<int> work(0, "work");
  int popped = kNone, kept = kNone;
  Task popper = spawn([&] { popped = stack.pop(); }, "popper");
  Task churner = spawn(
      [&] {
        const int first = stack.pop();
        kept = stack.pop();
        for (int i = 0; i < 6; ++i) work.fetch_add(1);
        if (first != kNone) stack.push(first);
      },
      "churner");
  popper.join();
  churner.join();
  const std::vector<int> nodes = stack.contents();
  std::array<int, TreiberStack::kNodes> seen{};
  for (int node : nodes) ++seen[node];
  for (int held : {popped, kept})
    if (held != kNone) ++seen[held];
  for (int node = 0; node < TreiberStack::kNodes; ++node)
    check(seen[node] == 1, [&] {
      return fmt::format("ABA: node {} is {} times on the stack or held (stack {}, popper holds {}, churner {})",
                         TreiberStack::kNames[node], seen[node], nodes.size(), popped, kept);
    });
}

// Chase and Lev's deque: the owner pushes and pops at the bottom, a thief
// steals at the top. For the last item both race, and the owner must win it
// with an exchange on top as the thief does; `racy_last_item` takes it with
// a plain store.
class StealingDeque {
 public:
  explicit StealingDeque(bool racy_last_item) : racy_last_item_(racy_last_item) {
    for (int i = 0; i < 4; ++i) slots_.emplace_back(0, fmt::format("slot[{}]", i));
  }

  void push(int item) {
    const int b = bottom_.load();
    slots_[b].store(item);
    bottom_.store(b + 1);
  }

  int pop() {
    const int b = bottom_.load() - 1;
    bottom_.store(b);
    const int t = top_.load();
    if (t > b) {
      bottom_.store(t);
      return kNone;
    }
    const int item = slots_[b].load();
    if (t < b) return item;
    bool won = true;
    if (racy_last_item_) {
      top_.store(t + 1);
    } else {
      int expected = t;
      won = top_.compare_exchange(expected, t + 1);
    }
    bottom_.store(t + 1);
    return won ? item : kNone;
  }

  int steal() {
    int t = top_.load();
    const int b = bottom_.load();
    if (t >= b) return kNone;
    const int item = slots_[t].load();
    return top_.compare_exchange(t, t + 1) ? item : kNone;
  }

 private:
  bool racy_last_item_;
  Atomic<int> top_{0, "top"};
  Atomic<int> bottom_{0, "bottom"};
  std::deque<Atomic<int>> slots_;
};

// The owner (main) pushes two items, works a while, and pops twice while a
// thief steals once. The thief must read bottom before the owner's second pop lowers it,
// and exchange top after the owner read top but before the owner's store:
// the owner preempted once, the thief twice.
void work_stealing(bool racy_last_item) {
  StealingDeque deque(racy_last_item);
  Atomic<int> work(0, "work");
  std::array<int, 3> taken{};  // by item, 1 and 2
  Task thief = spawn(
      [&] {
        const int item = deque.steal();
        if (item != kNone) ++taken[item];
      },
      "thief");
  deque.push(1);
  deque.push(2);
  for (int i = 0; i < 6; ++i) work.fetch_add(1);
  for (int i = 0; i < 2; ++i)
    if (const int item = deque.pop(); item != kNone) ++taken[item];
  thief.join();
  for (int item = 1; item <= 2; ++item)
    check(taken[item] == 1, [&] { return fmt::format("item {} taken {} times", item, taken[item]); });
}

}  // namespace

std::vector<HardProgram> lock_free_programs() {
  return {
      {"treiber_stack_aba", [] { treiber_stack(false); }, [] { treiber_stack(true); }, 1, 3},
      {"work_stealing_last_item", [] { work_stealing(true); }, [] { work_stealing(false); }, 3, 2},
  };
}

}  // namespace interleave::hard_programs
