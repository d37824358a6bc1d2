#pragma once

// The raw synchronization and memory events of one schedule, as the
// program under test issued them, recorded beside the engine (see
// RecordingBackend) so that an oracle can judge the engine's verdict from
// what happened rather than from what the engine says happened.

#include <cstdint>
#include <string>
#include <vector>

namespace interleave::fuzz {

enum class EventKind : std::uint8_t {
  spawn,         // object: the child task
  start,         // a task's first event
  finish,        // a task's body returned
  join_request,  // object: the task joined; blocks until it finishes
  join,          // object: the task joined, now finished
  lock_request,  // object: the mutex; blocks while another task holds it
  acquire,       // object: the mutex, now held (after lock() or a wait)
  release,       // object: the mutex (unlock)
  wait,          // object: the condition variable's mutex, released for the wait
  notify,        // object: the condition variable
  read,          // object: the variable; plain
  write,
  load,  // object: the variable; seq_cst atomic
  store,
  rmw,
};

struct Event {
  int task = 0;
  EventKind kind = EventKind::start;
  int object = 0;
  // The engine abandoned the schedule inside this event's call (for a plain
  // access with the race detector on: the race it completed).
  bool aborted = false;
};

struct Trace {
  std::vector<Event> events;
  std::vector<std::string> task_names;  // by task id; the body's own task is 0
  std::vector<std::string> mutex_names;
  std::vector<std::string> variable_names;
};

bool is_plain_access(EventKind kind);
const char* to_string(EventKind kind);

}  // namespace interleave::fuzz
