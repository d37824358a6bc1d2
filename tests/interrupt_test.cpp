// Ctrl-C on a run: the binary ends at the next schedule boundary with
// complete JSON and JUnit for what it ran, and exits 130.

#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>
#include <thread>

namespace interleave {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Starts the binary with `arguments`, its stdout and stderr in `output`.
pid_t start(const std::vector<std::string>& arguments, const fs::path& output) {
  std::vector<std::string> argv = {INTERLEAVE_BINARY};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  std::vector<char*> pointers;
  for (auto& argument : argv) pointers.push_back(argument.data());
  pointers.push_back(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    const int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    execv(pointers[0], pointers.data());
    _exit(127);
  }
  return child;
}

// Waits up to `limit` for the child; kills it past that. Its wait status.
int wait_for(pid_t child, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (waitpid(child, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
      ADD_FAILURE() << "the run did not end within " << limit.count() << " ms of the interrupt";
      break;
    }
    std::this_thread::sleep_for(10ms);
  }
  return status;
}

class Interrupt : public ::testing::TestWithParam<std::string> {};

TEST_P(Interrupt, EndsTheRunWithCompleteReportsAndExit130) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("interleave-interrupt-{}", getpid());
  fs::create_directories(dir);
  const pid_t child = start({"run", "all", "--engine", GetParam(), "--schedules", "100000000", "--json",
                             (dir / "run.json").string(), "--junit", (dir / "run.xml").string()},
                            dir / "output.txt");
  // The table's header is printed once interrupts are handled.
  const auto started = std::chrono::steady_clock::now();
  while (read_file(dir / "output.txt").find("scenario/variant") == std::string::npos &&
         std::chrono::steady_clock::now() - started < 30s)
    std::this_thread::sleep_for(10ms);
  std::this_thread::sleep_for(300ms);  // well into the first variant
  kill(child, SIGINT);
  const int status = wait_for(child, 30s);
  ASSERT_TRUE(WIFEXITED(status)) << read_file(dir / "output.txt");
  EXPECT_EQ(WEXITSTATUS(status), 130);

  const nlohmann::json records = nlohmann::json::parse(read_file(dir / "run.json"));
  ASSERT_TRUE(records.is_array());
  int interrupted = 0, not_run = 0;
  for (const auto& record : records) {
    interrupted += record.at("interrupted").get<bool>() ? 1 : 0;
    if (!record.at("ran").get<bool>()) {
      ++not_run;
      EXPECT_EQ(record.at("not_run_reason"), "interrupted before it started");
    }
  }
  EXPECT_EQ(interrupted, 1) << "the variant that was running";
  EXPECT_GT(not_run, 0) << "the variants after it are listed, as not run";

  pugi::xml_document junit;
  ASSERT_TRUE(junit.load_file((dir / "run.xml").c_str()));
  EXPECT_EQ(junit.select_nodes("//testcase").size(), records.size()) << "both reports list every variant";
  EXPECT_NE(read_file(dir / "output.txt").find("1 interrupted"), std::string::npos) << "and the summary is printed";
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Engines, Interrupt, ::testing::Values("fiber", "threads"));

}  // namespace
}  // namespace interleave
