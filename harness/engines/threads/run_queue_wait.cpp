#include "engines/threads/run_queue_wait.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>

namespace interleave::engines::threads {

std::optional<std::chrono::nanoseconds> run_queue_wait(pid_t tid) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/self/task/%d/schedstat", static_cast<int>(tid));
  const int file = open(path, O_RDONLY | O_CLOEXEC);
  if (file < 0) return std::nullopt;
  char text[128];
  const ssize_t length = read(file, text, sizeof text - 1);
  close(file);
  if (length <= 0) return std::nullopt;
  // "<ns on a CPU> <ns waiting on a run queue> <timeslices>\n"
  const char* const end = text + length;
  std::uint64_t on_cpu = 0, waiting = 0;
  auto parsed = std::from_chars(text, end, on_cpu);
  if (parsed.ec != std::errc{} || parsed.ptr == end || *parsed.ptr != ' ') return std::nullopt;
  parsed = std::from_chars(parsed.ptr + 1, end, waiting);
  if (parsed.ec != std::errc{}) return std::nullopt;
  return std::chrono::nanoseconds(waiting);
}

}  // namespace interleave::engines::threads
