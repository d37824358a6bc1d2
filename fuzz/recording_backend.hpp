#pragma once

// A detail::Backend that forwards every call to the engine's backend and
// records what the program did in a Trace. Installed by RecordingScope for
// the body of one schedule: every primitive made inside it goes through the
// recorder. Fibers run on one OS thread, so "who runs" is tracked by each
// call restoring its caller as the current task when it returns.

#include <map>
#include <memory>

#include "interleave/backend.hpp"
#include "recorded_trace.hpp"

namespace interleave::fuzz {

class RecordingBackend final : public detail::Backend {
 public:
  RecordingBackend(detail::Backend& inner, Trace& trace);

  std::unique_ptr<detail::TaskImpl> spawn(std::function<void()> body, std::string name) override;
  std::unique_ptr<detail::MutexImpl> make_mutex(const detail::ObjectName& name) override;
  std::unique_ptr<detail::CondVarImpl> make_condvar(const detail::ObjectName& name) override;
  std::unique_ptr<detail::SemaphoreImpl> make_semaphore(const detail::ObjectName& name, int initial) override;
  void access(detail::VariableSlot& variable, detail::AccessKind kind, const std::source_location& where,
              detail::ValueView value) override;
  void sleep_for(Duration duration, const std::source_location& where) override;
  Duration now() override { return inner_.now(); }
  detail::TaskId current_task() override { return inner_.current_task(); }
  void yield_point(const std::source_location& where) override;
  Duration hang_timeout() override { return inner_.hang_timeout(); }
  void fail(Verdict verdict, std::string message, const std::source_location& where) override;
  void fail_without_leaving(Verdict verdict, std::string message, std::string location) override;
  bool fails_spuriously(const std::source_location& where) override { return inner_.fails_spuriously(where); }

  // For the wrappers of primitives.
  int current() const { return current_; }
  void set_current(int task) { current_ = task; }
  // Appends an event and returns its index (the trace's size once stopped).
  std::size_t note(int task, EventKind kind, int object);
  void stop() { stopped_ = true; }
  Trace& trace() { return trace_; }
  detail::Backend& inner() { return inner_; }

 private:
  int variable_id(const detail::VariableSlot& variable);

  detail::Backend& inner_;
  Trace& trace_;
  int current_ = 0;
  bool stopped_ = false;
  std::map<const detail::VariableSlot*, int> variables_;
};

// Makes `recorder` the active backend for its lifetime.
class RecordingScope {
 public:
  explicit RecordingScope(Trace& trace);
  ~RecordingScope();
  RecordingScope(const RecordingScope&) = delete;
  RecordingScope& operator=(const RecordingScope&) = delete;

 private:
  detail::Backend* engine_;
  std::unique_ptr<RecordingBackend> recorder_;
};

}  // namespace interleave::fuzz
