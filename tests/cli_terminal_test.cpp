// A terminal that fits (issue 19): tables and help within the width, colour
// on a terminal only, a progress line with a rate, --version, and a line
// naming a command that is not one.

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pty.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <string>
#include <vector>

#include "cli/terminal.hpp"
#include "cli_runner.hpp"
#include "report/text_layout.hpp"
#include "report/text_table.hpp"

namespace interleave::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::run;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Lines longer than `width`, but for reproduce lines: a replay token is one
// word, pasted whole.
std::vector<std::string> too_wide(const std::string& text, std::size_t width) {
  std::vector<std::string> wide;
  for (const auto& line : lines_of(text))
    if (line.size() > width && line.find("reproduce: ") == std::string::npos) wide.push_back(line);
  return wide;
}

// Sets $COLUMNS for one scope.
class Columns {
 public:
  explicit Columns(const char* value) { setenv("COLUMNS", value, 1); }
  ~Columns() { unsetenv("COLUMNS"); }
};

TEST(CliTerminal, TheRunTableFitsOneHundredColumnsByDefault) {
  unsetenv("COLUMNS");
  const auto result = run({"run", "counter/*", "--schedules", "300"});
  EXPECT_EQ(result.exit_code, kAllMatched) << result.err;
  EXPECT_THAT(too_wide(result.out, 100), ::testing::IsEmpty()) << result.out;
  EXPECT_THAT(result.out, HasSubstr("expected")) << "100 columns hold the expected column for counter/*";
}

TEST(CliTerminal, TheRunTableFitsColumnsAndWrapsMessagesNotColumns) {
  const Columns columns("80");
  const auto result = run({"run", "counter/*", "--schedules", "300"});
  EXPECT_EQ(result.exit_code, kAllMatched) << result.err;
  EXPECT_THAT(too_wide(result.out, 80), ::testing::IsEmpty()) << result.out;
  // The expected column went; every row is still one line with its verdict.
  const auto lines = lines_of(result.out);
  EXPECT_THAT(lines.front(), Not(HasSubstr("expected")));
  bool row_found = false;
  for (const auto& line : lines)
    if (line.starts_with("counter/unsynchronized ")) {
      row_found = true;
      EXPECT_THAT(line, ::testing::ContainsRegex(" race +yes +1 ")) << line;
    }
  EXPECT_TRUE(row_found) << result.out;
}

TEST(CliTerminal, ANameLongerThanItsColumnHasALineOfItsOwn) {
  const report::TextTable table({{"name", 6}, {"verdict", 7}}, {20, false});
  EXPECT_EQ(table.row({{"short"}, {"clean"}}), "short  clean\n");
  EXPECT_EQ(table.row({{"a_much_longer_name_than_fits"}, {"race"}}), "a_much_longer_name_than_fits\n       race\n");
}

TEST(CliTerminal, TheListFitsOneHundredColumns) {
  unsetenv("COLUMNS");
  const auto result = run({"list"});
  EXPECT_EQ(result.exit_code, kAllMatched);
  EXPECT_THAT(too_wide(result.out, 100), ::testing::IsEmpty()) << result.out;
  EXPECT_THAT(result.out, HasSubstr("41 variants in 11 scenarios"));
}

TEST(CliTerminal, EveryHelpLineFitsOneHundredColumns) {
  for (const std::vector<const char*>& args : std::vector<std::vector<const char*>>{{"--help"},
                                                                                    {"run", "--help"},
                                                                                    {"list", "--help"},
                                                                                    {"lincheck", "--help"},
                                                                                    {"explain", "--help"},
                                                                                    {"bench", "--help"},
                                                                                    {"replay", "--help"}}) {
    const auto result = run(args);
    EXPECT_EQ(result.exit_code, kAllMatched);
    EXPECT_THAT(too_wide(result.out, 100), ::testing::IsEmpty()) << args[0];
  }
  // And true: the filter syntax and the strategy's engine are described.
  const auto help = run({"run", "--help"});
  EXPECT_THAT(help.out, HasSubstr("positive ones separated by ':'")) << help.out;
  EXPECT_THAT(help.out, HasSubstr("Fiber engine only")) << help.out;
}

TEST(CliTerminal, VersionSaysTheProjectsVersion) {
  const auto result = run({"--version"});
  EXPECT_EQ(result.exit_code, kAllMatched);
  EXPECT_EQ(result.out, std::string("interleave ") + INTERLEAVE_VERSION + "\n");
}

TEST(CliTerminal, AnUnknownCommandIsOneLineNamingIt) {
  for (const char* command : {"foo", "help"}) {
    const auto result = run({command});
    EXPECT_EQ(result.exit_code, kUsageError) << command;
    EXPECT_EQ(result.out, "");
    ASSERT_EQ(lines_of(result.err).size(), 1u) << result.err;
    EXPECT_THAT(result.err, HasSubstr(std::string("'") + command + "'")) << result.err;
  }
  EXPECT_THAT(run({"help"}).err, HasSubstr("interleave --help"));
  EXPECT_THAT(run({"foo"}).err, HasSubstr("list, run, lincheck, explain, bench, replay"));
  EXPECT_THAT(run({}).err, HasSubstr("a command is required"));
}

TEST(CliTerminal, TheProgressLineShowsTheRateAndTimeLeft) {
  using std::chrono::duration;
  const std::string plain = progress_line("counter/locked", 5'000, 10'000, duration<double>(2.0), std::nullopt, 100);
  EXPECT_EQ(plain, "  counter/locked: 5000 of 10000 schedules, 2500/s, about 2.0 s left");
  const std::string budget =
      progress_line("counter/locked", 5'000, 10'000, duration<double>(2.0), duration<double>(42.0), 100);
  EXPECT_EQ(budget, "  counter/locked: 5000 of 10000 schedules, 2500/s, 42 s of the budget left");
  EXPECT_EQ(progress_line("counter/locked", 1, 2, duration<double>(1.0), std::nullopt, 20).size(), 19u);
}

// The binary's output on a pseudo-terminal (as a person sees it), or piped.
std::string output_on_terminal(const std::vector<std::string>& arguments, bool no_color) {
  std::vector<std::string> argv = {INTERLEAVE_BINARY};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  std::vector<char*> pointers;
  for (auto& argument : argv) pointers.push_back(argument.data());
  pointers.push_back(nullptr);
  int master = -1;
  winsize size{};
  size.ws_col = 100;
  size.ws_row = 50;
  const pid_t child = forkpty(&master, nullptr, nullptr, &size);
  if (child == 0) {
    unsetenv("COLUMNS");
    if (no_color)
      setenv("NO_COLOR", "1", 1);
    else
      unsetenv("NO_COLOR");
    setenv("TERM", "xterm", 1);
    execv(pointers[0], pointers.data());
    _exit(127);
  }
  std::string output;
  char buffer[4096];
  for (ssize_t n; (n = read(master, buffer, sizeof buffer)) > 0;) output.append(buffer, static_cast<std::size_t>(n));
  close(master);
  int status = 0;
  waitpid(child, &status, 0);
  return output;
}

TEST(CliTerminal, VerdictsAreColouredOnATerminalOnly) {
  const std::vector<std::string> args = {"run", "counter/locked", "--schedules", "50"};
  const std::string coloured = output_on_terminal(args, false);
  EXPECT_THAT(coloured, HasSubstr("\x1b[32mclean\x1b[0m")) << "green for clean and yes: " << coloured;
  EXPECT_THAT(coloured, HasSubstr("\x1b[32myes\x1b[0m")) << coloured;
  // Colour is a "select graphic rendition" sequence, ESC [ ... m (the progress line's ESC [ K is not one).
  const std::string no_color = output_on_terminal(args, true);
  EXPECT_THAT(no_color, Not(::testing::ContainsRegex("\x1b\\[[0-9;]*m"))) << "NO_COLOR: " << no_color;
  EXPECT_THAT(no_color, HasSubstr("clean   yes")) << no_color;
  EXPECT_THAT(run({"run", "counter/locked", "--schedules", "50"}).out, Not(HasSubstr("\x1b["))) << "not a terminal";
}

TEST(CliTerminal, WrappedWordsKeepTheirIndentAndTheWidth) {
  EXPECT_EQ(report::wrapped("one two three four", 12, "  ", "    "), "  one two\n    three\n    four\n");
  EXPECT_EQ(report::wrapped("a_word_longer_than_the_line", 8, "  ", "    "), "  a_word_longer_than_the_line\n");
}

}  // namespace
}  // namespace interleave::cli
