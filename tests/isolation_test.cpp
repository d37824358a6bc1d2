// Fault isolation: a variant that kills its own process (a signal, exit(),
// a stack overflow, an endless loop) is that variant's verdict; the next
// variant runs, the reports are complete, and no process is left behind.

#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>

#include "engines/child_process.hpp"

namespace interleave {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Processes whose parent is this one, from /proc: none may outlive a run.
int children_of_this_process() {
  int children = 0;
  const std::string me = std::to_string(::getpid());
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::ifstream stat(entry.path() / "stat");
    std::string pid, name, state, parent;
    if (stat >> pid >> name >> state >> parent && parent == me) ++children;
  }
  return children;
}

class FaultIsolation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // In the asan-ubsan build, AddressSanitizer would catch the faults'
    // signals and report leaks at exit(3), ending each child with exit(1):
    // the test is of how the supervisor names a signal and an exit code.
    constexpr const char* kLetSignalsThrough = "ASAN_OPTIONS=handle_segv=0:handle_abort=0:detect_leaks=0";
    dir_ = new fs::path(fs::temp_directory_path() / fmt::format("interleave-isolation-{}", getpid()));
    fs::create_directories(*dir_);
    run_ = new engines::ChildResult(
        engines::run_child({INTERLEAVE_FAULTS_BINARY, "run", "all", "--schedules", "50", "--hang-timeout-ms", "500",
                            "--json", (*dir_ / "run.json").string(), "--junit", (*dir_ / "run.xml").string()},
                           {kLetSignalsThrough}, std::chrono::minutes(3)));
    for (const auto& record : nlohmann::json::parse(read_file(*dir_ / "run.json")))
      (*records_)[record.at("variant")] = record;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete run_;
  }

  static const nlohmann::json& record(const std::string& variant) { return records_->at(variant); }

  static fs::path* dir_;
  static engines::ChildResult* run_;
  static std::map<std::string, nlohmann::json>* records_;
};

fs::path* FaultIsolation::dir_ = nullptr;
engines::ChildResult* FaultIsolation::run_ = nullptr;
std::map<std::string, nlohmann::json>* FaultIsolation::records_ = new std::map<std::string, nlohmann::json>();

TEST_F(FaultIsolation, TheRunEndsNormallyWithEveryVariantReported) {
  EXPECT_FALSE(run_->timed_out);
  EXPECT_EQ(run_->signal, 0);
  EXPECT_EQ(run_->exit_code, 0) << "every fault matched its expected verdict:\n" << run_->out << run_->err;
  EXPECT_EQ(records_->size(), 8u);
  EXPECT_TRUE(record("last").at("ran").get<bool>()) << "the variant after every fault ran";
  EXPECT_EQ(record("last").at("verdict"), "clean");
  pugi::xml_document junit;
  ASSERT_TRUE(junit.load_file((*dir_ / "run.xml").c_str()));
  EXPECT_EQ(junit.select_nodes("//testcase").size(), 8u);
  EXPECT_EQ(children_of_this_process(), 0);
}

TEST_F(FaultIsolation, ASignalIsACrashNamingItAndTheSchedule) {
  for (const auto& [variant, signal] : std::map<std::string, std::string>{{"null_dereference", "SIGSEGV"},
                                                                          {"abort", "SIGABRT"},
                                                                          {"stack_overflow_in_a_task", "SIGSEGV"},
                                                                          {"stack_overflow_in_main", "SIGSEGV"}}) {
    const nlohmann::json& found = record(variant);
    EXPECT_EQ(found.at("verdict"), "crash") << variant;
    const std::string message = found.at("message");
    EXPECT_TRUE(contains(message, "killed by " + signal)) << variant << ": " << message;
    EXPECT_TRUE(contains(message, "in schedule seed=1")) << variant << ": " << message;
    EXPECT_EQ(found.at("seed"), 1) << variant;
  }
}

TEST_F(FaultIsolation, ExitIsACrash) {
  EXPECT_EQ(record("exit_3").at("verdict"), "crash");
  EXPECT_TRUE(contains(record("exit_3").at("message"), "exit(3) in schedule seed=1")) << record("exit_3").at("message");
}

TEST_F(FaultIsolation, AnEndlessLoopWithoutASchedulingPointIsAHang) {
  EXPECT_EQ(record("endless_loop").at("verdict"), "hang");
  // The message names the task and the last place it passed.
  EXPECT_TRUE(contains(record("endless_loop").at("message"), "task faulty, after faults_cli.cpp:"))
      << record("endless_loop").at("message");
}

TEST_F(FaultIsolation, TheCorrectTwinStaysClean) {
  EXPECT_EQ(record("fine").at("verdict"), "clean");
  EXPECT_EQ(record("fine").at("schedules"), 50);
}

}  // namespace
}  // namespace interleave
