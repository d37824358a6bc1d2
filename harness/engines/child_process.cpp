#include "engines/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace interleave::engines {
namespace {

// A temporary file removed when this goes out of scope; output goes to files
// rather than pipes so that a chatty child never blocks on a full pipe.
class TempFile {
 public:
  TempFile() {
    // mkstemp replaces the Xs with a unique suffix.
    path_ = (std::filesystem::temp_directory_path() / "interleave-child-XXXXXX").string();
    fd_ = mkstemp(path_.data());
    if (fd_ < 0) throw std::runtime_error("cannot create a temporary file in " + path_ + ": " + std::strerror(errno));
  }
  ~TempFile() {
    close(fd_);
    unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int fd() const { return fd_; }
  std::string contents() const {
    std::ifstream in(path_);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }

 private:
  std::string path_;
  int fd_ = -1;
};

// Our environment with `overrides` (NAME=VALUE) replacing or adding entries.
std::vector<std::string> merged_environment(const std::vector<std::string>& overrides) {
  std::vector<std::string> merged;
  for (char** entry = environ; *entry; ++entry) {
    std::string text = *entry;
    bool replaced = false;
    for (const auto& override_entry : overrides)
      replaced = replaced ||
                 text.compare(0, override_entry.find('=') + 1, override_entry, 0, override_entry.find('=') + 1) == 0;
    if (!replaced) merged.push_back(std::move(text));
  }
  merged.insert(merged.end(), overrides.begin(), overrides.end());
  return merged;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> result;
  for (auto& text : strings) result.push_back(text.data());
  result.push_back(nullptr);
  return result;
}

}  // namespace

ChildResult run_child(const std::vector<std::string>& argv, const std::vector<std::string>& environment,
                      std::optional<std::chrono::milliseconds> timeout, const std::atomic<bool>* interrupt,
                      const std::function<bool(pid_t child)>& keep_waiting) {
  TempFile out;
  TempFile err;
  // Everything the child needs is prepared before fork: after it, only
  // async-signal-safe calls.
  std::vector<std::string> arguments = argv;
  std::vector<std::string> variables = merged_environment(environment);
  std::vector<char*> argv_pointers = pointers(arguments);
  std::vector<char*> env_pointers = pointers(variables);
  const pid_t parent = getpid();

  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    dup2(out.fd(), STDOUT_FILENO);
    dup2(err.fd(), STDERR_FILENO);
    execve(argv_pointers[0], argv_pointers.data(), env_pointers.data());
    _exit(127);
  }

  ChildResult result;
  const auto started = std::chrono::steady_clock::now();
  int status = 0;
  const bool poll = timeout || interrupt != nullptr || keep_waiting;
  bool interrupt_sent = false;
  while (true) {
    pid_t done = waitpid(pid, &status, poll ? WNOHANG : 0);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
    if ((timeout && std::chrono::steady_clock::now() - started > *timeout) || (keep_waiting && !keep_waiting(pid))) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      result.timed_out = true;
      break;
    }
    if (interrupt != nullptr && !interrupt_sent && interrupt->load()) {
      kill(pid, SIGINT);  // it ends at its next schedule boundary, with its reports
      interrupt_sent = true;
    }
    if (poll) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.out = out.contents();
  result.err = err.contents();
  return result;
}

}  // namespace interleave::engines
