#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace interleave::engines {

struct ChildResult {
  int exit_code = -1;      // the child's exit status, or -1 when a signal ended it
  int signal = 0;          // the signal that ended it, if one did
  bool timed_out = false;  // killed by us when its time ran out
  std::string out;         // everything it wrote to stdout
  std::string err;         // everything it wrote to stderr
};

// Runs `argv` (argv[0] is the program's path) with `environment` added to
// ours, waits for it, and returns its output. The child dies with us
// (PR_SET_PDEATHSIG); past `timeout` it is killed and reaped. Once
// `*interrupt` reads true, the child is sent SIGINT (once) and waited for.
// `keep_waiting`, when given, is asked every few milliseconds with the
// child's pid; false ends the child as a timeout does.
ChildResult run_child(const std::vector<std::string>& argv, const std::vector<std::string>& environment,
                      std::optional<std::chrono::milliseconds> timeout, const std::atomic<bool>* interrupt = nullptr,
                      const std::function<bool(pid_t child)>& keep_waiting = {});

}  // namespace interleave::engines
