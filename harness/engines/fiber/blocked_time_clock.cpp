#include "engines/fiber/blocked_time_clock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <string_view>

namespace interleave::engines::fiber {
namespace {

std::int64_t nanoseconds_of(clockid_t clock) {
  timespec now{};
  clock_gettime(clock, &now);
  return std::int64_t{now.tv_sec} * 1'000'000'000 + now.tv_nsec;
}

int open_own_file(const char* name) {
  return open(fmt::format("/proc/self/task/{}/{}", gettid(), name).c_str(), O_RDONLY | O_CLOEXEC);
}

// The number after `key` in `text`; -1 when absent.
std::int64_t number_after(std::string_view text, std::string_view key) {
  const std::size_t at = text.find(key);
  if (at == std::string_view::npos) return -1;
  std::string_view rest = text.substr(at + key.size());
  rest.remove_prefix(std::min(rest.find_first_not_of(" \t"), rest.size()));
  std::int64_t value = -1;
  std::from_chars(rest.data(), rest.data() + rest.size(), value);
  return value;
}

}  // namespace

BlockedTimeClock::BlockedTimeClock() {
  if (pthread_getcpuclockid(pthread_self(), &cpu_clock_) != 0) cpu_clock_ = CLOCK_THREAD_CPUTIME_ID;
  schedstat_fd_ = open_own_file("schedstat");
  status_fd_ = open_own_file("status");
  // A kernel without run-queue accounting prints "0 0 0": as good as none.
  if (schedstat_fd_ >= 0 && run_queue_wait_ns() < 0) {
    close(schedstat_fd_);
    schedstat_fd_ = -1;
  }
}

BlockedTimeClock::~BlockedTimeClock() {
  if (schedstat_fd_ >= 0) close(schedstat_fd_);
  if (status_fd_ >= 0) close(status_fd_);
}

// "<ns on a CPU> <ns waiting in a run queue> <timeslices>\n"; -1 when unreadable.
std::int64_t BlockedTimeClock::run_queue_wait_ns() const {
  char text[96];
  const ssize_t size = pread(schedstat_fd_, text, sizeof text - 1, 0);
  if (size <= 0) return -1;
  const char* end = text + size;
  const char* field = std::find(static_cast<const char*>(text), end, ' ');
  std::int64_t running = 0, waiting = 0;
  if (std::from_chars(text, field, running).ec != std::errc{} || field == end) return -1;
  if (std::from_chars(field + 1, end, waiting).ec != std::errc{}) return -1;
  if (running == 0 && waiting == 0) return -1;
  return waiting;
}

std::int64_t BlockedTimeClock::blocked_ns() const {
  const std::int64_t wall = nanoseconds_of(CLOCK_MONOTONIC);
  const std::int64_t waiting = schedstat_fd_ >= 0 ? std::max<std::int64_t>(run_queue_wait_ns(), 0) : 0;
  return wall - nanoseconds_of(cpu_clock_) - waiting;
}

BlockedTimeClock::Reading BlockedTimeClock::read() const {
  Reading reading{blocked_ns(), -1};
  char text[4096];
  const ssize_t size = status_fd_ >= 0 ? pread(status_fd_, text, sizeof text, 0) : -1;
  if (size > 0)
    reading.voluntary_switches =
        number_after(std::string_view(text, static_cast<std::size_t>(size)), "\nvoluntary_ctxt_switches:");
  return reading;
}

BlockedTimeClock::Reading BlockedTimeClock::read_own() const {
  Reading reading{blocked_ns(), -1};
  rusage usage{};
  if (status_fd_ >= 0 && getrusage(RUSAGE_THREAD, &usage) == 0) reading.voluntary_switches = usage.ru_nvcsw;
  return reading;
}

}  // namespace interleave::engines::fiber
