#include "trace_text.hpp"

namespace interleave::fuzz {
namespace {

std::string object_name(const Trace& trace, const Event& event) {
  auto named = [](const std::vector<std::string>& names, int id) {
    return id >= 0 && id < static_cast<int>(names.size()) ? names[id] : "#" + std::to_string(id);
  };
  switch (event.kind) {
    case EventKind::spawn:
    case EventKind::join_request:
    case EventKind::join:
      return named(trace.task_names, event.object);
    case EventKind::lock_request:
    case EventKind::acquire:
    case EventKind::release:
    case EventKind::wait:
      return named(trace.mutex_names, event.object);
    case EventKind::read:
    case EventKind::write:
    case EventKind::load:
    case EventKind::store:
    case EventKind::rmw:
      return named(trace.variable_names, event.object);
    default:
      return "";
  }
}

}  // namespace

std::string describe_event(const Trace& trace, std::size_t index) {
  const Event& event = trace.events[index];
  std::string text = "#" + std::to_string(index) + " " + trace.task_names[event.task] + ": " + to_string(event.kind);
  const std::string object = object_name(trace, event);
  if (!object.empty()) text += " " + object;
  if (event.aborted) text += " (the engine stopped here)";
  return text;
}

std::string describe_trace(const Trace& trace) {
  std::string text;
  for (std::size_t i = 0; i < trace.events.size(); ++i) text += "\n    " + describe_event(trace, i);
  return text;
}

}  // namespace interleave::fuzz
