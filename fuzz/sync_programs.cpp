#include "sync_programs.hpp"

#include <algorithm>
#include <deque>
#include <numeric>
#include <set>
#include <string>

#include "interleave/interleave.hpp"

namespace interleave::fuzz {
namespace {

constexpr const char* kNames[] = {"lock",         "unlock",    "read",  "write", "atomic_load",
                                  "atomic_store", "fetch_add", "await", "raise"};

rc::Gen<std::vector<SyncStep>> sync_task_steps(int mutexes, int shared, int atomics, bool condition_variable) {
  return rc::gen::exec([=] {
    std::vector<SyncStep> steps;
    const int regions = *rc::gen::inRange(1, 4);
    auto inner_step = [&]() -> SyncStep {
      switch (*rc::gen::inRange(condition_variable ? 0 : 2, 10)) {
        case 0:
          return {SyncStepKind::await, 0};
        case 1:
          return {SyncStepKind::raise, 0};
        case 2:
        case 3:
        case 4:
        case 5:
          return {*rc::gen::element(SyncStepKind::read, SyncStepKind::write), *rc::gen::inRange(0, shared)};
        default:
          return {*rc::gen::element(SyncStepKind::atomic_load, SyncStepKind::atomic_store, SyncStepKind::fetch_add),
                  *rc::gen::inRange(0, atomics)};
      }
    };
    for (int region = 0; region < regions; ++region) {
      // Any order, so that two regions may take the same mutexes in opposite orders.
      std::vector<int> left(mutexes);
      std::iota(left.begin(), left.end(), 0);
      std::vector<int> order;
      const int held = *rc::gen::inRange(0, mutexes + 1);  // three: a gate lock around two in either order
      for (int i = 0; i < held; ++i) {
        auto pick = left.begin() + *rc::gen::inRange<std::ptrdiff_t>(0, std::ssize(left));
        order.push_back(*pick);
        left.erase(pick);
      }
      for (int m : order) steps.push_back({SyncStepKind::lock, m});
      const int inner = *rc::gen::inRange(1, 3);
      for (int i = 0; i < inner; ++i) steps.push_back(inner_step());
      for (auto m = order.rbegin(); m != order.rend(); ++m) steps.push_back({SyncStepKind::unlock, *m});
    }
    return steps;
  });
}

// The brute-force interpreter runs micro-operations: an await or a raise is
// several, the condition variable's mutex (cm) being mutex `mutexes`.
enum class Op : std::uint8_t { lock, unlock, read, write, load, store, rmw, check_flag, write_flag, notify };
struct MicroOp {
  Op op;
  int target;
};

std::vector<MicroOp> compile(const std::vector<SyncStep>& steps, int cm) {
  std::vector<MicroOp> ops;
  for (const SyncStep& step : steps) switch (step.kind) {
      case SyncStepKind::lock:
        ops.push_back({Op::lock, step.target});
        break;
      case SyncStepKind::unlock:
        ops.push_back({Op::unlock, step.target});
        break;
      case SyncStepKind::read:
        ops.push_back({Op::read, step.target});
        break;
      case SyncStepKind::write:
        ops.push_back({Op::write, step.target});
        break;
      case SyncStepKind::atomic_load:
        ops.push_back({Op::load, step.target});
        break;
      case SyncStepKind::atomic_store:
        ops.push_back({Op::store, step.target});
        break;
      case SyncStepKind::fetch_add:
        ops.push_back({Op::rmw, step.target});
        break;
      case SyncStepKind::await:
        ops.insert(ops.end(), {{Op::lock, cm}, {Op::check_flag, 0}, {Op::unlock, cm}});
        break;
      case SyncStepKind::raise:
        ops.insert(ops.end(), {{Op::lock, cm}, {Op::write_flag, 0}, {Op::notify, 0}, {Op::unlock, cm}});
        break;
    }
  return ops;
}

struct Machine {
  std::vector<std::uint8_t> pc;
  std::vector<int> registers;
  std::vector<int> values;  // shared ints, then atomics
  std::vector<int> owner;   // per mutex, cm last: the task holding it, or -1
  int flag = 0;
  std::uint32_t waiting = 0;  // in cv.wait, cm released
  std::uint32_t woken = 0;    // notified, to take cm back
  auto operator<=>(const Machine&) const = default;
};

bool plain(const MicroOp& op) { return op.op == Op::read || op.op == Op::write; }

}  // namespace

std::ostream& operator<<(std::ostream& out, const SyncStep& step) {
  out << kNames[static_cast<int>(step.kind)];
  if (step.kind != SyncStepKind::await && step.kind != SyncStepKind::raise) out << "(" << step.target << ")";
  return out;
}

std::ostream& operator<<(std::ostream& out, const SyncProgram& program) {
  out << "mutexes=" << program.mutexes << " shared=" << program.shared << " atomics=" << program.atomics;
  for (std::size_t task = 0; task < program.tasks.size(); ++task) {
    out << "\n  t" << task + 1 << ":";
    for (const SyncStep& step : program.tasks[task]) out << " " << step;
  }
  if (program.check_target >= 0)
    out << "\n  check: value " << program.check_target << " != " << program.check_forbidden;
  return out;
}

rc::Gen<SyncProgram> sync_programs(std::size_t max_steps, int max_tasks, bool condition_variable) {
  auto small_enough = [max_steps](const SyncProgram& program) {
    std::size_t steps = 0;
    for (const auto& task : program.tasks) steps += task.size();
    return steps <= max_steps;
  };
  // rapidcheck scales inRange with the size, which starts at 0: at small
  // sizes a program would hardly ever hold two mutexes at once. Full size
  // throughout; the step bound keeps programs small, shrinking makes them smaller.
  auto program = rc::gen::exec([max_tasks, condition_variable] {
    SyncProgram program;
    program.mutexes = *rc::gen::inRange(condition_variable ? 1 : 2, 4);  // one mutex alone cannot deadlock
    program.shared = *rc::gen::inRange(1, 3);
    program.atomics = *rc::gen::inRange(1, 3);
    const int tasks = *rc::gen::inRange(2, max_tasks + 1);
    for (int task = 0; task < tasks; ++task)
      program.tasks.push_back(*sync_task_steps(program.mutexes, program.shared, program.atomics, condition_variable));
    if (*rc::gen::arbitrary<bool>()) {
      program.check_target = *rc::gen::inRange(0, program.shared + program.atomics);
      program.check_forbidden = *rc::gen::inRange(0, 4);
    }
    return program;
  });
  return rc::gen::suchThat(rc::gen::resize(100, program), small_enough);
}

Reachable explore_every_interleaving(const SyncProgram& program) {
  const int cm = program.mutexes;
  const std::size_t tasks = program.tasks.size();
  std::vector<std::vector<MicroOp>> code;
  for (const auto& steps : program.tasks) code.push_back(compile(steps, cm));
  Machine start{std::vector<std::uint8_t>(tasks, 0), std::vector<int>(tasks, 0),
                std::vector<int>(program.shared + program.atomics, 0), std::vector<int>(program.mutexes + 1, -1)};
  std::set<Machine> seen{start};
  std::vector<Machine> stack{start};
  Reachable reachable;
  while (!stack.empty()) {
    Machine machine = stack.back();
    stack.pop_back();
    ++reachable.states;
    bool moved = false;
    auto push = [&](Machine next) {
      moved = true;
      if (seen.insert(next).second) stack.push_back(std::move(next));
    };
    auto at = [&](std::size_t task) -> const MicroOp* {
      if (machine.pc[task] == code[task].size() || (machine.waiting >> task & 1)) return nullptr;
      return &code[task][machine.pc[task]];
    };
    for (std::size_t t = 0; t < tasks; ++t)
      for (std::size_t u = t + 1; u < tasks; ++u) {
        const MicroOp* a = at(t);
        const MicroOp* b = at(u);
        if (a && b && plain(*a) && plain(*b) && a->target == b->target && (a->op == Op::write || b->op == Op::write))
          reachable.race = true;
      }
    for (std::size_t task = 0; task < tasks; ++task) {
      const std::uint32_t bit = std::uint32_t{1} << task;
      if (machine.waiting & bit) {
        if (!(machine.woken & bit) || machine.owner[cm] != -1) continue;
        Machine next = machine;  // takes cm back, to check the flag again
        next.owner[cm] = static_cast<int>(task);
        next.waiting &= ~bit;
        next.woken &= ~bit;
        push(std::move(next));
        continue;
      }
      if (machine.pc[task] == code[task].size()) continue;
      const MicroOp& op = code[task][machine.pc[task]];
      Machine next = machine;
      int& reg = next.registers[task];
      ++next.pc[task];
      switch (op.op) {
        case Op::lock:
          if (machine.owner[op.target] != -1) continue;
          next.owner[op.target] = static_cast<int>(task);
          break;
        case Op::unlock:
          next.owner[op.target] = -1;
          break;
        case Op::read:
          reg = next.values[op.target];
          break;
        case Op::write:
          next.values[op.target] = reg + 1;
          break;
        case Op::load:
          reg = next.values[program.shared + op.target];
          break;
        case Op::store:
          next.values[program.shared + op.target] = reg + 1;
          break;
        case Op::rmw:
          reg = next.values[program.shared + op.target]++;
          break;
        case Op::check_flag:
          if (machine.flag == 0) {
            --next.pc[task];
            next.owner[cm] = -1;
            next.waiting |= bit;
          }
          break;
        case Op::write_flag:
          next.flag = 1;
          break;
        case Op::notify: {
          const std::uint32_t waiters = machine.waiting & ~machine.woken;
          if (waiters == 0) break;  // lost
          for (std::size_t w = 0; w < tasks; ++w)
            if (waiters >> w & 1) {
              Machine woken = next;
              woken.woken |= std::uint32_t{1} << w;
              push(std::move(woken));
            }
          continue;
        }
      }
      push(std::move(next));
    }
    if (moved) continue;
    bool finished = true;
    for (std::size_t task = 0; task < tasks; ++task) finished = finished && machine.pc[task] == code[task].size();
    if (!finished)
      reachable.deadlock = true;
    else if (program.check_target >= 0 && machine.values[program.check_target] == program.check_forbidden)
      reachable.failed_check = true;
  }
  return reachable;
}

void run_sync_program(const SyncProgram& program) {
  std::deque<Mutex> mutexes;
  std::deque<Shared<int>> shared;
  std::deque<Atomic<int>> atomics;
  for (int m = 0; m < program.mutexes; ++m) mutexes.emplace_back("m" + std::to_string(m));
  for (int v = 0; v < program.shared; ++v) shared.emplace_back(0, "s" + std::to_string(v));
  for (int a = 0; a < program.atomics; ++a) atomics.emplace_back(0, "a" + std::to_string(a));
  Mutex cm("cm");
  CondVar cv("cv");
  Shared<int> flag(0, "flag");
  auto run = [&](const std::vector<SyncStep>& steps) {
    int reg = 0;
    for (const SyncStep& step : steps) switch (step.kind) {
        case SyncStepKind::lock:
          mutexes[step.target].lock();
          break;
        case SyncStepKind::unlock:
          mutexes[step.target].unlock();
          break;
        case SyncStepKind::read:
          reg = shared[step.target].read();
          break;
        case SyncStepKind::write:
          shared[step.target].write(reg + 1);
          break;
        case SyncStepKind::atomic_load:
          reg = atomics[step.target].load();
          break;
        case SyncStepKind::atomic_store:
          atomics[step.target].store(reg + 1);
          break;
        case SyncStepKind::fetch_add:
          reg = atomics[step.target].fetch_add(1);
          break;
        case SyncStepKind::await: {
          ScopedLock lock(cm);
          while (flag.read() == 0) cv.wait(lock);
          break;
        }
        case SyncStepKind::raise: {
          ScopedLock lock(cm);
          flag.write(1);
          cv.notify_one();
          break;
        }
      }
  };
  std::vector<Task> tasks;
  for (std::size_t task = 0; task < program.tasks.size(); ++task)
    tasks.push_back(spawn([&run, &steps = program.tasks[task]] { run(steps); }, "t" + std::to_string(task + 1)));
  for (Task& task : tasks) task.join();
  if (program.check_target < 0) return;
  const int value = program.check_target < program.shared ? shared[program.check_target].read()
                                                          : atomics[program.check_target - program.shared].load();
  check(value != program.check_forbidden, "the final value is not the forbidden one");
}

}  // namespace interleave::fuzz
