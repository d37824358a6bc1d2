#include "interleave/process_workers.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <string>

#include "interleave/backend.hpp"
#include "interleave/control.hpp"

namespace interleave {
namespace {

bool read_exactly(int fd, void* buffer, std::size_t size) {
  auto* bytes = static_cast<char*>(buffer);
  std::size_t done = 0;
  while (done < size) {
    ssize_t got = ::read(fd, bytes + done, size - done);
    if (got == 0) return false;
    if (got < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(got);
  }
  return true;
}

void write_exactly(int fd, const void* buffer, std::size_t size) {
  const auto* bytes = static_cast<const char*>(buffer);
  std::size_t done = 0;
  while (done < size) {
    ssize_t put = ::write(fd, bytes + done, size - done);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) return;
    done += static_cast<std::size_t>(put);
  }
}

// write(2) with SIGPIPE blocked on this thread: a pipe that no process reads
// any more fails with EPIPE instead of killing the harness with a signal.
ssize_t write_without_sigpipe(int fd, const void* buffer, std::size_t size) {
  sigset_t sigpipe, old, pending;
  sigemptyset(&sigpipe);
  sigaddset(&sigpipe, SIGPIPE);
  sigpending(&pending);
  const bool was_pending = sigismember(&pending, SIGPIPE) == 1;
  pthread_sigmask(SIG_BLOCK, &sigpipe, &old);
  ssize_t put = ::write(fd, buffer, size);
  const int error = errno;
  if (put < 0 && error == EPIPE && !was_pending) {
    const timespec zero{0, 0};
    sigtimedwait(&sigpipe, nullptr, &zero);  // take back the signal the write raised
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  errno = error;
  return put;
}

[[noreturn]] void worker_main(int work_fd, int result_fd, const std::function<std::int64_t(std::int64_t)>& handle,
                              std::int64_t pill) {
  std::int64_t item = 0;
  while (read_exactly(work_fd, &item, sizeof item) && item != pill) {
    std::int64_t result = handle(item);
    write_exactly(result_fd, &result, sizeof result);
  }
  ::_exit(0);
}

}  // namespace

ProcessWorkers::ProcessWorkers(int count, std::function<std::int64_t(std::int64_t)> handle, std::int64_t pill) {
  if (::pipe2(work_pipe_, O_CLOEXEC) != 0 || ::pipe2(result_pipe_, O_CLOEXEC) != 0)
    throw std::runtime_error("interleave: cannot create pipes for worker processes");
  const pid_t parent = ::getpid();
  for (int i = 0; i < count; ++i) {
    pid_t pid = ::fork();
    if (pid < 0) {
      kill_and_reap();
      throw std::runtime_error("interleave: fork failed");
    }
    if (pid == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // dies with the harness, even on Ctrl-C
      if (::getppid() != parent) ::_exit(1);
      ::close(work_pipe_[1]);
      ::close(result_pipe_[0]);
      worker_main(work_pipe_[0], result_pipe_[1], handle, pill);
    }
    workers_.push_back(pid);
  }
  ::close(work_pipe_[0]);  // the parent only writes work and reads results
  ::close(result_pipe_[1]);
  work_pipe_[0] = result_pipe_[1] = -1;
}

ProcessWorkers::~ProcessWorkers() {
  kill_and_reap();
  for (int fd : {work_pipe_[0], work_pipe_[1], result_pipe_[0], result_pipe_[1]})
    if (fd >= 0) ::close(fd);
}

// Workers answer while they are fed: reading their results here whenever the
// work pipe is full keeps both pipes from filling up, each side blocked
// writing to the other.
void ProcessWorkers::send(std::int64_t item) {
  if (work_failed_) return;
  const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(detail::current_backend().hang_timeout());
  while (true) {
    pollfd fds[2] = {{work_pipe_[1], POLLOUT, 0}, {results_open_ ? result_pipe_[0] : -1, POLLIN, 0}};
    const int ready = ::poll(fds, 2, static_cast<int>(timeout.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      work_failed_ = true;
      detail::current_backend().fail(Verdict::hang,
                                     fmt::format("the worker processes took no work for {} ms", timeout.count()),
                                     std::source_location::current());
      return;
    }
    if (fds[1].revents != 0) {
      std::int64_t result = 0;
      if (read_exactly(result_pipe_[0], &result, sizeof result))
        results_.push_back(result);
      else
        results_open_ = false;  // every worker has exited
    }
    if (fds[0].revents == 0) continue;
    // 8 bytes, less than PIPE_BUF: the write is atomic, and POLLOUT means it fits.
    ssize_t put = write_without_sigpipe(work_pipe_[1], &item, sizeof item);
    if (put < 0 && errno == EINTR) continue;
    if (put == static_cast<ssize_t>(sizeof item)) return;
    work_failed_ = true;
    detail::current_backend().fail(Verdict::crash,
                                   errno == EPIPE
                                       ? std::string("no worker process reads the work pipe: every worker "
                                                     "has exited (or none was started)")
                                       : fmt::format("cannot write to the work pipe: {}", std::strerror(errno)),
                                   std::source_location::current());
    return;
  }
}

std::vector<std::int64_t> ProcessWorkers::finish() {
  using clock = std::chrono::steady_clock;
  const auto deadline = clock::now() + detail::current_backend().hang_timeout();
  const std::size_t total = workers_.size();
  std::vector<std::int64_t> results = std::move(results_);
  results_.clear();
  std::vector<pid_t> running = workers_;
  bool pipe_open = results_open_;
  while (pipe_open || !running.empty()) {
    for (auto it = running.begin(); it != running.end();)
      it = ::waitpid(*it, nullptr, WNOHANG) == *it ? running.erase(it) : it + 1;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
    if (left <= 0) break;
    if (!pipe_open) {
      ::usleep(2'000);
      continue;
    }
    pollfd readable{result_pipe_[0], POLLIN, 0};
    if (::poll(&readable, 1, static_cast<int>(std::min<long long>(left, 20))) > 0) {
      std::int64_t result = 0;
      if (read_exactly(result_pipe_[0], &result, sizeof result))
        results.push_back(result);
      else
        pipe_open = false;  // every worker has closed its end: all exited
    }
  }
  if (!running.empty()) {
    auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(detail::current_backend().hang_timeout());
    std::string pids = fmt::format("{}", fmt::join(running, ", "));
    workers_ = running;
    kill_and_reap();
    detail::current_backend().fail(
        Verdict::hang,
        fmt::format("{} of {} worker processes (pids {}) were still waiting for work after {} ms; they were killed",
                    running.size(), total, pids, timeout.count()),
        std::source_location::current());
  }
  workers_.clear();
  return results;
}

void ProcessWorkers::kill_and_reap() {
  for (pid_t pid : workers_) ::kill(pid, SIGKILL);
  for (pid_t pid : workers_)
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
  workers_.clear();
}

}  // namespace interleave
