#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/program.hpp"
#include "interleave/scenario.hpp"

namespace interleave::cli {

struct ListOptions {
  std::string filter = "all";
  std::string json_path;  // "-": stdout
};

struct RunOptions {
  std::string filter;
  std::string engine_name = "fiber";
  bool engine_given = false;  // --engine was on the command line
  std::string strategy_name = "portfolio";
  std::int64_t schedules = 10'000;
  bool schedules_given = false;  // --schedules was on the command line
  std::uint64_t seed = 1;
  std::vector<std::string> assignments;
  std::string json_path;
  std::string junit_path;
  std::string sarif_path;
  std::string html_path;
  double budget_seconds = 0;  // 0: no budget
  std::string shard;          // K/N; empty: GTEST_* sharding variables, else the whole run
  std::string trace_path;
  bool no_shrink = false;
  bool finish_after_failed_check = false;         // hidden: the tsan engine's child
  std::int64_t schedules_after_failed_check = 0;  // hidden: the tsan engine's child
  bool no_race_detection = false;
  bool no_race_consequence = false;
  bool no_lock_order = false;
  std::int64_t repeat = 1;
  std::int64_t max_steps = 100'000;
  double noise = 0.25;
  std::int64_t hang_timeout_ms = 2'000;
  std::int64_t blocked_loop_ms = 100;  // 0: no blocked_loop check
  // Its self_binary isolates each exploration in a child process (empty: not
  // available, as when the CLI runs inside a test); its tsan_twin runs --engine tsan.
  Program program;
  bool no_isolate = false;
  bool supervised_child = false;  // hidden: this process is such a child
};

struct LincheckOptions {
  std::string program = "interleave";  // the name the command line goes by
  std::string filter;
  std::string engine_name = "fiber";
  std::string strategy_name = "portfolio";
  std::int64_t schedules = 10'000;  // per case
  std::int64_t cases = 100;
  std::uint64_t seed = 1;
  bool no_shrink = false;
  bool no_race_detection = false;
  bool no_lock_order = false;
  std::int64_t max_steps = 100'000;
  double noise = 0.25;
  std::int64_t hang_timeout_ms = 2'000;
  std::string json_path;
  std::string sarif_path;
};

struct ExplainOptions {
  std::string program = "interleave";  // the name the command line goes by
  std::string name;
  std::int64_t schedules = 10'000;
  std::string html_path;
};

struct BenchOptions {
  std::string program = "interleave";  // the name the command line goes by
  std::string filter = "all";
  std::vector<int> threads;  // empty: 1, 2, 4 ... up to twice the cores
  int repetitions = 5;
  double min_seconds = 0.1;
  std::string json_path;
  std::string svg_path;
  std::string png_path;
  bool no_references = false;
};

struct ReplayOptions {
  std::string program = "interleave";  // the name the command line goes by
  std::string token_or_file;
  std::string json_path;
  std::string sarif_path;
};

int list_command(const ListOptions& options, const std::vector<Scenario>& catalog, std::ostream& out,
                 std::string_view program);
int run_command(const RunOptions& options, const std::vector<Scenario>& catalog, std::ostream& out, std::ostream& err);
int lincheck_command(const LincheckOptions& options, const std::vector<Scenario>& catalog, std::ostream& out,
                     std::ostream& err);
int explain_command(const ExplainOptions& options, const std::vector<Scenario>& catalog, std::ostream& out);
int bench_command(const BenchOptions& options, const std::vector<Scenario>& catalog, std::ostream& out,
                  std::ostream& err);
int replay_command(const ReplayOptions& options, const std::vector<Scenario>& catalog, std::ostream& out,
                   std::ostream& err);

}  // namespace interleave::cli
