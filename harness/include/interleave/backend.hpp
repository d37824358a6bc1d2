#pragma once

// The seam between the runtime API that scenarios use and the engines that
// execute it. Scenarios never see this file's types; engines implement them.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <source_location>
#include <string>
#include <string_view>
#include <type_traits>

#include "interleave/object_name.hpp"
#include "interleave/verdict.hpp"

namespace interleave {

using Duration = std::chrono::nanoseconds;

namespace detail {

using TaskId = int;

// Thrown into a task to unwind it when its schedule is abandoned (deadlock,
// hang, failed check). Not derived from std::exception on purpose, so that
// scenario code catching std::exception does not swallow it.
struct AbortSchedule {};

class MutexImpl {
 public:
  virtual ~MutexImpl() = default;
  virtual void lock(const std::source_location& where) = 0;
  virtual bool try_lock(const std::source_location& where) = 0;
  virtual void unlock(const std::source_location& where) = 0;
};

class CondVarImpl {
 public:
  virtual ~CondVarImpl() = default;
  virtual void wait(MutexImpl& mutex, const std::source_location& where) = 0;
  // Returns false when the timeout elapsed without a notification.
  virtual bool wait_for(MutexImpl& mutex, Duration timeout, const std::source_location& where) = 0;
  virtual void notify_one(const std::source_location& where) = 0;
  virtual void notify_all(const std::source_location& where) = 0;
};

class SemaphoreImpl {
 public:
  virtual ~SemaphoreImpl() = default;
  virtual void acquire(const std::source_location& where) = 0;
  virtual bool try_acquire(const std::source_location& where) = 0;
  virtual bool try_acquire_for(Duration timeout, const std::source_location& where) = 0;
  virtual void release(int count, const std::source_location& where) = 0;
};

class TaskImpl {
 public:
  virtual ~TaskImpl() = default;
  virtual void join(const std::source_location& where) = 0;
  // The task's id in its run, as Backend::current_task gives it inside the task.
  virtual TaskId id() const = 0;
};

enum class AccessKind { read, write, atomic_load, atomic_store, atomic_rmw };

// The value an access reads or writes, type-erased, for the engine's event
// trace; formatted only when a trace is being recorded.
struct ValueView {
  const void* value = nullptr;
  std::string (*format)(const void* value) = nullptr;
};

template <class T>
std::string format_value(const void* value) {
  const T& v = *static_cast<const T*>(value);
  if constexpr (std::is_same_v<T, bool>)
    return v ? "true" : "false";
  else if constexpr (std::is_arithmetic_v<T>)
    return std::to_string(v);
  else if constexpr (requires { std::chrono::duration<double, std::milli>(v).count(); })
    return std::to_string(std::chrono::duration<double, std::milli>(v).count()) + " ms";
  else if constexpr (std::is_convertible_v<const T&, std::string_view>)
    return "\"" + std::string(std::string_view(v)) + "\"";
  else if constexpr (requires { v.size(); })
    return "(" + std::to_string(v.size()) + " items)";
  else
    return "(value)";
}

template <class T>
ValueView view_of(const T& value) {
  return {&value, &format_value<T>};
}

// Per-variable bookkeeping that an engine may attach to a Shared or Atomic.
struct VariableSlot {
  ObjectName name;
  void* engine_state = nullptr;
  std::uint64_t generation = 0;  // which run engine_state belongs to
  std::uint64_t run = 0;         // the last run that accessed it, where the engine marks it
};

class Backend {
 public:
  virtual ~Backend() = default;

  virtual std::unique_ptr<TaskImpl> spawn(std::function<void()> body, std::string name) = 0;
  // The name outlives the object made: both belong to the user's primitive.
  virtual std::unique_ptr<MutexImpl> make_mutex(const ObjectName& name) = 0;
  virtual std::unique_ptr<CondVarImpl> make_condvar(const ObjectName& name) = 0;
  virtual std::unique_ptr<SemaphoreImpl> make_semaphore(const ObjectName& name, int initial) = 0;

  // Called before every access to an instrumented variable. For a read the
  // view shows the variable itself (what the read will return), for a write
  // the value being written.
  virtual void access(VariableSlot& variable, AccessKind kind, const std::source_location& where, ValueView value) = 0;
  // False when the engine neither schedules nor checks plain (Shared<T>)
  // accesses, so that Shared<T> skips the call: the threads engine with its
  // noise off, where a plain access should cost what it costs without us.
  bool sees_plain_accesses = true;
  // Which run (schedule) is going on: a primitive's engine object is made
  // at its first use in each run (interleave/per_run.hpp). Set by begin_run.
  std::uint64_t run_id = 0;

  virtual void sleep_for(Duration duration, const std::source_location& where) = 0;
  virtual Duration now() = 0;
  // The calling task's id in this run (the body's is 0).
  virtual TaskId current_task() = 0;
  virtual void yield_point(const std::source_location& where) = 0;
  // Whether a compare_exchange_weak whose values compare equal fails
  // anyway, as the standard allows: a decision of the engine's where it
  // explores them (bounded per schedule), never on the others.
  virtual bool fails_spuriously(const std::source_location& /*where*/) { return false; }

  // How long a wait on something outside the harness (a worker process) may
  // last before the run is a hang.
  virtual Duration hang_timeout() { return std::chrono::seconds(2); }

  // A checked property failed, or a task died; the engine records the first.
  virtual void fail(Verdict verdict, std::string message, const std::source_location& where) = 0;
  // A check of another framework (a GoogleTest assertion) failed in the
  // current task at `location` ("file.cpp:12"). The verdict is kept as
  // fail() keeps it, but the call returns: the framework may hold a lock of
  // its own here. The schedule ends at the task's next operation.
  virtual void fail_without_leaving(Verdict verdict, std::string message, std::string location) = 0;
};

// The engine that runs on this OS thread, set by the engine for the duration
// of a run. Read inline: every Shared and Atomic access goes through it.
inline thread_local Backend* active_backend = nullptr;

[[noreturn]] void throw_no_active_run();

// An engine calls it as each run starts: a new run_id, unique in the process.
void begin_run(Backend& backend);

// Throws std::logic_error when no run is active.
inline Backend& current_backend() {
  if (active_backend == nullptr) [[unlikely]]
    throw_no_active_run();
  return *active_backend;
}

// Whether a plain (Shared<T>) access must call the backend: when the engine
// sees plain accesses, or when no run is active (so that the call throws).
// A byte beside active_backend, so that an access the engine ignores costs
// one thread-local test.
inline thread_local bool plain_accesses_call_backend = true;

// active_backend's run_id, or 0 when none: a primitive bound to this run
// (per_run.hpp) is recognised with one thread-local load.
inline thread_local std::uint64_t active_run_id = 0;

inline void set_current_backend(Backend* backend) {
  active_backend = backend;
  active_run_id = backend != nullptr ? backend->run_id : 0;
  plain_accesses_call_backend = backend == nullptr || backend->sees_plain_accesses;
}

}  // namespace detail
}  // namespace interleave
