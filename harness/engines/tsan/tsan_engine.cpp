#include "engines/tsan/tsan_engine.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "engines/child_process.hpp"
#include "engines/tsan/tsan_report.hpp"

namespace interleave::engines::tsan {
namespace {

namespace fs = std::filesystem;

// A failed check is not TSan's verdict: the child explores this many more
// schedules for a race TSan can see (bounded: some schedules take 100 ms).
constexpr int kSchedulesAfterFailedCheck = 30;

// The exit status TSan gives a run in which it reported something.
constexpr int kTsanFoundSomething = 66;

fs::path own_directory() {
  std::error_code error;
  fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path() : self.parent_path();
}

// TSAN_OPTIONS' suppressions= clause: the installed file beside the binary,
// else the source tree's; none when neither exists (a user's program far
// from both), since TSan stops at a suppressions file it cannot read.
std::string suppressions_option() {
  fs::path installed = own_directory() / "../share/interleave/tsan.supp";
  if (fs::exists(installed)) return " suppressions=" + fs::weakly_canonical(installed).string();
  if (fs::exists(INTERLEAVE_TSAN_SUPPRESSIONS)) return std::string(" suppressions=") + INTERLEAVE_TSAN_SUPPRESSIONS;
  return {};
}

// The seed of the schedule the child was in when TSan stopped it (see
// engines/threads/tsan_annotations.hpp).
std::optional<std::uint64_t> stopped_in_seed(const std::string& err) {
  static const std::regex line(R"(interleave-tsan: stopped in schedule seed=(\d+))");
  std::smatch match;
  if (!std::regex_search(err, match, line)) return std::nullopt;
  return std::stoull(match[1].str());
}

// TSan's runtime is clang 19's: an older llvm-symbolizer first on PATH (the
// base image has 14's) leaves its stacks without source lines.
std::string symbolizer_option() {
  for (const char* candidate : {"/usr/lib/llvm-19/bin/llvm-symbolizer", "/usr/bin/llvm-symbolizer-19"})
    if (access(candidate, X_OK) == 0) return fmt::format(" external_symbolizer_path={}", candidate);
  return {};
}

// Set here, not taken from the user's environment, so that every run of the
// tsan engine means the same thing.
std::string tsan_options() {
  return fmt::format(
      "TSAN_OPTIONS=halt_on_error=1 exitcode={} second_deadlock_stack=1 report_thread_leaks=1 "
      "history_size=4{}{}",
      kTsanFoundSomething, suppressions_option(), symbolizer_option());
}

std::vector<std::string> child_arguments(const TsanRun& run, const std::string& binary) {
  const ExploreOptions& options = run.options;
  std::vector<std::string> argv = {binary,
                                   "run",
                                   run.variant,
                                   "--engine",
                                   "threads",
                                   "--schedules",
                                   std::to_string(options.schedules),
                                   "--seed",
                                   std::to_string(options.seed),
                                   "--noise",
                                   fmt::format("{}", options.noise),
                                   "--hang-timeout-ms",
                                   std::to_string(options.hang_timeout.count()),
                                   "--max-steps",
                                   std::to_string(options.max_steps),
                                   "--json",
                                   "-",
                                   "--no-shrink",
                                   "--finish-after-failed-check",
                                   "--schedules-after-failed-check",
                                   std::to_string(kSchedulesAfterFailedCheck),
                                   "--shard",
                                   "1/1",
                                   "--no-isolate"};  // TSan's report must come from this child itself
  for (const auto& [key, value] : run.overrides) {
    argv.push_back("--set");
    argv.push_back(fmt::format("{}={}", key, value));
  }
  if (options.deadline) {
    auto left = std::chrono::duration<double>(*options.deadline - std::chrono::steady_clock::now()).count();
    argv.push_back("--budget");
    argv.push_back(fmt::format("{:.3f}", std::max(left, 0.001)));
  }
  return argv;
}

std::optional<std::chrono::milliseconds> child_timeout(const ExploreOptions& options) {
  if (!options.deadline) return std::nullopt;
  auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(*options.deadline - std::chrono::steady_clock::now());
  return std::max(left, std::chrono::milliseconds(0)) + 2 * options.hang_timeout + std::chrono::seconds(5);
}

std::string last_lines(const std::string& text, std::size_t count) {
  std::size_t start = text.size();
  for (std::size_t lines = 0; lines <= count && start > 0;)
    if (text[--start] == '\n') ++lines;
  return text.substr(start);
}

ExploreResult child_failed(const ChildResult& child, const std::string& why) {
  ExploreResult result;
  result.verdict = Verdict::crash;
  result.message = "crash: the ThreadSanitizer build " + why;
  std::istringstream tail(last_lines(child.err, 5));
  for (std::string line; std::getline(tail, line);)
    if (!line.empty()) result.details.push_back(line);
  return result;
}

}  // namespace

std::optional<std::string> find_tsan_binary() {
  for (const fs::path& candidate : {own_directory() / "interleave-tsan", fs::path(INTERLEAVE_TSAN_BINARY)})
    if (!candidate.empty() && access(candidate.c_str(), X_OK) == 0) return candidate.string();
  return std::nullopt;
}

std::string missing_tsan_binary_message() {
  return fmt::format(
      "--engine tsan needs the ThreadSanitizer build of interleave, which is missing (looked for {} and {}); "
      "build it with `bash ci/build.sh tsan`",
      (own_directory() / "interleave-tsan").string(), INTERLEAVE_TSAN_BINARY);
}

ExploreResult explore_under_tsan(const TsanRun& run, const std::string& binary) {
  const auto started = std::chrono::steady_clock::now();
  ChildResult child =
      run_child(child_arguments(run, binary), {tsan_options()}, child_timeout(run.options), run.options.interrupt);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (child.timed_out) return child_failed(child, "ran past its budget and was killed");
  if (child.signal != 0 && run.options.interrupt != nullptr && run.options.interrupt->load()) {
    ExploreResult result;  // the interrupt reached it too: no verdict, nothing lost but this variant's rest
    result.interrupted = true;
    result.seconds = seconds;
    return result;
  }
  if (child.signal != 0) return child_failed(child, fmt::format("was killed by signal {}", child.signal));

  // TSan stopped the child at its first report.
  auto reports = parse_tsan_output(child.err, INTERLEAVE_HARNESS_DIR);
  if (!reports.empty()) {
    ExploreResult result;
    result.verdict = verdict_of(reports.front());
    result.message = describe(reports.front());
    result.details = detail_lines(reports.front());
    result.seconds = seconds;
    result.failing_seed = stopped_in_seed(child.err);
    result.schedules = result.failing_seed ? *result.failing_seed - run.options.seed + 1 : 0;
    return result;
  }
  if (child.exit_code == kTsanFoundSomething)
    return child_failed(child, "exited with ThreadSanitizer's status but no report could be read");

  nlohmann::json record;
  try {
    auto records = nlohmann::json::parse(child.out);
    if (!records.is_array() || records.size() != 1) throw std::runtime_error("expected one record");
    record = records[0];
  } catch (const std::exception& error) {
    return child_failed(child,
                        fmt::format("exited with status {} without a result ({})", child.exit_code, error.what()));
  }
  ExploreResult result;
  result.schedules = record.at("schedules").get<std::uint64_t>();
  result.seconds = seconds;
  result.budget_reached = record.value("budget_reached", false);
  result.interrupted = record.value("interrupted", false);
  const Verdict seen = parse_verdict(record.at("verdict").get<std::string>()).value_or(Verdict::crash);
  const std::string message = record.value("message", "");
  if (seen == Verdict::deadlock || seen == Verdict::hang || seen == Verdict::crash) {
    result.verdict = seen;
    result.message = message;
    result.details = record.value("details", std::vector<std::string>{});
    if (!record.at("seed").is_null()) result.failing_seed = record.at("seed").get<std::uint64_t>();
  } else if (seen != Verdict::clean) {
    result.details.push_back(fmt::format(
        "ThreadSanitizer reported nothing, but the scenario's own check failed ({}): TSan cannot see that kind of bug",
        message));
  }
  return result;
}

}  // namespace interleave::engines::tsan
