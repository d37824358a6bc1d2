#include "programs.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <set>

#include "interleave/interleave.hpp"

namespace interleave::fuzz {
namespace {

constexpr const char* kNames[] = {"lock", "unlock", "read", "write", "atomic_load", "atomic_store", "fetch_add"};

// A task's steps: data steps, some inside a locked region of one or two
// mutexes taken in ascending order.
rc::Gen<std::vector<Step>> task_steps(int mutexes, int shared, int atomics) {
  return rc::gen::exec([=] {
    std::vector<Step> steps;
    const int regions = *rc::gen::inRange(1, 4);
    auto data_step = [&] {
      const bool plain = *rc::gen::arbitrary<bool>();
      if (plain) return Step{*rc::gen::element(StepKind::read, StepKind::write), *rc::gen::inRange(0, shared)};
      return Step{*rc::gen::element(StepKind::atomic_load, StepKind::atomic_store, StepKind::fetch_add),
                  *rc::gen::inRange(0, atomics)};
    };
    for (int region = 0; region < regions; ++region) {
      const int held = *rc::gen::inRange(0, std::min(2, mutexes) + 1);
      std::vector<int> locks;
      for (int m = 0; m < mutexes && static_cast<int>(locks.size()) < held; ++m)
        if (*rc::gen::arbitrary<bool>() || mutexes - m <= held - static_cast<int>(locks.size())) locks.push_back(m);
      for (int m : locks) steps.push_back({StepKind::lock, m});
      const int data = *rc::gen::inRange(1, 3);
      for (int i = 0; i < data; ++i) steps.push_back(data_step());
      for (auto m = locks.rbegin(); m != locks.rend(); ++m) steps.push_back({StepKind::unlock, *m});
    }
    return steps;
  });
}

// The brute-force interpreter's whole state.
struct Machine {
  std::vector<std::size_t> pc;
  std::vector<int> registers;
  std::vector<int> values;  // shared ints, then atomics
  std::vector<int> owner;   // per mutex: the task holding it, or -1
  auto operator<=>(const Machine&) const = default;
};

}  // namespace

std::ostream& operator<<(std::ostream& out, const Step& step) {
  return out << kNames[static_cast<int>(step.kind)] << "(" << step.target << ")";
}

std::ostream& operator<<(std::ostream& out, const Program& program) {
  out << "mutexes=" << program.mutexes << " shared=" << program.shared << " atomics=" << program.atomics;
  for (std::size_t task = 0; task < program.tasks.size(); ++task) {
    out << "\n  task " << task << ":";
    for (const Step& step : program.tasks[task]) out << " " << step;
  }
  return out;
}

rc::Gen<Program> programs(std::size_t max_steps, int max_tasks) {
  auto small_enough = [max_steps](const Program& program) {
    std::size_t steps = 0;
    for (const auto& task : program.tasks) steps += task.size();
    return steps <= max_steps;
  };
  return rc::gen::suchThat(rc::gen::exec([max_tasks] {
                             Program program;
                             program.mutexes = *rc::gen::inRange(1, 4);
                             program.shared = *rc::gen::inRange(1, 3);
                             program.atomics = *rc::gen::inRange(1, 3);
                             const int tasks = *rc::gen::inRange(2, max_tasks + 1);
                             for (int task = 0; task < tasks; ++task)
                               program.tasks.push_back(*task_steps(program.mutexes, program.shared, program.atomics));
                             return program;
                           }),
                           small_enough);
}

std::vector<FinalState> every_final_state(const Program& program) {
  const std::size_t tasks = program.tasks.size();
  Machine start{std::vector<std::size_t>(tasks, 0), std::vector<int>(tasks, 0),
                std::vector<int>(program.shared + program.atomics, 0), std::vector<int>(program.mutexes, -1)};
  std::set<Machine> seen{start};
  std::vector<Machine> stack{start};
  std::set<FinalState> finals;
  while (!stack.empty()) {
    Machine machine = stack.back();
    stack.pop_back();
    bool any = false;
    for (std::size_t task = 0; task < tasks; ++task) {
      if (machine.pc[task] == program.tasks[task].size()) continue;
      const Step& step = program.tasks[task][machine.pc[task]];
      Machine next = machine;
      int& reg = next.registers[task];
      switch (step.kind) {
        case StepKind::lock:
          if (machine.owner[step.target] != -1) continue;  // waits
          next.owner[step.target] = static_cast<int>(task);
          break;
        case StepKind::unlock:
          next.owner[step.target] = -1;
          break;
        case StepKind::read:
          reg = next.values[step.target];
          break;
        case StepKind::write:
          next.values[step.target] = reg + 1;
          break;
        case StepKind::atomic_load:
          reg = next.values[program.shared + step.target];
          break;
        case StepKind::atomic_store:
          next.values[program.shared + step.target] = reg + 1;
          break;
        case StepKind::fetch_add:
          reg = next.values[program.shared + step.target]++;
          break;
      }
      ++next.pc[task];
      any = true;
      if (seen.insert(next).second) stack.push_back(std::move(next));
    }
    if (!any) finals.insert(machine.values);  // locks are taken in order: no task is left waiting
  }
  return {finals.begin(), finals.end()};
}

FinalState run_under_interleave(const Program& program) {
  std::deque<Mutex> mutexes;
  std::deque<Shared<int>> shared;
  std::deque<Atomic<int>> atomics;
  for (int m = 0; m < program.mutexes; ++m) mutexes.emplace_back("m" + std::to_string(m));
  for (int v = 0; v < program.shared; ++v) shared.emplace_back(0, "s" + std::to_string(v));
  for (int a = 0; a < program.atomics; ++a) atomics.emplace_back(0, "a" + std::to_string(a));
  std::vector<Task> tasks;
  for (const auto& steps : program.tasks)
    tasks.push_back(spawn([&] {
      int reg = 0;
      for (const Step& step : steps) switch (step.kind) {
          case StepKind::lock:
            mutexes[step.target].lock();
            break;
          case StepKind::unlock:
            mutexes[step.target].unlock();
            break;
          case StepKind::read:
            reg = shared[step.target].read();
            break;
          case StepKind::write:
            shared[step.target].write(reg + 1);
            break;
          case StepKind::atomic_load:
            reg = atomics[step.target].load();
            break;
          case StepKind::atomic_store:
            atomics[step.target].store(reg + 1);
            break;
          case StepKind::fetch_add:
            reg = atomics[step.target].fetch_add(1);
            break;
        }
    }));
  for (Task& task : tasks) task.join();
  FinalState state;
  for (auto& value : shared) state.push_back(value.read());
  for (auto& value : atomics) state.push_back(value.load());
  return state;
}

}  // namespace interleave::fuzz
