#pragma once

// Deciding whether a concurrent history is linearizable: whether its
// operations can be put in one order that respects real time (an operation
// that returned before another was called comes first) and that a
// sequential model accepts, each with the output it really gave.
//
// The search is Wing & Gong's with Lowe's just-in-time linearization, as in
// Porcupine: walk the calls and returns in time order; at a call, try to
// linearize that operation now; at the return of an operation not yet
// linearized, undo the last choice. A (set of operations linearized, model
// state) pair already tried is never tried again.
//
// An operation that never returned (a pop still waiting when the schedule
// ended) is never linearized; the history is accepted only if, after the
// others, the model would block it too: a lost wakeup is a finding.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_set>
#include <utility>
#include <vector>

namespace interleave::linearizability {

// A sequential model, e.g. for a FIFO queue:
//   struct QueueModel {
//     using State = std::vector<int>;
//     struct Input { bool push; int value; };
//     using Output = std::optional<int>;
//     State initial() const;
//     // The state after `input` when it gives `output`, or nullopt when the
//     // model cannot give that output from `state`.
//     std::optional<State> step(const State&, const Input&, const Output&) const;
//     // Whether `input` would wait forever from `state` (for operations
//     // that never returned).
//     bool blocks(const State&, const Input&) const;
//     std::size_t hash(const State&) const;
//   };
// State must be copyable and equality-comparable.

template <class Model>
struct Operation {
  int task = 0;
  typename Model::Input input{};
  // Absent: the operation never returned.
  std::optional<typename Model::Output> output;
  std::int64_t called = 0;
  std::int64_t returned = 0;  // ignored when output is absent; called <= returned
};

struct Verdict {
  bool linearizable = false;
  // When linearizable: the indices of the operations that returned, in an
  // order the model accepts.
  std::vector<std::size_t> order;
  // (set, state) pairs tried: the search's work, for benchmarks.
  std::uint64_t states_tried = 0;
};

namespace detail {

// A set of operation indices, one bit each.
class Bits {
 public:
  explicit Bits(std::size_t size) : words_((size + 63) / 64, 0) {}
  void flip(std::size_t index) { words_[index / 64] ^= std::uint64_t{1} << (index % 64); }
  bool operator==(const Bits&) const = default;
  std::size_t hash() const {
    std::size_t seed = words_.size();
    for (std::uint64_t word : words_)
      seed ^= std::hash<std::uint64_t>{}(word) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
    return seed;
  }

 private:
  std::vector<std::uint64_t> words_;
};

// The calls and returns in time order, as a doubly linked list from which a
// linearized operation's two entries are lifted and put back on undo.
struct Entry {
  std::size_t operation;
  bool is_call;
  std::size_t match;  // the call's return entry, or kNone for an operation that never returned
  std::size_t previous, next;
};
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

template <class Model>
std::vector<Entry> entries_in_time_order(const std::vector<Operation<Model>>& history) {
  struct Event {
    std::int64_t time;
    bool is_call;
    std::size_t operation;
  };
  std::vector<Event> events;
  for (std::size_t i = 0; i < history.size(); ++i) {
    events.push_back({history[i].called, true, i});
    if (history[i].output) events.push_back({history[i].returned, false, i});
  }
  // At equal times a call comes first: two operations stamped alike overlap.
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    if (a.time != b.time) return a.time < b.time;
    if (a.is_call != b.is_call) return a.is_call;
    return a.operation < b.operation;
  });
  std::vector<Entry> entries(events.size() + 1);  // entries[0] is the head sentinel
  std::vector<std::size_t> call_of(history.size(), kNone);
  for (std::size_t i = 0; i < events.size(); ++i) {
    Entry& entry = entries[i + 1];
    entry = {events[i].operation, events[i].is_call, kNone, i, i + 2 <= events.size() ? i + 2 : kNone};
    if (events[i].is_call)
      call_of[events[i].operation] = i + 1;
    else
      entries[call_of[events[i].operation]].match = i + 1;
  }
  entries[0] = {kNone, false, kNone, kNone, events.empty() ? kNone : 1};
  return entries;
}

}  // namespace detail

template <class Model>
Verdict check(const Model& model, const std::vector<Operation<Model>>& history) {
  using State = typename Model::State;
  std::vector<detail::Entry> list = detail::entries_in_time_order(history);
  auto lift = [&](std::size_t index) {
    detail::Entry& entry = list[index];
    list[entry.previous].next = entry.next;
    if (entry.next != detail::kNone) list[entry.next].previous = entry.previous;
  };
  auto unlift = [&](std::size_t index) {
    detail::Entry& entry = list[index];
    list[entry.previous].next = index;
    if (entry.next != detail::kNone) list[entry.next].previous = index;
  };
  struct Tried {
    detail::Bits linearized;
    State state;
    bool operator==(const Tried&) const = default;
  };
  auto hash = [&model](const Tried& tried) { return tried.linearized.hash() ^ (model.hash(tried.state) * 31); };
  std::unordered_set<Tried, decltype(hash)> tried(64, hash);

  struct Choice {
    std::size_t call;  // the entry linearized
    State before;
  };
  std::vector<Choice> stack;
  detail::Bits linearized(history.size());
  State state = model.initial();
  std::size_t returned_left = 0;  // operations that returned and are not linearized
  for (const auto& operation : history)
    if (operation.output) ++returned_left;

  Verdict verdict;
  std::size_t at = list[0].next;
  auto backtrack = [&]() -> bool {
    if (stack.empty()) return false;
    Choice choice = std::move(stack.back());
    stack.pop_back();
    state = std::move(choice.before);
    linearized.flip(list[choice.call].operation);
    ++returned_left;
    unlift(list[choice.call].match);
    unlift(choice.call);
    at = list[choice.call].next;
    return true;
  };
  while (true) {
    // Only calls of operations that never returned are left: the model must
    // block every one of them where it now is.
    if (returned_left == 0) {
      bool all_block = true;
      for (std::size_t i = list[0].next; i != detail::kNone && all_block; i = list[i].next)
        all_block = model.blocks(state, history[list[i].operation].input);
      if (all_block) {
        verdict.linearizable = true;
        for (const Choice& choice : stack) verdict.order.push_back(list[choice.call].operation);
        return verdict;
      }
      if (!backtrack()) return verdict;
      continue;
    }
    if (at == detail::kNone) {  // not reached while an operation that returned is left; kept safe
      if (!backtrack()) return verdict;
      continue;
    }
    const detail::Entry& entry = list[at];
    if (entry.is_call && entry.match != detail::kNone) {
      const Operation<Model>& operation = history[entry.operation];
      std::optional<State> next = model.step(state, operation.input, *operation.output);
      if (next) {
        linearized.flip(entry.operation);
        ++verdict.states_tried;
        if (tried.insert(Tried{linearized, *next}).second) {
          stack.push_back({at, std::move(state)});
          state = std::move(*next);
          --returned_left;
          lift(at);
          lift(entry.match);
          at = list[0].next;
          continue;
        }
        linearized.flip(entry.operation);
      }
      at = entry.next;
    } else if (entry.is_call) {
      at = entry.next;  // never returned: never linearized
    } else if (!backtrack()) {
      return verdict;  // the return of an operation that could not be placed
    }
  }
}

}  // namespace interleave::linearizability
