// The README's worked example of `interleave lincheck` on a class of one's
// own: a stack, its sequential model, a runner, and a scenario that gives
// the command line its lincheck variants.

#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "cli_runner.hpp"
#include "interleave/interleave.hpp"
#include "interleave/lincheck_cases.hpp"

namespace interleave::testing {
namespace {

// --- the README's example, from here ---
class Stack {
 public:
  void push(int value) {
    ScopedLock hold(lock_);
    items_.push_back(value);
  }
  std::optional<int> try_pop() {
    ScopedLock hold(lock_);
    if (items_.empty()) return std::nullopt;
    const int top = items_.back();
    items_.pop_back();
    return top;
  }

 private:
  Mutex lock_{"stack.lock"};
  std::vector<int> items_;
};

// Looks at the top under the lock, lets it go, pops under it again: two
// pops can both take the same top.
class PeekThenPopStack {
 public:
  void push(int value) {
    ScopedLock hold(lock_);
    items_.push_back(value);
  }
  std::optional<int> try_pop() {
    int top = 0;
    {
      ScopedLock hold(lock_);
      if (items_.empty()) return std::nullopt;
      top = items_.back();
    }
    ScopedLock hold(lock_);
    if (!items_.empty()) items_.pop_back();
    return top;
  }

 private:
  Mutex lock_{"stack.lock"};
  std::vector<int> items_;
};

struct StackModel {
  using State = std::vector<int>;
  struct Input {
    bool push = false;
    int value = 0;
  };
  using Output = std::optional<int>;  // what try_pop took; nothing for a push or an empty stack
  State initial() const { return {}; }
  std::optional<State> step(const State& state, const Input& input, const Output& output) const {
    State next = state;
    if (input.push) {
      next.push_back(input.value);
      return next;
    }
    if (!output) return state.empty() ? std::optional<State>(next) : std::nullopt;
    if (state.empty() || state.back() != *output) return std::nullopt;
    next.pop_back();
    return next;
  }
  bool blocks(const State&, const Input&) const { return false; }  // try_pop never waits
  std::size_t hash(const State& state) const {
    std::size_t seed = state.size();
    for (int value : state) seed = seed * 31 + static_cast<std::size_t>(value);
    return seed;
  }
  std::string format(const Input& input) const {
    return input.push ? "push(" + std::to_string(input.value) + ")" : "try_pop()";
  }
  std::string format(const Input& input, const Output& output) const {
    if (input.push) return "ok";
    return output ? std::to_string(*output) : "empty";
  }
};

template <class AnyStack>
LincheckRunner stack_runner() {
  using Input = StackModel::Input;
  // 2 or 3 tasks of 1 to 3 operations each: push(1), push(2) or try_pop().
  const auto operation = rc::gen::element(Input{true, 1}, Input{true, 2}, Input{false, 0});
  return lincheck::runner(
      StackModel{}, lincheck::task_scripts(operation, 2, 3, 3), [] { return std::make_unique<AnyStack>(); },
      [](AnyStack& stack, const Input& input) -> std::optional<int> {
        if (!input.push) return stack.try_pop();
        stack.push(input.value);
        return std::nullopt;
      });
}

Scenario stack_scenario() {
  Scenario scenario;
  scenario.name = "stack";
  scenario.summary = "a stack with push and try_pop";
  scenario.lincheck = {
      {"locked", {Verdict::clean}, "push and try_pop each under one lock", stack_runner<Stack>()},
      {"peek_then_pop", {Verdict::not_linearizable}, "two pops take the same top", stack_runner<PeekThenPopStack>()},
  };
  return scenario;
}
// --- to here ---

TEST(LincheckUserClass, TheLockedStackIsLinearizableAndThePeekThenPopOneIsNot) {
  LincheckRequest request;
  request.explore.schedules = 200;
  request.cases = 20;
  const LincheckOutcome locked = stack_runner<Stack>()(request);
  EXPECT_TRUE(locked.clean()) << locked.message;
  EXPECT_EQ(locked.histories_checked, 20u * 200u);
  const LincheckOutcome broken = stack_runner<PeekThenPopStack>()(request);
  ASSERT_EQ(broken.verdict, Verdict::not_linearizable) << broken.message;
  int operations = 0;
  for (int count : broken.operations_shrunk) operations += count;
  EXPECT_EQ(operations, 3) << "a push and two pops are the fewest that show it";
}

TEST(LincheckUserClass, TheCommandLineRunsAUsersScenario) {
  const auto result =
      cli::testing::run_with({stack_scenario()}, {"lincheck", "stack", "--schedules", "200", "--cases", "20"});
  EXPECT_EQ(result.exit_code, cli::kAllMatched) << result.out << result.err;
  EXPECT_NE(result.out.find("stack/peek_then_pop"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("its history:"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace interleave::testing
