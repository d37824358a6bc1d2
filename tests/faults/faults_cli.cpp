// A CLI over programs that do to their process what no test should survive
// in-process: a null dereference, abort(), a stack overflow in a task and in
// the main task, exit(3), an endless loop with no scheduling point. Run with
// isolation, each ends as its variant's verdict and the run goes on.

#include <cstdio>
#include <cstdlib>
#include <thread>

#include "interleave/cli.hpp"
#include "interleave/interleave.hpp"
#include "scenarios/support.hpp"

namespace interleave::faults {
namespace {

using scenarios::variant;

// volatile, so that the compiler keeps what the fault needs.
volatile int* volatile nowhere = nullptr;
volatile bool forever = true;

int overflow(int depth) {
  volatile char frame[512];
  frame[0] = static_cast<char>(depth);
  return overflow(depth + 1) + frame[0];
}

// Runs `fault` in a task beside one that works, so the fault happens mid-schedule.
void in_a_task(const std::function<void()>& fault) {
  Atomic<int> done(0, "done");
  auto worker = spawn([&] { done.fetch_add(1); }, "worker");
  auto faulty = spawn(fault, "faulty");
  worker.join();
  faulty.join();
}

Scenario faults_scenario() {
  const std::vector<EngineKind> fiber = {EngineKind::fiber};
  return {
      .name = "faults",
      .summary = "programs that end their own process",
      .defaults = Params({{"unused", 0}}),
      .variants =
          {
              variant(
                  "fine", {Verdict::clean}, "Works, and prints to stdout as it does.",
                  [](const Params&) { in_a_task([] { std::puts("a line the program under test prints"); }); }, fiber),
              variant(
                  "null_dereference", {Verdict::crash}, "Dereferences null.",
                  [](const Params&) { in_a_task([] { *nowhere = 1; }); }, fiber),
              variant(
                  "abort", {Verdict::crash}, "Calls abort().", [](const Params&) { in_a_task([] { std::abort(); }); },
                  fiber),
              variant(
                  "stack_overflow_in_a_task", {Verdict::crash}, "Recurses without end in a task.",
                  [](const Params&) { in_a_task([] { overflow(0); }); }, fiber),
              variant(
                  "stack_overflow_in_main", {Verdict::crash}, "Recurses without end in the main task.",
                  [](const Params&) { overflow(0); }, fiber),
              variant(
                  "exit_3", {Verdict::crash}, "Calls exit(3).", [](const Params&) { in_a_task([] { std::exit(3); }); },
                  fiber),
              variant(
                  "endless_loop", {Verdict::hang}, "Loops without a scheduling point.",
                  [](const Params&) {
                    in_a_task([] {
                      Atomic<int> entered(0, "entered");
                      entered.store(1);  // the last scheduling point it passes
                      while (forever) std::this_thread::yield();
                    });
                  },
                  fiber),
              variant(
                  "last", {Verdict::clean}, "Runs after the others.", [](const Params&) { in_a_task([] {}); }, fiber),
          },
  };
}

}  // namespace
}  // namespace interleave::faults

int main(int argc, char** argv) { return interleave::run_main(argc, argv, {interleave::faults::faults_scenario()}); }
