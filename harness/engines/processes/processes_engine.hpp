#pragma once

#include <chrono>

#include "engines/engine.hpp"
#include "interleave/backend.hpp"

namespace interleave::engines::processes {

// Runs a body that drives forked worker processes (interleave::ProcessWorkers)
// from the calling thread. The in-process primitives do not exist here: the
// workers share nothing but pipes.
class ProcessesEngine final : public Engine, private detail::Backend {
 public:
  explicit ProcessesEngine(std::chrono::milliseconds hang_timeout) : hang_timeout_(hang_timeout) {}

  const RunOutcome& run(const std::function<void()>& body, std::uint64_t seed) override;

  // Every schedule forks real processes; explorations stop after this many.
  static constexpr std::uint64_t kMaxSchedules = 20;

 private:
  std::unique_ptr<detail::TaskImpl> spawn(std::function<void()> body, std::string name) override;
  std::unique_ptr<detail::MutexImpl> make_mutex(const detail::ObjectName& name) override;
  std::unique_ptr<detail::CondVarImpl> make_condvar(const detail::ObjectName& name) override;
  std::unique_ptr<detail::SemaphoreImpl> make_semaphore(const detail::ObjectName& name, int initial) override;
  void access(detail::VariableSlot&, detail::AccessKind, const std::source_location&, detail::ValueView) override {}
  void sleep_for(Duration duration, const std::source_location& where) override;
  Duration now() override;
  detail::TaskId current_task() override { return 0; }
  void yield_point(const std::source_location&) override {}
  Duration hang_timeout() override { return hang_timeout_; }
  void fail(Verdict verdict, std::string message, const std::source_location& where) override;
  void fail_without_leaving(Verdict verdict, std::string message, std::string location) override;

  std::chrono::milliseconds hang_timeout_;
  std::chrono::steady_clock::time_point started_;
  RunOutcome outcome_;
};

}  // namespace interleave::engines::processes
