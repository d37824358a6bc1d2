// Bugs of coordination: one that needs every task to overlap, one between
// two tasks among sixty, a pipeline stage that lets go of its input too
// early, and a token ring that passes the token before its work is done.

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <vector>

#include "hard_programs/programs.hpp"
#include "interleave/interleave.hpp"

namespace interleave::hard_programs {
namespace {

// Four workers each take a ticket from a dispenser with a load and a store,
// after a dozen steps of work of their own (which a random walk must thread
// the four loads through). The check fails only when all four hold the
// same ticket: every load before the first store, so each of the first
// three to load is preempted between its load and its store (three
// preemptions; PCT needs depth 4). An atomic fetch_add is the correct twin.
void same_ticket(bool atomic_increment) {
  constexpr int kWorkers = 4;
  Atomic<int> next(0, "next");
  std::deque<Atomic<int>> own;
  for (int w = 0; w < kWorkers; ++w) own.emplace_back(0, fmt::format("own[{}]", w));
  std::vector<int> tickets(kWorkers, -1);
  std::vector<Task> workers;
  for (int w = 0; w < kWorkers; ++w)
    workers.push_back(spawn(
        [&, w] {
          for (int i = 0; i < 12; ++i) own[w].fetch_add(1);
          if (atomic_increment) {
            tickets[w] = next.fetch_add(1);
          } else {
            tickets[w] = next.load();
            next.store(tickets[w] + 1);
          }
        },
        fmt::format("worker{}", w)));
  for (auto& worker : workers) worker.join();
  check(std::count(tickets.begin(), tickets.end(), tickets[0]) < kWorkers,
        [&] { return fmt::format("all {} workers hold ticket {}", kWorkers, tickets[0]); });
}

// Sixty workers do work of their own; two of them claim a slot with a
// check-then-act (compare_exchange is the correct twin). The two must
// overlap (one preemption), while 58 others crowd every decision.
void crowded_claim(bool compare_exchange) {
  constexpr int kWorkers = 60;
  constexpr int kFirstClaimer = 17, kSecondClaimer = 42;
  Atomic<int> owner(-1, "owner");
  Atomic<int> claims(0, "claims");
  std::deque<Atomic<int>> own;
  for (int w = 0; w < kWorkers; ++w) own.emplace_back(0, fmt::format("own[{}]", w));
  std::vector<Task> workers;
  for (int w = 0; w < kWorkers; ++w)
    workers.push_back(spawn(
        [&, w] {
          own[w].fetch_add(1);
          if (w == kFirstClaimer || w == kSecondClaimer) {
            int expected = -1;
            const bool won =
                compare_exchange ? owner.compare_exchange(expected, w) : (owner.load() == -1 && (owner.store(w), true));
            if (won) claims.fetch_add(1);
          }
          own[w].fetch_add(1);
        },
        fmt::format("worker{}", w)));
  for (auto& worker : workers) worker.join();
  const int total = claims.load();
  check(total == 1, [&] { return fmt::format("the slot was claimed {} times", total); });
}

// A one-item mailbox between two stages; a sender waits until it is empty,
// a receiver until it is full.
class Mailbox {
 public:
  explicit Mailbox(const std::string& name)
      : lock_(name + ".lock"), changed_(name + ".changed"), value_(0, name + ".value") {}

  void send(int item) {
    ScopedLock hold(lock_);
    while (full_) changed_.wait(hold);
    value_.store(item);
    full_ = true;
    changed_.notify_all();
  }
  // `early_release`: empties the mailbox before reading it, so the sender
  // may overwrite the item not yet read.
  int receive(bool early_release) {
    {
      ScopedLock hold(lock_);
      while (!full_) changed_.wait(hold);
      const int item = early_release ? 0 : value_.load();
      full_ = false;
      changed_.notify_all();
      if (!early_release) return item;
    }
    return value_.load();
  }

 private:
  Mutex lock_;
  CondVar changed_;
  Atomic<int> value_;
  bool full_ = false;  // guarded by lock_
};

// source -> stage one (+10) -> stage two (x2) -> main. Stage one lets go of
// its input before reading it: the source's next item overwrites the one in
// the box, so one item is seen twice and another never (one preemption,
// stage one's, between its release and its read).
void two_stage_pipeline(bool early_release) {
  constexpr int kItems = 3;
  Mailbox first("first"), second("second"), out("out");
  Task source = spawn(
      [&] {
        for (int i = 1; i <= kItems; ++i) first.send(i);
      },
      "source");
  Task stage_one = spawn(
      [&] {
        for (int i = 0; i < kItems; ++i) second.send(first.receive(early_release) + 10);
      },
      "stage1");
  Task stage_two = spawn(
      [&] {
        for (int i = 0; i < kItems; ++i) out.send(second.receive(false) * 2);
      },
      "stage2");
  std::vector<int> results;
  for (int i = 0; i < kItems; ++i) results.push_back(out.receive(false));
  source.join();
  stage_one.join();
  stage_two.join();
  for (int i = 0; i < kItems; ++i)
    check(results[i] == (i + 1 + 10) * 2,
          [&] { return fmt::format("item {} came out as {}, expected {}", i + 1, results[i], (i + 1 + 10) * 2); });
}

// Four tasks pass a token around a ring twice; whoever holds it adds one to
// a shared total (a load and a store). Passing the token before the work is
// done lets the next holder read the total the previous one has not yet
// written (one preemption, after the pass).
void token_ring(bool pass_early) {
  constexpr int kTasks = 4, kRounds = 2;
  Mutex lock("ring.lock");
  CondVar passed("ring.passed");
  int token = 0;  // guarded by lock
  Atomic<int> total(0, "total");
  auto pass = [&](int to) {
    ScopedLock hold(lock);
    token = to;
    passed.notify_all();
  };
  std::vector<Task> tasks;
  for (int me = 0; me < kTasks; ++me)
    tasks.push_back(spawn(
        [&, me] {
          for (int round = 0; round < kRounds; ++round) {
            {
              ScopedLock hold(lock);
              while (token != me) passed.wait(hold);
            }
            if (pass_early) pass((me + 1) % kTasks);
            total.store(total.load() + 1);
            if (!pass_early) pass((me + 1) % kTasks);
          }
        },
        fmt::format("ring{}", me)));
  for (auto& task : tasks) task.join();
  const int sum = total.load();
  check(sum == kTasks * kRounds,
        [&] { return fmt::format("lost work: total is {}, expected {}", sum, kTasks * kRounds); });
}

// Seven workers on a lock used wrongly: the read and the write each under
// it, but not together, so an update is lost when another worker's update
// falls between them (one preemption; the issue's "7 threads competing for
// a wrongly-used lock"). The correct twin holds the lock across both.
void split_critical_section(bool split) {
  constexpr int kWorkers = 7;
  Mutex lock("lock");
  Shared<int> total(0, "total");
  std::vector<Task> workers;
  for (int w = 0; w < kWorkers; ++w)
    workers.push_back(spawn(
        [&] {
          ScopedLock hold(lock);
          const int seen = total.read();
          if (split) {
            lock.unlock();
            lock.lock();
          }
          total.write(seen + 1);
        },
        fmt::format("worker{}", w)));
  for (auto& worker : workers) worker.join();
  const int sum = total.read();
  check(sum == kWorkers, [&] { return fmt::format("lost update: total is {}, expected {}", sum, kWorkers); });
}

}  // namespace

std::vector<HardProgram> coordination_programs() {
  return {
      {"same_ticket", [] { same_ticket(false); }, [] { same_ticket(true); }, 3, 5},
      {"crowded_claim", [] { crowded_claim(false); }, [] { crowded_claim(true); }, 1, 61},
      {"two_stage_pipeline", [] { two_stage_pipeline(true); }, [] { two_stage_pipeline(false); }, 1, 4},
      {"token_ring", [] { token_ring(true); }, [] { token_ring(false); }, 1, 5},
      {"split_critical_section", [] { split_critical_section(true); }, [] { split_critical_section(false); }, 1, 8},
  };
}

}  // namespace interleave::hard_programs
