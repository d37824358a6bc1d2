#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace interleave {

// Forked worker processes fed over a pipe: the multiprocessing pattern, for
// scenarios that run on the processes engine. Each worker reads items from
// the work pipe until it reads `pill`, and answers every other item with
// handle(item) on the result pipe. No worker outlives this object: finish()
// and the destructor kill and reap any that are left, and a worker dies with
// the harness if the harness is killed.
class ProcessWorkers {
 public:
  ProcessWorkers(int count, std::function<std::int64_t(std::int64_t)> handle, std::int64_t pill);
  ~ProcessWorkers();
  ProcessWorkers(const ProcessWorkers&) = delete;
  ProcessWorkers& operator=(const ProcessWorkers&) = delete;

  // Sends one item. When no worker reads any more (all exited, or none), the
  // verdict is `crash`; when they take nothing for the hang bound, `hang`.
  void send(std::int64_t item);

  // Collects results until every worker has exited, or until the run's hang
  // bound passes: then the verdict is `hang`, naming the workers that never
  // exited, and they are killed. Returns the results received.
  std::vector<std::int64_t> finish();

 private:
  void kill_and_reap();

  std::vector<pid_t> workers_;
  int work_pipe_[2] = {-1, -1};
  int result_pipe_[2] = {-1, -1};
  std::vector<std::int64_t> results_;  // read while sending
  bool results_open_ = true;           // false once every worker has closed its end
  bool work_failed_ = false;           // a send failed: the verdict says why, the rest are dropped
};

}  // namespace interleave
