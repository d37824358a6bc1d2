#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "explore/replay_token.hpp"
#include "interleave/explore.hpp"
#include "interleave/scenario.hpp"
#include "report/text_layout.hpp"

namespace interleave::report {

class TextTable;

// Every JSON record interleave writes carries it; it grows when a field
// changes meaning or goes away (new fields do not change it).
inline constexpr int kJsonSchemaVersion = 1;

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

  // `interleave replay`: what the recorded schedule said, and whether this run agreed.
  struct ReplayCheck {
    Verdict recorded = Verdict::clean;
    bool reproduced = false;  // the same verdict
    bool followed = false;    // the run took the recorded schedule, decision for decision
  };
  std::optional<ReplayCheck> replay_check;

  std::string full_name() const { return scenario + "/" + variant; }
};

std::string expected_text(const std::vector<Verdict>& expected);

// What a row of the run table will show, known before the variant runs:
// the columns are sized for every row of a run.
struct PlannedRow {
  std::string name;  // scenario/variant
  EngineKind engine = EngineKind::fiber;
  std::vector<Verdict> expected;
};

// The table `run` and `replay` print, a row per variant as it finishes,
// fitted to the layout's width (see TextTable): the expected column goes
// first when a row would not fit, and a mismatch then says what was expected.
class VariantTable {
 public:
  VariantTable(const std::vector<PlannedRow>& rows, TextLayout layout);
  ~VariantTable();

  void print_heading(std::ostream& out) const;
  // The row and what it found: messages wrapped to the width, the interleaving, the reproduce line.
  void print_row(std::ostream& out, const VariantReport& report) const;
  const TextLayout& layout() const;

 private:
  std::unique_ptr<TextTable> table_;
};

// "3 variants: 3 matched, 0 mismatched; 2 bugs found; 0.05 s".
// "5 variants: 5 matched, 0 mismatched; 3 bugs found; 0.14 s".
std::string summary_line(const std::vector<VariantReport>& reports, double seconds);
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
