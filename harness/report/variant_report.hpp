#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "explore/replay_token.hpp"
#include "interleave/explore.hpp"
#include "interleave/scenario.hpp"

namespace interleave::report {

// One variant explored on one engine: what was expected and what was found.
struct VariantReport {
  std::string program = "interleave";  // the command line's name, which starts its reproduce lines
  std::string scenario;
  std::string variant;
  EngineKind engine = EngineKind::fiber;
  Strategy strategy;  // fiber engine only
  std::vector<Verdict> expected;
  Params params;
  exploration::ScheduleOptions schedule_options;  // fiber engine: what shaped its schedules besides the strategy
  ExploreResult result;
  bool matched = false;
  // False when the run's budget ran out before this variant could start.
  bool ran = true;
  std::string not_run_reason;
  std::string lesson;
  std::string reproduce;  // a command line that reaches the same verdict, for a bug
  std::string token;      // the replay token of a bug found by the fiber engine
  // The replay token of what a race leads to (result.race_consequence).
  std::string consequence_token;

  // With --repeat: the same exploration from several independent seeds.
  struct Repetitions {
    int runs = 0;
    int matched = 0;
    double median_schedules = 0;
    double median_seconds = 0;
  };
  std::optional<Repetitions> repetitions;

  std::string full_name() const { return scenario + "/" + variant; }
};

std::string expected_text(const std::vector<Verdict>& expected);

void print_table_header(std::ostream& out);
void print_table_row(std::ostream& out, const VariantReport& report);
void print_summary(std::ostream& out, const std::vector<VariantReport>& reports, double seconds);

// A JSON array with one object per variant and engine.
std::string to_json(const std::vector<VariantReport>& reports);

// JUnit XML: one testcase per variant and engine, classname = scenario, a
// failure (verdict, lesson, replay token) when the verdict did not match,
// skipped when the variant was not run.
std::string to_junit(const std::vector<VariantReport>& reports, double seconds);

// The failing schedules of `reports` with their events, as `--trace` writes
// them and `interleave replay FILE` reads them back.
std::string to_trace_json(const std::vector<VariantReport>& reports);

}  // namespace interleave::report
