#include "recording_backend.hpp"

#include <exception>

namespace interleave::fuzz {
namespace {

// Whoever called into the engine is the current task again when the call
// returns or throws: other tasks may have run in between. A call that
// throws (the engine abandoning the schedule) ends the trace, so that it
// shows the state the engine judged, not the unwinding after it.
class Resume {
 public:
  explicit Resume(RecordingBackend& recorder)
      : recorder_(recorder), task_(recorder.current()), exceptions_(std::uncaught_exceptions()) {}
  ~Resume() {
    recorder_.set_current(task_);
    if (std::uncaught_exceptions() > exceptions_) recorder_.stop();
  }
  Resume(const Resume&) = delete;
  Resume& operator=(const Resume&) = delete;
  int task() const { return task_; }

 private:
  RecordingBackend& recorder_;
  int task_;
  int exceptions_;
};

class RecordingTask final : public detail::TaskImpl {
 public:
  RecordingTask(RecordingBackend& recorder, std::unique_ptr<detail::TaskImpl> inner, int id)
      : recorder_(recorder), inner_(std::move(inner)), id_(id) {}
  void join(const std::source_location& where) override {
    Resume resume(recorder_);
    recorder_.note(resume.task(), EventKind::join_request, id_);
    inner_->join(where);
    recorder_.note(resume.task(), EventKind::join, id_);
  }
  detail::TaskId id() const override { return inner_->id(); }

 private:
  RecordingBackend& recorder_;
  std::unique_ptr<detail::TaskImpl> inner_;
  int id_;
};

class RecordingMutex final : public detail::MutexImpl {
 public:
  RecordingMutex(RecordingBackend& recorder, std::unique_ptr<detail::MutexImpl> inner, int id)
      : recorder_(recorder), inner_(std::move(inner)), id_(id) {}
  void lock(const std::source_location& where) override {
    Resume resume(recorder_);
    recorder_.note(resume.task(), EventKind::lock_request, id_);
    inner_->lock(where);
    recorder_.note(resume.task(), EventKind::acquire, id_);
  }
  bool try_lock(const std::source_location& where) override {
    Resume resume(recorder_);
    const bool taken = inner_->try_lock(where);
    if (taken) recorder_.note(resume.task(), EventKind::acquire, id_);
    return taken;
  }
  void unlock(const std::source_location& where) override {
    Resume resume(recorder_);
    recorder_.note(resume.task(), EventKind::release, id_);
    inner_->unlock(where);
  }
  detail::MutexImpl& inner() { return *inner_; }
  int id() const { return id_; }

 private:
  RecordingBackend& recorder_;
  std::unique_ptr<detail::MutexImpl> inner_;
  int id_;
};

class RecordingCondVar final : public detail::CondVarImpl {
 public:
  RecordingCondVar(RecordingBackend& recorder, std::unique_ptr<detail::CondVarImpl> inner, int id)
      : recorder_(recorder), inner_(std::move(inner)), id_(id) {}
  void wait(detail::MutexImpl& mutex, const std::source_location& where) override {
    auto& recorded = static_cast<RecordingMutex&>(mutex);
    Resume resume(recorder_);
    recorder_.note(resume.task(), EventKind::wait, recorded.id());
    inner_->wait(recorded.inner(), where);
    recorder_.note(resume.task(), EventKind::acquire, recorded.id());
  }
  bool wait_for(detail::MutexImpl& mutex, Duration timeout, const std::source_location& where) override {
    auto& recorded = static_cast<RecordingMutex&>(mutex);
    Resume resume(recorder_);
    recorder_.note(resume.task(), EventKind::wait, recorded.id());
    const bool notified = inner_->wait_for(recorded.inner(), timeout, where);
    recorder_.note(resume.task(), EventKind::acquire, recorded.id());
    return notified;
  }
  void notify_one(const std::source_location& where) override {
    Resume resume(recorder_);
    inner_->notify_one(where);
    recorder_.note(resume.task(), EventKind::notify, id_);
  }
  void notify_all(const std::source_location& where) override {
    Resume resume(recorder_);
    inner_->notify_all(where);
    recorder_.note(resume.task(), EventKind::notify, id_);
  }

 private:
  RecordingBackend& recorder_;
  std::unique_ptr<detail::CondVarImpl> inner_;
  int id_;
};

EventKind kind_of(detail::AccessKind kind) {
  switch (kind) {
    case detail::AccessKind::read:
      return EventKind::read;
    case detail::AccessKind::write:
      return EventKind::write;
    case detail::AccessKind::atomic_load:
      return EventKind::load;
    case detail::AccessKind::atomic_store:
      return EventKind::store;
    case detail::AccessKind::atomic_rmw:
      break;
  }
  return EventKind::rmw;
}

}  // namespace

bool is_plain_access(EventKind kind) { return kind == EventKind::read || kind == EventKind::write; }

const char* to_string(EventKind kind) {
  constexpr const char* kNames[] = {"spawn",        "start",   "finish",  "join_request", "join",
                                    "lock_request", "acquire", "release", "wait",         "notify",
                                    "read",         "write",   "load",    "store",        "rmw"};
  return kNames[static_cast<int>(kind)];
}

RecordingBackend::RecordingBackend(detail::Backend& inner, Trace& trace) : inner_(inner), trace_(trace) {
  sees_plain_accesses = inner.sees_plain_accesses;
  run_id = inner.run_id;  // primitives bound before the scope stay the engine's
  trace_ = Trace{};
  trace_.task_names.emplace_back("main");
}

std::size_t RecordingBackend::note(int task, EventKind kind, int object) {
  if (stopped_) return trace_.events.size();
  trace_.events.push_back(Event{task, kind, object});
  return trace_.events.size() - 1;
}

int RecordingBackend::variable_id(const detail::VariableSlot& variable) {
  auto [it, added] = variables_.emplace(&variable, static_cast<int>(variables_.size()));
  if (added) trace_.variable_names.push_back(variable.name.str());
  return it->second;
}

std::unique_ptr<detail::TaskImpl> RecordingBackend::spawn(std::function<void()> body, std::string name) {
  Resume resume(*this);
  const int child = static_cast<int>(trace_.task_names.size());
  trace_.task_names.push_back(name);
  note(resume.task(), EventKind::spawn, child);
  auto inner = inner_.spawn(
      [this, child, body = std::move(body)] {
        current_ = child;
        note(child, EventKind::start, 0);
        body();
        note(child, EventKind::finish, 0);
      },
      std::move(name));
  return std::make_unique<RecordingTask>(*this, std::move(inner), child);
}

std::unique_ptr<detail::MutexImpl> RecordingBackend::make_mutex(const detail::ObjectName& name) {
  const int id = static_cast<int>(trace_.mutex_names.size());
  trace_.mutex_names.push_back(name.str());
  return std::make_unique<RecordingMutex>(*this, inner_.make_mutex(name), id);
}

std::unique_ptr<detail::CondVarImpl> RecordingBackend::make_condvar(const detail::ObjectName& name) {
  return std::make_unique<RecordingCondVar>(*this, inner_.make_condvar(name), 0);
}

std::unique_ptr<detail::SemaphoreImpl> RecordingBackend::make_semaphore(const detail::ObjectName& name, int initial) {
  return inner_.make_semaphore(name, initial);  // no generated program uses one
}

void RecordingBackend::access(detail::VariableSlot& variable, detail::AccessKind kind,
                              const std::source_location& where, detail::ValueView value) {
  Resume resume(*this);
  const int id = variable_id(variable);
  const EventKind event = kind_of(kind);
  if (!is_plain_access(event)) {
    inner_.access(variable, kind, where, value);
    note(resume.task(), event, id);  // where it takes effect, for the store it reads from
    return;
  }
  // Noted first: when the access completes a race, the engine lets the other
  // tasks unwind (ending the trace) before it throws into this one.
  const std::size_t at = note(resume.task(), event, id);
  if (at < trace_.events.size()) trace_.events[at].aborted = true;
  inner_.access(variable, kind, where, value);
  if (at < trace_.events.size()) trace_.events[at].aborted = false;
}

void RecordingBackend::sleep_for(Duration duration, const std::source_location& where) {
  Resume resume(*this);
  inner_.sleep_for(duration, where);
}

void RecordingBackend::yield_point(const std::source_location& where) {
  Resume resume(*this);
  inner_.yield_point(where);
}

void RecordingBackend::fail(Verdict verdict, std::string message, const std::source_location& where) {
  Resume resume(*this);
  inner_.fail(verdict, std::move(message), where);
}

void RecordingBackend::fail_without_leaving(Verdict verdict, std::string message, std::string location) {
  Resume resume(*this);
  inner_.fail_without_leaving(verdict, std::move(message), std::move(location));
}

RecordingScope::RecordingScope(Trace& trace)
    : engine_(&detail::current_backend()), recorder_(std::make_unique<RecordingBackend>(*engine_, trace)) {
  detail::set_current_backend(recorder_.get());
}

RecordingScope::~RecordingScope() { detail::set_current_backend(engine_); }

}  // namespace interleave::fuzz
