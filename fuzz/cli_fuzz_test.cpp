// The real `interleave` binary, run as a child on generated command lines
// (invocations.hpp): no input may end it by a signal or leave it running, its
// exit code is one the README documents, and a usage error (2) is exactly
// one line on stderr with nothing on stdout.
//
// The seed is fixed (fixed_seed.hpp); INTERLEAVE_FUZZ_CASES=N sets the
// number of invocations (default 100).
// INTERLEAVE_FUZZ_VERBOSE=1 prints every invocation with its exit code;
// INTERLEAVE_FUZZ_BINARY=PATH runs another build's binary.

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>

#include "engines/child_process.hpp"
#include "fixed_seed.hpp"
#include "invocations.hpp"

namespace interleave::fuzz {
namespace {

constexpr auto kTimeout = std::chrono::seconds(20);
constexpr int kDefaultCases = 100;

Workspace& workspace() {
  static Workspace instance;
  return instance;
}

struct Tally {
  int invocations = 0;
  std::array<int, 4> exit_codes{};
  int signals = 0, timeouts = 0, other_exit_codes = 0, multi_line_usage_errors = 0;
  std::set<std::string> internal_errors;  // exit 3 is allowed, but only "not run" should cause it
};

Tally& tally() {
  static Tally instance;
  return instance;
}

std::string shown(const std::vector<std::string>& args) {
  std::string text = "interleave";
  for (const auto& arg : args) text += " '" + (arg.size() > 200 ? arg.substr(0, 200) + "...'" : arg + "'");
  return text;
}

RC_GTEST_PROP(CliFuzz, EveryInvocationEndsWithADocumentedExitCode, ()) {
  const auto args = *rc::gen::exec([] { return draw_invocation(workspace()); });
  const char* binary = std::getenv("INTERLEAVE_FUZZ_BINARY");
  std::vector<std::string> argv = {binary && *binary ? binary : INTERLEAVE_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto result = engines::run_child(argv, {}, kTimeout);

  Tally& counts = tally();
  ++counts.invocations;
  if (result.timed_out)
    ++counts.timeouts;
  else if (result.signal != 0)
    ++counts.signals;
  else if (result.exit_code < 0 || result.exit_code > 3)
    ++counts.other_exit_codes;
  else
    ++counts.exit_codes[static_cast<std::size_t>(result.exit_code)];
  const auto lines = std::count(result.err.begin(), result.err.end(), '\n');
  const bool one_line = lines == 1 && result.err.back() == '\n';
  if (result.exit_code == 2 && (!one_line || !result.out.empty())) ++counts.multi_line_usage_errors;
  if (const auto at = result.err.find("internal error"); at != std::string::npos && counts.internal_errors.size() < 20)
    counts.internal_errors.insert(result.err.substr(at, result.err.find('\n', at) - at).substr(0, 300));

  if (std::getenv("INTERLEAVE_FUZZ_VERBOSE"))
    std::cerr << result.exit_code << " " << shown(args).substr(0, 300) << "\n    "
              << result.err.substr(0, result.err.find('\n')).substr(0, 200) << "\n";
  RC_LOG() << shown(args) << "\n  exit " << result.exit_code << ", signal " << result.signal
           << (result.timed_out ? ", timed out" : "") << "\n  stderr: " << result.err.substr(0, 2'000) << "\n";
  RC_ASSERT(!result.timed_out);
  RC_ASSERT(result.signal == 0);
  RC_ASSERT(result.exit_code >= 0 && result.exit_code <= 3);
  if (result.exit_code == 2) {
    RC_ASSERT(one_line);
    RC_ASSERT(result.out.empty());
  }
}

}  // namespace
}  // namespace interleave::fuzz

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  interleave::fuzz::use_fixed_seed(interleave::fuzz::kDefaultCases);
  // The children's working directory: files they write under relative names land here.
  std::string dir = (std::filesystem::temp_directory_path() / "interleave-fuzz-XXXXXX").string();
  if (!mkdtemp(dir.data())) {
    std::cerr << "cannot create a temporary directory\n";
    return 1;
  }
  interleave::fuzz::workspace().dir = dir;
  const auto started_in = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  const int status = RUN_ALL_TESTS();
  std::filesystem::current_path(started_in);
  std::filesystem::remove_all(dir);

  const auto& counts = interleave::fuzz::tally();
  if (counts.invocations > 0)
    fmt::print(
        "cli fuzz: {} invocations; exit 0/1/2/3: {}; signals {}, timeouts {}, other exit codes {}, usage errors "
        "not one line {}\n",
        counts.invocations, fmt::join(counts.exit_codes, "/"), counts.signals, counts.timeouts, counts.other_exit_codes,
        counts.multi_line_usage_errors);
  return status;
}
