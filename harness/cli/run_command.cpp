#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/interrupts.hpp"
#include "cli/isolation.hpp"
#include "cli/output.hpp"
#include "cli/printable.hpp"
#include "cli/run_plan.hpp"
#include "cli/selection.hpp"
#include "cli/terminal.hpp"
#include "engines/supervisor.hpp"
#include "engines/tsan/tsan_engine.hpp"
#include "explore/replay_token.hpp"
#include "explore/result_codec.hpp"
#include "report/html_report.hpp"
#include "report/sarif_report.hpp"
#include "report/variant_report.hpp"

namespace interleave::cli {
namespace {

using Clock = std::chrono::steady_clock;
using Overrides = std::vector<std::pair<std::string, std::int64_t>>;

// ThreadSanitizer slows a run tenfold; without --schedules the tsan engine
// explores this many per variant.
constexpr std::uint64_t kTsanDefaultSchedules = 1'000;

ExploreOptions explore_options(const RunOptions& options) {
  ExploreOptions explore;
  explore.environment_overrides = false;  // the command line says what to run
  explore.engine = *parse_engine(options.engine_name);
  explore.strategy = *parse_strategy(options.strategy_name);
  explore.shrink = !options.no_shrink;
  explore.finish_schedule_after_failed_check = options.finish_after_failed_check;
  explore.schedules_after_failed_check = static_cast<std::uint64_t>(options.schedules_after_failed_check);
  explore.detect_races = !options.no_race_detection;
  explore.show_race_consequence = !options.no_race_consequence;
  explore.detect_lock_order = !options.no_lock_order;
  explore.schedules = static_cast<std::uint64_t>(options.schedules);
  if (explore.engine == EngineKind::tsan && !options.schedules_given) explore.schedules = kTsanDefaultSchedules;
  explore.seed = options.seed;
  explore.max_steps = static_cast<std::uint64_t>(options.max_steps);
  explore.noise = options.noise;
  explore.hang_timeout = std::chrono::milliseconds(options.hang_timeout_ms);
  explore.blocked_loop_threshold = std::chrono::milliseconds(options.blocked_loop_ms);
  return explore;
}

// A command line that reaches the same verdict again: for the fiber engine
// the replay token of the failing schedule; otherwise the failing seed (or,
// under TSan, the same seeds) with the same parameters.
std::string reproduce_command(const report::VariantReport& report, const PlannedRun& run, const RunOptions& options) {
  if (!report.token.empty()) return report.program + " replay " + report.token;
  const ExploreResult& result = report.result;
  std::string command = result.failing_seed
                            ? fmt::format("{} run {} --engine {} --seed {} --schedules 1", report.program,
                                          report.full_name(), to_string(report.engine), *result.failing_seed)
                            : fmt::format("{} run {} --engine {} --seed {} --schedules {}", report.program,
                                          report.full_name(), to_string(report.engine), run.seed, result.schedules);
  for (const auto& [key, value] : report.params.values())
    if (run.scenario->defaults[key] != value) command += fmt::format(" --set {}={}", key, value);
  const RunOptions defaults;
  if (report.engine == EngineKind::fiber) {
    command += fmt::format(" --strategy {}", to_string(report.strategy));
    if (options.no_race_detection) command += " --no-race-detection";
    if (options.no_lock_order) command += " --no-lock-order";
    if (options.blocked_loop_ms != defaults.blocked_loop_ms)
      command += fmt::format(" --blocked-loop-ms {}", options.blocked_loop_ms);
  }
  if (options.max_steps != defaults.max_steps) command += fmt::format(" --max-steps {}", options.max_steps);
  if (report.engine != EngineKind::fiber && options.hang_timeout_ms != defaults.hang_timeout_ms)
    command += fmt::format(" --hang-timeout-ms {}", options.hang_timeout_ms);
  if (report.engine == EngineKind::threads || report.engine == EngineKind::tsan)
    command += fmt::format(" --noise {}   (the seed fixes the noise, not the OS schedule)", options.noise);
  return command;
}

// A replay token for one failing schedule of this variant.
std::string token_for(const report::VariantReport& report, std::uint64_t seed, Verdict verdict,
                      const std::vector<int>& schedule, const exploration::ScheduleOptions& options) {
  exploration::ReplayToken token;
  token.scenario = report.scenario;
  token.variant = report.variant;
  token.engine = report.engine;
  token.strategy = to_string(report.strategy);
  token.seed = seed;
  token.verdict = verdict;
  token.options = options;
  token.params = report.params;
  token.schedule = schedule;
  return exploration::encode_token(token);
}

std::string replay_token_of(const report::VariantReport& report) {
  const ExploreResult& result = report.result;
  // Only a failure whose interleaving was recorded: not, say, a crash that
  // ended a supervised child before it could say what it did.
  if (report.engine != EngineKind::fiber || !result.failing_seed || result.diverged || result.events.empty()) return {};
  return token_for(report, *result.failing_seed, result.verdict, result.failing_schedule, report.schedule_options);
}

// The replay token of what a race led to: the same variant with the race
// detector off, and the schedule that found the failure.
std::string consequence_token_of(const report::VariantReport& report) {
  const auto& consequence = report.result.race_consequence;
  if (report.engine != EngineKind::fiber || !consequence) return {};
  exploration::ScheduleOptions options = report.schedule_options;
  options.detect_races = false;
  return token_for(report, consequence->seed, consequence->verdict, consequence->schedule, options);
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

// Explores one variant: in this process, in a supervised child process
// (isolated), or for the tsan engine in the ThreadSanitizer build (a child
// of its own).
class VariantExplorer {
 public:
  VariantExplorer(const PlannedRun& run, const Params& params, const Overrides& overrides, const Program& program,
                  const RunOptions* isolated = nullptr)
      : run_(run), params_(params), overrides_(overrides), program_(program), isolated_(isolated) {}

  ExploreResult explore(const ExploreOptions& options) const {
    const std::string name = run_.scenario->name + "/" + run_.variant->name;
    if (options.engine == EngineKind::tsan) {
      if (!program_.tsan_twin) throw UsageError(program_.missing_tsan_twin);
      return engines::tsan::explore_under_tsan({name, options, used_overrides()}, *program_.tsan_twin);
    }
    if (isolated_ != nullptr)
      return engines::explore_supervised({supervised_child_arguments(*isolated_, options, name, used_overrides()),
                                          stall_limit(options), options.deadline, options.interrupt, options.progress});
    return interleave::explore(options, [&] { run_.variant->body(params_); });
  }

 private:
  Overrides used_overrides() const {
    Overrides used;
    for (const auto& [key, value] : overrides_)
      if (run_.scenario->defaults.has(key)) used.emplace_back(key, value);
    return used;
  }

  const PlannedRun& run_;
  const Params& params_;
  const Overrides& overrides_;
  const Program& program_;
  const RunOptions* isolated_;
};

// The same exploration from `runs` independent seeds (the first, already
// run, is `first`): how often the expectation is met, and how fast.
report::VariantReport::Repetitions repeat_exploration(ExploreOptions explore, const VariantExplorer& explorer,
                                                      const PlannedRun& run, const ExploreResult& first,
                                                      std::int64_t runs) {
  constexpr std::uint64_t kSeedStride = 1'000'003;
  std::vector<double> schedules{static_cast<double>(first.schedules)};
  std::vector<double> seconds{first.seconds};
  int matched = run.variant->matches(first.verdict, run.engine) ? 1 : 0;
  explore.shrink = false;  // only the first run's finding is shown
  const std::uint64_t base = explore.seed;
  for (std::int64_t k = 1; k < runs; ++k) {
    explore.seed = base + static_cast<std::uint64_t>(k) * kSeedStride;
    ExploreResult result = explorer.explore(explore);
    matched += run.variant->matches(result.verdict, run.engine) ? 1 : 0;
    schedules.push_back(static_cast<double>(result.schedules));
    seconds.push_back(result.seconds);
  }
  return {static_cast<int>(runs), matched, median(schedules), median(seconds)};
}

report::VariantReport new_report(const PlannedRun& run, const ExploreOptions& explore, const Overrides& overrides,
                                 const std::string& program) {
  report::VariantReport report;
  report.program = program;
  report.scenario = run.scenario->name;
  report.variant = run.variant->name;
  report.engine = run.engine;
  report.strategy = explore.strategy;
  report.expected = run.variant->expected_on(run.engine);
  report.params = apply_overrides(*run.scenario, overrides);
  report.schedule_options = exploration::ScheduleOptions::of(explore);
  report.lesson = run.variant->lesson;
  return report;
}

std::optional<Clock::duration> budget_of(const RunOptions& options) {
  if (options.budget_seconds <= 0) return std::nullopt;
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.budget_seconds));
}

// A child of a supervisor (see engines/supervisor.hpp): explores its one
// variant and prints the result record, nothing else.
int run_supervised_child(const RunPlan& plan, const ExploreOptions& explore_base, const Overrides& overrides,
                         const RunOptions& options, std::ostream& out) {
  if (plan.runs.size() != 1) throw UsageError("--supervised-child explores exactly one variant");
  const PlannedRun& run = plan.runs.front();
  const InterruptScope interrupts;
  ExploreOptions explore = explore_base;
  explore.engine = run.engine;
  explore.seed = run.seed;
  explore.schedules = run.schedules;
  explore.interrupt = &interrupts.requested();
  if (const auto budget = budget_of(options)) explore.deadline = Clock::now() + *budget;
  engines::report_schedules_to_supervisor(explore);
  const Params params = apply_overrides(*run.scenario, overrides);
  const ExploreResult result = VariantExplorer(run, params, overrides, options.program).explore(explore);
  out << exploration::encode_result(result) << "\n";
  return kAllMatched;
}

// Splits what is left of a --budget among the variants still to run, an
// equal share each (so time a quick variant saves goes to the later ones),
// less what variants have so far taken past their shares (starting a
// child, the schedule running at the deadline, shrinking, the report), so
// that the whole run ends close to the budget. A variant runs at least one
// schedule even when nothing is left.
class BudgetShares {
 public:
  explicit BudgetShares(Clock::time_point deadline) : deadline_(deadline) {}

  Clock::time_point deadline_for(Clock::time_point now, std::size_t variants_left) const {
    const auto left = std::max(deadline_ - now, Clock::duration{0});
    const auto share = left / static_cast<long>(variants_left);
    return now + std::max(share - std::min(average_overrun(), share), Clock::duration{0});
  }
  void finished(Clock::time_point share_ended, Clock::time_point ended) {
    overrun_ += std::max(ended - share_ended, Clock::duration{0});
    ++finished_;
  }

 private:
  Clock::duration average_overrun() const { return finished_ == 0 ? Clock::duration{0} : overrun_ / finished_; }

  Clock::time_point deadline_;
  Clock::duration overrun_{0};
  long finished_ = 0;
};

int exit_code(const std::vector<report::VariantReport>& reports, bool interrupted) {
  if (interrupted) return kInterrupted;
  bool not_run = false;
  for (const auto& report : reports) {
    if (report.ran && !report.matched) return kMismatch;
    not_run = not_run || !report.ran;
  }
  return not_run ? kInternalError : kAllMatched;
}

}  // namespace

int run_command(const RunOptions& options, const std::vector<Scenario>& catalog, std::ostream& out, std::ostream& err) {
  auto selected = select_variants(catalog, options.filter, options.program.name);
  auto overrides = parse_overrides(options.assignments);
  for (const auto& [key, value] : overrides) {
    bool declared = false;
    for (const auto& choice : selected)
      if (choice.scenario->defaults.has(key)) {
        declared = true;
        check_parameter(*choice.scenario, key, value, "--set");
      }
    if (!declared)
      throw UsageError(fmt::format("--set {}: no selected scenario has a parameter {}", one_line(key), echoed(key)));
  }
  for (const auto& path :
       {options.json_path, options.trace_path, options.junit_path, options.sarif_path, options.html_path})
    probe_writable(path);
  const ExploreOptions explore_base = explore_options(options);
  if (explore_base.engine == EngineKind::tsan && !options.program.tsan_twin)
    throw UsageError(options.program.missing_tsan_twin);

  PlanRequest request;
  request.engine = explore_base.engine;
  request.engine_given = options.engine_given;
  request.seed = explore_base.seed;
  request.schedules = explore_base.schedules;
  request.seeds_divisible = explore_base.strategy.kind != Strategy::Kind::dfs;
  request.shard = options.shard.empty() ? shard_from_environment().value_or(Shard{}) : parse_shard(options.shard);
  const RunPlan plan = plan_runs(selected, request);

  if (options.supervised_child) return run_supervised_child(plan, explore_base, overrides, options, out);
  const bool isolate = isolation_wanted(options, plan.runs.size());

  // With JSON or SARIF on stdout the human table moves to stderr, so stdout stays parseable.
  std::ostream& table = stdout_taken({options.json_path, options.sarif_path}) ? err : out;
  const bool show_progress = isatty(STDERR_FILENO) && &err == &std::cerr;
  const std::size_t progress_width = show_progress ? text_layout_of(err).width : 0;
  if (request.shard.count > 1)
    fmt::print(table, "shard {}/{}: {}\n", request.shard.index + 1, request.shard.count,
               report::counted(plan.runs.size(), "variant"));
  std::vector<report::PlannedRow> rows;
  for (const PlannedRun& run : plan.runs)
    rows.push_back({run.scenario->name + "/" + run.variant->name, run.engine, run.variant->expected_on(run.engine)});
  const report::VariantTable variant_table(rows, text_layout_of(table));

  const InterruptScope interrupts;  // from the header on, an interrupt leaves complete reports
  std::vector<report::VariantReport> reports;
  variant_table.print_heading(table);
  table.flush();
  const auto started = Clock::now();
  const auto budget = budget_of(options);
  BudgetShares budget_share(started + budget.value_or(Clock::duration{}));
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    const PlannedRun& run = plan.runs[i];
    report::VariantReport report = new_report(run, explore_base, overrides, options.program.name);
    if (interrupts.requested().load()) {
      report.ran = false;
      report.not_run_reason = "interrupted before it started";
      variant_table.print_row(table, report);
      reports.push_back(std::move(report));
      continue;
    }
    ExploreOptions explore = explore_base;
    explore.interrupt = &interrupts.requested();
    explore.engine = run.engine;
    explore.seed = run.seed;
    explore.schedules = run.schedules;
    const auto variant_started = Clock::now();
    if (budget) explore.deadline = budget_share.deadline_for(variant_started, plan.runs.size() - i);
    if (show_progress)
      explore.progress = [&](std::uint64_t done) {
        const auto now = Clock::now();
        std::optional<std::chrono::duration<double>> budget_left;
        if (budget) budget_left = started + *budget - now;
        fmt::print(err, "\r\033[K{}",
                   progress_line(report.full_name(), done, explore.schedules, now - variant_started, budget_left,
                                 progress_width));
        err.flush();
      };
    VariantExplorer explorer(run, report.params, overrides, options.program, isolate ? &options : nullptr);
    report.result = explorer.explore(explore);
    report.matched = run.variant->matches(report.result.verdict, run.engine);
    if (options.repeat > 1)
      report.repetitions = repeat_exploration(explore, explorer, run, report.result, options.repeat);
    if (show_progress) fmt::print(err, "\r\033[K");
    if (report.repetitions) report.matched = report.repetitions->matched == report.repetitions->runs;
    report.token = replay_token_of(report);
    report.consequence_token = consequence_token_of(report);
    if (!report.result.clean() || report.result.failing_seed)
      report.reproduce = reproduce_command(report, run, options);
    variant_table.print_row(table, report);
    table.flush();
    reports.push_back(std::move(report));
    if (budget) budget_share.finished(explore.deadline.value(), Clock::now());
  }
  if (!plan.not_applicable.empty())
    table << report::wrapped(fmt::format("not applicable on the {} engine ({}): {}", to_string(explore_base.engine),
                                         plan.not_applicable.size(), fmt::join(plan.not_applicable, ", ")),
                             variant_table.layout().width, "", "  ");
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  report::print_summary(table, reports, seconds);
  if (!options.json_path.empty()) write_output(options.json_path, report::to_json(reports), out);
  if (!options.trace_path.empty()) write_output(options.trace_path, report::to_trace_json(reports), out);
  if (!options.junit_path.empty()) write_output(options.junit_path, report::to_junit(reports, seconds), out);
  if (!options.sarif_path.empty()) write_output(options.sarif_path, report::to_sarif(reports), out);
  if (!options.html_path.empty()) write_output(options.html_path, report::to_html(reports, seconds, catalog), out);
  return exit_code(reports, interrupts.requested().load());
}

}  // namespace interleave::cli
