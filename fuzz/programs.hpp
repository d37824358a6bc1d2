#pragma once

// Small concurrent programs that rapidcheck generates, to test the harness
// against oracles: 2 to max_tasks tasks, each a few steps over 1 to 3 mutexes
// (taken in index order, so no program can deadlock), 1 or 2 plain shared
// ints and 1 or 2 atomics. Each task has one register. The same program can
// be run under interleave or enumerated by brute force.

#include <rapidcheck.h>

#include <array>
#include <cstdint>
#include <ostream>
#include <vector>

namespace interleave::fuzz {

enum class StepKind : std::uint8_t { lock, unlock, read, write, atomic_load, atomic_store, fetch_add };

struct Step {
  StepKind kind = StepKind::read;
  int target = 0;  // the mutex, shared int or atomic it is about
};

struct Program {
  int mutexes = 1;
  int shared = 1;
  int atomics = 1;
  std::vector<std::vector<Step>> tasks;
};

// What a program leaves: every shared int's and atomic's value.
using FinalState = std::vector<int>;

std::ostream& operator<<(std::ostream& out, const Step& step);
std::ostream& operator<<(std::ostream& out, const Program& program);

// At most `max_steps` steps in all (an exhaustive search of a program grows
// as the multinomial of its tasks' lengths).
rc::Gen<Program> programs(std::size_t max_steps = 24, int max_tasks = 3);

// Every final state some interleaving of the steps reaches (each step one
// atomic move; a lock waits while another task holds it).
std::vector<FinalState> every_final_state(const Program& program);

// Runs the program once under the current engine (inside explore()) and
// returns its final state.
FinalState run_under_interleave(const Program& program);

}  // namespace interleave::fuzz
