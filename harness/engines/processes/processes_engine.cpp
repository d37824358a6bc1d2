#include "engines/processes/processes_engine.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <stdexcept>
#include <thread>

namespace interleave::engines::processes {
namespace {

[[noreturn]] void unavailable(const char* what) {
  throw std::logic_error(
      fmt::format("{} is not available on the processes engine: its workers share only pipes", what));
}

}  // namespace

const RunOutcome& ProcessesEngine::run(const std::function<void()>& body, std::uint64_t) {
  outcome_ = RunOutcome{};
  outcome_.tasks = 1;
  started_ = std::chrono::steady_clock::now();
  detail::begin_run(*this);
  detail::set_current_backend(this);
  try {
    body();
  } catch (const std::exception& error) {
    fail(Verdict::crash, fmt::format("uncaught exception: {}", error.what()), std::source_location::current());
  }
  detail::set_current_backend(nullptr);
  return outcome_;
}

std::unique_ptr<detail::TaskImpl> ProcessesEngine::spawn(std::function<void()>, std::string) { unavailable("spawn"); }
std::unique_ptr<detail::MutexImpl> ProcessesEngine::make_mutex(const detail::ObjectName&) { unavailable("Mutex"); }
std::unique_ptr<detail::CondVarImpl> ProcessesEngine::make_condvar(const detail::ObjectName&) {
  unavailable("CondVar");
}
std::unique_ptr<detail::SemaphoreImpl> ProcessesEngine::make_semaphore(const detail::ObjectName&, int) {
  unavailable("Semaphore");
}

void ProcessesEngine::sleep_for(Duration duration, const std::source_location&) {
  std::this_thread::sleep_for(duration);
}

Duration ProcessesEngine::now() { return std::chrono::steady_clock::now() - started_; }

void ProcessesEngine::fail(Verdict verdict, std::string message, const std::source_location& where) {
  if (outcome_.verdict != Verdict::clean) return;
  outcome_.verdict = verdict;
  outcome_.message = fmt::format("{}: {} (at {}:{})", to_string(verdict), message,
                                 std::filesystem::path(where.file_name()).filename().string(), where.line());
}

void ProcessesEngine::fail_without_leaving(Verdict verdict, std::string message, std::string location) {
  if (outcome_.verdict != Verdict::clean) return;
  outcome_.verdict = verdict;
  outcome_.message = fmt::format("{}: {} (at {})", to_string(verdict), message, location);
}

}  // namespace interleave::engines::processes
