#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <thread>
#include <vector>

namespace interleave::testing {

// Keeps every core busy with child processes that spin, for as long as it
// lives: a loaded machine, which is what CI runners are. The children are
// ended by their PIDs and reaped; none outlives the test, even one that crashes.
class CpuHogs {
 public:
  explicit CpuHogs(unsigned count = std::thread::hardware_concurrency()) {
    for (unsigned i = 0; i < count; ++i) {
      const pid_t child = fork();
      if (child < 0) throw std::runtime_error("CpuHogs: fork failed");
      if (child == 0) {
        // Ends with the test, even when the test dies without unwinding.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() == 1) _exit(0);
        for (volatile unsigned long spin = 0;; spin = spin + 1) {
        }
      }
      children_.push_back(child);
    }
  }
  ~CpuHogs() {
    for (pid_t child : children_) kill(child, SIGKILL);
    for (pid_t child : children_) waitpid(child, nullptr, 0);
  }
  CpuHogs(const CpuHogs&) = delete;
  CpuHogs& operator=(const CpuHogs&) = delete;

 private:
  std::vector<pid_t> children_;
};

}  // namespace interleave::testing
