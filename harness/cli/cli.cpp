#include "cli/cli.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/help_formatter.hpp"
#include "cli/number_checks.hpp"
#include "cli/printable.hpp"
#include "cli/selection.hpp"
#include "interleave/explore.hpp"

namespace interleave::cli {

namespace {

// Echoed input is cut at its echo point; this bounds what CLI11's own messages echo.
constexpr std::size_t kMaxMessage = 1'000;

// What a filter is, for every command that takes one.
std::string filter_help(std::string_view example) {
  return fmt::format(
      "Patterns as GoogleTest's --gtest_filter: positive ones separated by ':', then optionally '-' and negative "
      "ones ('{0}:-counter/locked'; 'all:-P': all but P). A pattern is 'all', a scenario, a scenario/variant, "
      "or a glob such as '{0}'; one that matches nothing is an error",
      example);
}

// The first argument that is not an option must be a command: CLI11 alone
// would say "A subcommand is required" of `interleave foo` and `interleave help`.
std::optional<std::string> unknown_command(int argc, const char* const* argv, const CLI::App& app,
                                           const std::string& name) {
  std::string commands;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    commands += (commands.empty() ? "" : ", ") + sub->get_name();
  if (argc < 2) return fmt::format("a command is required: {} (see `{} --help`)", commands, name);
  const std::string first = argv[1];
  if (first.starts_with("-")) return std::nullopt;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    if (sub->get_name() == first) return std::nullopt;
  if (first == "help")
    return fmt::format("'help' is not a command: for help, `{0} --help` or `{0} COMMAND --help`", name);
  return fmt::format("{} is not a command; the commands are {} (see `{} --help`)", echoed(first), commands, name);
}

// A strategy chooses among the fiber engine's tasks; the other engines have none to choose.
void check_strategy_applies(const CLI::Option* strategy, const std::string& engine) {
  if (strategy->count() > 0 && engine != "fiber")
    throw UsageError(
        fmt::format("--strategy applies to the fiber engine only; the {} engine has no strategy (the "
                    "OS schedules its threads; --noise widens their race windows)",
                    engine));
}

}  // namespace

int run_cli(int argc, const char* const* argv, const std::vector<Scenario>& catalog, std::ostream& out,
            std::ostream& err, const Program& program) {
  const std::string& name = program.name;
  CLI::App app{
      name +
          ": finds concurrency bugs (data races, lost updates, deadlocks, hangs) by running scenarios "
          "under controlled schedules.\n\n"
          "Exit codes: 0 every verdict matched its expectation; 1 a verdict did not match (a bug where none was "
          "expected, or an expected bug not found); 2 usage or input error; 3 internal error, or a variant left "
          "unrun because the --budget ran out (1 wins over 3 when both happen); 130 interrupted (SIGINT or SIGTERM), "
          "with complete reports of what ran.",
      name};
  app.require_subcommand(1);
  app.formatter(std::make_shared<HelpFormatter>());
  app.set_version_flag("--version", fmt::format("{} {}", name, INTERLEAVE_VERSION), "Print the version and exit");

  ListOptions list_options;
  CLI::App* list = app.add_subcommand(
      "list",
      "List the variants a filter selects (default all) with their expected verdicts, by scenario with its "
      "parameters' defaults; then the lincheck variants");
  list->add_option("filter", list_options.filter, "Which variants to list (default all). " + filter_help("counter/*"));
  CLI::Option* list_json =
      list->add_option("--json", list_options.json_path,
                       "Print JSON (variants with verdicts, lessons and parameters) to FILE, or to stdout with '-' "
                       "or no FILE")
          ->expected(0, 1);

  RunOptions run_options;
  CLI::App* run = app.add_subcommand("run", "Explore variants and report the verdict each reached");
  run->add_option("filter", run_options.filter, "Which variants to run. " + filter_help("bank_account/*"))->required();
  CLI::Option* engine_option =
      run->add_option("--engine", run_options.engine_name,
                      "fiber (deterministic, default), threads, processes, or tsan (the threads engine inside the "
                      "ThreadSanitizer build, run as a child process; 1000 schedules unless --schedules says). A "
                      "variant that does not apply to the engine asked for is listed as not applicable (none applying "
                      "is an error); without --engine, variants that only run as forked processes run on the "
                      "processes engine")
          ->check(CLI::IsMember({"fiber", "threads", "processes", "tsan"}));
  CLI::Option* run_strategy =
      run->add_option("--strategy", run_options.strategy_name,
                      "Fiber engine only (an error with --engine threads, processes or tsan): portfolio (default: "
                      "of every 4 schedules, 1 pos, 1 random, 2 pct:3), random, pct:D, pos (partial order sampling), "
                      "dfs or dfs:P (at most P preemptions)");
  run_strategy->check(CLI::Validator(
      [](std::string& text) { return parse_strategy(text) ? std::string() : "not a strategy: " + text; }, "STRATEGY"));
  CLI::Option* schedules_option =
      run->add_option("--schedules", run_options.schedules, "Schedules to explore per variant (default 10000)")
          ->check(CLI::Range(std::int64_t{1}, std::int64_t{1'000'000'000'000}));
  run->add_option("--seed", run_options.seed, "First schedule's seed; schedule i uses seed+i (default 1)")
      ->check(unsigned_number());
  run->add_option("--set", run_options.assignments,
                  "Override a scenario parameter, KEY=VALUE (repeatable), within its range: task counts 1..256, "
                  "most others 0..10000");
  run->add_option("--json", run_options.json_path, "Write JSON records to FILE, or to stdout with '-'");
  run->add_option("--junit", run_options.junit_path,
                  "Write JUnit XML to FILE: one testcase per variant and engine (classname = scenario), a failure "
                  "with the verdict, lesson and replay token when the expectation was not met");
  run->add_option("--sarif", run_options.sarif_path,
                  "Write SARIF 2.1.0 to FILE, or to stdout with '-': one result per bug found, at its source line, "
                  "with the other access and the interleaving as a code flow (for code scanning)");
  run->add_option("--html", run_options.html_path,
                  "Write one self-contained HTML page to FILE: every variant in a table, each bug as a swimlane "
                  "timeline with its lesson, fix and replay token");
  run->add_option("--budget", run_options.budget_seconds,
                  "Bound the whole run to SECONDS: each variant gets an equal share of what is left and reports "
                  "what it saw when its share ends; a variant that cannot start is listed as not run (exit 3)")
      ->check(finite_in(0.001, 31'536'000.0));
  run->add_option("--shard", run_options.shard,
                  "Run the K-th of N disjoint slices (K/N, 1-based): variants dealt round-robin, or with fewer "
                  "variants than shards, each variant's seeds split. Default: GTEST_SHARD_INDEX (0-based) and "
                  "GTEST_TOTAL_SHARDS when both are set");
  run->add_option("--trace", run_options.trace_path,
                  "Write each failing schedule and its events as JSON to FILE (for `" + name + " replay FILE`)");
  run->add_option("--repeat", run_options.repeat,
                  "Explore each variant from N independent seeds (seed, seed+1000003, ...) and report in how many "
                  "the expectation was met, with median schedules and seconds to the verdict")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{10'000}));
  run->add_flag("--no-race-detection", run_options.no_race_detection,
                "Fiber engine: judge racy variants by their checks alone (shows the lost update behind a race)");
  run->add_flag("--no-race-consequence", run_options.no_race_consequence,
                "Fiber engine: after a race, do not look for the failure it leads to (by default up to 10,000 "
                "schedules or 1 s with the race detector off, shown under the race)");
  run->add_flag("--no-lock-order", run_options.no_lock_order,
                "Fiber engine: no lock-order graph. By default locks taken in orders that form a cycle (unless one "
                "gate lock is held across it, or one task takes them all) are a lock_order_inversion when no "
                "schedule explored deadlocks or fails a check, and listed in the details of one that does");
  run->add_flag("--no-shrink", run_options.no_shrink, "Report a failing schedule as found, without shrinking it");
  run->add_flag("--no-isolate", run_options.no_isolate,
                "Explore every variant in this process. By default, when more than one variant is selected or "
                "--json or --junit is given, each variant runs in a child process, so that a crash, exit() or "
                "endless loop in it is that variant's verdict (crash, hang) and the run goes on");
  // How a variant runs in such a child: one result record on stdout.
  run->add_flag("--supervised-child", run_options.supervised_child)->group("");
  // How the tsan engine runs its child: TSan's reports, not the checks, decide there.
  run->add_flag("--finish-after-failed-check", run_options.finish_after_failed_check)->group("");
  run->add_option("--schedules-after-failed-check", run_options.schedules_after_failed_check)
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1'000'000}))
      ->group("");
  run->add_option("--max-steps", run_options.max_steps,
                  "Scheduling points one schedule may take before it is a hang (default 100000)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1'000'000'000}));
  run->add_option("--noise", run_options.noise,
                  "Threads engine: chance of a yield or short sleep at each scheduling point (default 0.25)")
      ->check(finite_in(0.0, 1.0));
  run->add_option("--hang-timeout-ms", run_options.hang_timeout_ms,
                  "Threads engine: milliseconds without progress before a run is a hang; processes engine: how long "
                  "workers may take to exit, or to take the next item (default 2000)")
      ->check(CLI::Range(std::int64_t{10}, std::int64_t{3'600'000}));

  run->add_option("--blocked-loop-ms", run_options.blocked_loop_ms,
                  "Fiber engine: milliseconds a task may sleep in a blocking call that does not yield (the OS's "
                  "sleep, read, wait) while others wait to run, before it is a blocked_loop; time the OS ran "
                  "something else is not counted (default 100; 0: no check)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{3'600'000}));

  LincheckOptions lincheck_options;
  CLI::App* lincheck = app.add_subcommand(
      "lincheck",
      "Check the catalog's concurrent objects for linearizability: generated cases (a script of operations per "
      "task), each explored over many schedules, every history checked against a sequential model; a finding is "
      "shrunk to fewest operations, then fewest preemptions, and shown as a history table (verdict "
      "not_linearizable, or the verdict the run reached first)");
  lincheck
      ->add_option("filter", lincheck_options.filter,
                   "Which lincheck variants (see `" + name + " list`). " + filter_help("bounded_queue/*"))
      ->required();
  lincheck->add_option("--engine", lincheck_options.engine_name, "fiber (deterministic, default) or threads")
      ->check(CLI::IsMember({"fiber", "threads"}));
  CLI::Option* lincheck_strategy =
      lincheck->add_option("--strategy", lincheck_options.strategy_name,
                           "Fiber engine only: portfolio (default), random, pct:D, pos, dfs or dfs:P, as for run");
  lincheck_strategy->check(CLI::Validator(
      [](std::string& text) { return parse_strategy(text) ? std::string() : "not a strategy: " + text; }, "STRATEGY"));
  lincheck->add_option("--cases", lincheck_options.cases, "Generated cases per variant (default 100, as rapidcheck's)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1'000'000}));
  lincheck
      ->add_option("--schedules", lincheck_options.schedules,
                   "Schedules to explore per case, each history checked (default 10000)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1'000'000'000}));
  lincheck
      ->add_option("--seed", lincheck_options.seed,
                   "Case k's operations and schedules come from seed+k alone (default 1); a finding prints the "
                   "--seed that runs its case again")
      ->check(unsigned_number());
  lincheck->add_flag("--no-shrink", lincheck_options.no_shrink,
                     "Report a failing case as found: neither its operations nor its schedule shrunk");
  lincheck->add_flag("--no-race-detection", lincheck_options.no_race_detection,
                     "Fiber engine: judge racy objects by their histories alone (a lost update becomes "
                     "not_linearizable)");
  lincheck->add_flag("--no-lock-order", lincheck_options.no_lock_order, "Fiber engine: no lock-order graph");
  lincheck
      ->add_option("--max-steps", lincheck_options.max_steps,
                   "Scheduling points one schedule may take before it is a hang (default 100000)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1'000'000'000}));
  lincheck
      ->add_option("--noise", lincheck_options.noise,
                   "Threads engine: chance of a yield or short sleep at each scheduling point (default 0.25)")
      ->check(finite_in(0.0, 1.0));
  lincheck
      ->add_option("--hang-timeout-ms", lincheck_options.hang_timeout_ms,
                   "Threads engine: milliseconds without progress before a run is a hang (default 2000)")
      ->check(CLI::Range(std::int64_t{10}, std::int64_t{3'600'000}));
  lincheck->add_option("--json", lincheck_options.json_path,
                       "Write one JSON record per lincheck variant to FILE, or to stdout with '-'");
  lincheck->add_option("--sarif", lincheck_options.sarif_path,
                       "Write SARIF 2.1.0 to FILE, or to stdout with '-': one result per bug found");

  ExplainOptions explain_options;
  CLI::App* explain = app.add_subcommand(
      "explain", "Print a variant's lesson, its correct twin, and the shortest failing interleaving found");
  explain->add_option("variant", explain_options.name, "scenario/variant")->required();
  explain->add_option("--schedules", explain_options.schedules, "Schedules to explore at most (default 10000)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1'000'000'000}));
  explain->add_option("--html", explain_options.html_path,
                      "Also write the lesson as one self-contained HTML page to FILE: the scenario's variants and "
                      "this one's interleaving as a swimlane timeline");

  BenchOptions bench_options;
  CLI::App* bench = app.add_subcommand(
      "bench",
      "Measure the throughput of the correct variants on the threads engine (noise off) at several thread "
      "counts, against reference libraries and hand-written std:: code, and the documents' comparison of "
      "sequential, threads, processes and fibers");
  bench->add_option(
      "filter", bench_options.filter,
      "Which variants (default all); only correct ones run, and a filter that selects none is an error. " +
          filter_help("counter/*"));
  bench
      ->add_option("--threads", bench_options.threads,
                   "Thread counts, e.g. 1,2,4 (default: 1, 2, 4 ... up to twice the cores)")
      ->delimiter(',')
      ->check(CLI::Range(1, 256));
  bench
      ->add_option("--repetitions", bench_options.repetitions,
                   "Repetitions per figure (default 5; three times as many for the reference and overhead ratios)")
      ->check(CLI::Range(1, 100));
  bench->add_option("--min-time", bench_options.min_seconds, "Seconds each repetition runs at least (default 0.1)")
      ->check(finite_in(0.001, 60.0));
  bench->add_option("--json", bench_options.json_path, "Write every figure as JSON to FILE, or to stdout with '-'");
  bench->add_option("--svg", bench_options.svg_path, "Plot throughput against threads to FILE (SVG, drawn by gnuplot)");
  bench->add_option("--png", bench_options.png_path, "The same plot to FILE as PNG (gnuplot's pngcairo)");
  bench->add_flag("--no-references", bench_options.no_references,
                  "Only the catalog's variants: skip the reference libraries, the overhead ratios and the comparison");

  ReplayOptions replay_options;
  CLI::App* replay = app.add_subcommand(
      "replay",
      "Run a recorded failing schedule again (a token's, or each of a trace file's) and show its interleaving (exit "
      "0 when every one reproduces)");
  replay
      ->add_option(
          "token", replay_options.token_or_file,
          "A replay token (il2:..., or il1:... from an older version) printed with a bug, or a JSON file written by "
          "`run --trace`; the options it records (race detection, lock order, max steps, ...) apply")
      ->required();
  replay->add_option("--json", replay_options.json_path, "Write JSON records to FILE, or to stdout with '-'");
  replay->add_option("--sarif", replay_options.sarif_path,
                     "Write SARIF 2.1.0 to FILE, or to stdout with '-': a result for the bug it reproduces");

  if (const auto unknown = unknown_command(argc, argv, app, name)) {
    fmt::print(err, "{}: {}\n", name, *unknown);
    return kUsageError;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForVersion& version) {
    fmt::print(out, "{}\n", version.what());
    return kAllMatched;
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kAllMatched;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kAllMatched;
  } catch (const CLI::ParseError& error) {
    fmt::print(err, "{}: {}\n", name, clipped(error.what(), kMaxMessage));
    return kUsageError;
  }

  run_options.program = program;
  lincheck_options.program = name;
  explain_options.program = name;
  bench_options.program = name;
  replay_options.program = name;
  try {
    if (list->parsed()) {
      if (list_json->count() > 0 && list_options.json_path.empty()) list_options.json_path = "-";
      return list_command(list_options, catalog, out, name);
    }
    if (replay->parsed()) return replay_command(replay_options, catalog, out, err);
    if (bench->parsed()) return bench_command(bench_options, catalog, out, err);
    if (explain->parsed()) return explain_command(explain_options, catalog, out);
    if (lincheck->parsed()) {
      check_strategy_applies(lincheck_strategy, lincheck_options.engine_name);
      return lincheck_command(lincheck_options, catalog, out, err);
    }
    run_options.engine_given = engine_option->count() > 0;
    if (run_options.engine_given) check_strategy_applies(run_strategy, run_options.engine_name);
    run_options.schedules_given = schedules_option->count() > 0;
    return run_command(run_options, catalog, out, err);
  } catch (const UsageError& error) {
    fmt::print(err, "{}: {}\n", name, clipped(error.what(), kMaxMessage));
    return kUsageError;
  }
}

}  // namespace interleave::cli
