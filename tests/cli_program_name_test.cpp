// A program built on interleave::cli goes by its own name: in --help, in
// every reproduce line and in error messages; the interleave binary keeps
// saying `interleave`. Without a ThreadSanitizer twin, --engine tsan says
// how to get one.

#include <gtest/gtest.h>
#include <stdio.h>

#include <filesystem>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/program.hpp"
#include "scenarios/catalog.hpp"

namespace interleave::cli {
namespace {

struct Ran {
  int exit_code;
  std::string out;
  std::string err;
};

Ran run_as(const Program& program, std::vector<const char*> args) {
  args.insert(args.begin(), "/opt/tools/wallet_cli");
  std::ostringstream out, err;
  const int code = run_cli(static_cast<int>(args.size()), args.data(), scenarios::catalog(), out, err, program);
  return {code, out.str(), err.str()};
}

Program wallet_cli() {
  Program program;
  program.name = "wallet_cli";
  program.missing_tsan_twin = "no twin here";
  return program;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// What `binary --help` prints on stdout.
std::string help_of(const std::string& binary) {
  FILE* pipe = popen((binary + " --help").c_str(), "r");
  EXPECT_NE(pipe, nullptr) << binary;
  if (pipe == nullptr) return {};
  std::string text;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
  EXPECT_EQ(pclose(pipe), 0) << binary;
  return text;
}

TEST(ProgramName, AUserProgramIsNamedAfterArgvZerosFileNameOrTheNameItGives) {
  EXPECT_EQ(user_program("/opt/tools/wallet_cli", "").name, "wallet_cli");
  EXPECT_EQ(user_program("wallet_cli", "").name, "wallet_cli");
  EXPECT_EQ(user_program("/opt/tools/wallet_cli", "wallet").name, "wallet");
  EXPECT_EQ(user_program("/opt/tools/wallet_cli", "").self_binary, own_executable());
}

TEST(ProgramName, HelpSaysIt) {
  const Ran help = run_as(wallet_cli(), {"--help"});
  EXPECT_EQ(help.exit_code, kAllMatched);
  EXPECT_TRUE(contains(help.out, "Usage: wallet_cli ")) << help.out;
  EXPECT_TRUE(contains(help.out, "wallet_cli: finds concurrency bugs")) << help.out;
  EXPECT_FALSE(contains(help.out, "Usage: interleave")) << help.out;
}

TEST(ProgramName, ReproduceLinesSayIt) {
  const Ran found = run_as(wallet_cli(), {"run", "counter/unsynchronized"});
  EXPECT_EQ(found.exit_code, kAllMatched) << found.err;
  EXPECT_TRUE(contains(found.out, "    reproduce: wallet_cli replay il2:counter/unsynchronized:")) << found.out;
  EXPECT_TRUE(contains(found.out, "      reproduce: wallet_cli replay il2:")) << "the race's consequence\n"
                                                                              << found.out;
  EXPECT_FALSE(contains(found.out, "interleave replay")) << found.out;

  const Ran lincheck = run_as(wallet_cli(), {"lincheck", "counter/atomic_load_store", "--schedules", "200"});
  EXPECT_TRUE(contains(lincheck.out, "replay: wallet_cli lincheck counter/atomic_load_store --seed ")) << lincheck.out;
}

TEST(ProgramName, ErrorMessagesSayIt) {
  const Ran unknown = run_as(wallet_cli(), {"run", "no_such_thing"});
  EXPECT_EQ(unknown.exit_code, kUsageError);
  EXPECT_EQ(unknown.err, "wallet_cli: no scenario or variant matches 'no_such_thing' (see `wallet_cli list`)\n");
  const Ran bad_flag = run_as(wallet_cli(), {"run", "all", "--no-such-flag"});
  EXPECT_EQ(bad_flag.exit_code, kUsageError);
  EXPECT_TRUE(bad_flag.err.starts_with("wallet_cli: ")) << bad_flag.err;
}

TEST(ProgramName, WithoutATwinEngineTsanIsAUsageErrorSayingHowToGetOne) {
  const Ran ran = run_as(wallet_cli(), {"run", "counter/unsynchronized", "--engine", "tsan"});
  EXPECT_EQ(ran.exit_code, kUsageError);
  EXPECT_EQ(ran.err, "wallet_cli: no twin here\n");

  const Program user = user_program("/opt/tools/wallet_cli", "");
  ASSERT_FALSE(user.tsan_twin.has_value()) << "no " << own_executable() << "-tsan in the build tree";
  const std::string executable = std::filesystem::path(own_executable()).filename().string();
  EXPECT_EQ(user.missing_tsan_twin,
            "--engine tsan needs a ThreadSanitizer twin of this program, which is missing (looked for " +
                own_executable() + "-tsan); add interleave_add_tsan_twin(" + executable + ") to its CMakeLists.txt");
}

TEST(ProgramName, BinariesSayTheirs) {
  EXPECT_TRUE(contains(help_of(INTERLEAVE_BINARY), "Usage: interleave [OPTIONS]"));
  // A program on interleave::run_main without a name: argv[0]'s file name.
  const std::string faults = INTERLEAVE_FAULTS_BINARY;
  EXPECT_TRUE(contains(help_of(faults), "Usage: " + std::filesystem::path(faults).filename().string() + " [OPTIONS]"));
}

}  // namespace
}  // namespace interleave::cli
