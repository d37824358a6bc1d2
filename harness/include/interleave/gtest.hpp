#pragma once

// Include in a GoogleTest test (after gtest) to make EXPECT_* and ASSERT_*
// inside an explored body part of the exploration: a failed assertion in a
// task fails that schedule with an invariant verdict ("assertion failed: ...
// at my_test.cpp:42"), the schedule ends at the task's next operation
// (ASSERT_* also returns from the function, as always), and exploration,
// shrinking and replay go on as for interleave::check(). The thousands of
// schedules give the test one failure, not thousands: at the end of an
// explore() that failed so, one failure at the assertion's line, with the
// full report (the interleaving and the replay token).

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "interleave/explore.hpp"
#include "interleave/explore_observer.hpp"

namespace interleave::gtest {
namespace detail {

// A GoogleTest failure message, which spans lines, as one line.
inline std::string one_line(const char* text) {
  std::string line;
  bool space = false;
  for (const char* c = text; *c != '\0'; ++c) {
    if (*c == '\n' || *c == ' ' || *c == '\t') {
      space = !line.empty();
      continue;
    }
    if (space) line += ' ';
    space = false;
    line += *c;
  }
  return line;
}

struct Failure {
  std::string file;
  int line = 0;
  std::string summary;
};

// While an exploration runs, the reporter of every thread: a failure in a
// task becomes the schedule's verdict; one outside any run is kept and
// reported again when the exploration ends.
class AssertionsAsVerdicts final : public ::testing::ScopedFakeTestPartResultReporter {
 public:
  AssertionsAsVerdicts() : ScopedFakeTestPartResultReporter(INTERCEPT_ALL_THREADS, &unused_) {}

  void ReportTestPartResult(const ::testing::TestPartResult& part) override {
    if (!part.failed()) return;
    const char* file = part.file_name() != nullptr ? part.file_name() : "";
    const std::string message = "assertion failed: " + one_line(part.summary());
    std::lock_guard guard(mutex_);
    if (fail_current_schedule(message, file, part.line_number())) {
      if (!first_in_a_task_) first_in_a_task_ = Failure{file, part.line_number(), message};
      return;
    }
    outside_tasks_.push_back(Failure{file, part.line_number(), part.summary()});
  }

  std::optional<Failure> first_in_a_task() const { return first_in_a_task_; }
  std::vector<Failure> outside_tasks() const { return outside_tasks_; }

 private:
  ::testing::TestPartResultArray unused_;
  std::mutex mutex_;
  std::optional<Failure> first_in_a_task_;
  std::vector<Failure> outside_tasks_;
};

class Observer final : public ExploreObserver {
 public:
  void exploration_begins() override { reporter_.emplace(); }
  void exploration_ends(const ExploreResult* result) override {
    if (!reporter_) return;
    const std::optional<Failure> in_a_task = reporter_->first_in_a_task();
    const std::vector<Failure> outside = reporter_->outside_tasks();
    reporter_.reset();  // the test's own reporter again
    for (const Failure& failure : outside) report(failure, failure.summary);
    if (in_a_task && result != nullptr && !result->clean()) {
      std::ostringstream text;
      text << "an assertion failed inside interleave::explore():\n" << *result;
      report(*in_a_task, text.str());
    }
  }

 private:
  // Non-fatal even for an ASSERT_*: explore() has returned to the test.
  static void report(const Failure& failure, const std::string& text) {
    ADD_FAILURE_AT(failure.file.c_str(), failure.line) << text;
  }

  std::optional<AssertionsAsVerdicts> reporter_;
};

inline Observer& observer() {
  static Observer the_observer;
  return the_observer;
}

}  // namespace detail

// Installed by including this header; call it again after installing
// another ExploreObserver to come back.
inline bool install() {
  observe_explorations(&detail::observer());
  return true;
}

namespace detail {
inline const bool installed = install();
}  // namespace detail

}  // namespace interleave::gtest
