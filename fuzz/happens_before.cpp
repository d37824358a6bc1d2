#include "happens_before.hpp"

namespace interleave::fuzz {
namespace {

bool is_release(EventKind kind) { return kind == EventKind::release || kind == EventKind::wait; }

// The events whose effects are visible to `j` directly (one edge each).
std::vector<std::size_t> direct_predecessors(const std::vector<Event>& events, std::size_t j) {
  std::vector<std::size_t> preds;
  const Event& event = events[j];
  for (std::size_t i = j; i-- > 0;)
    if (events[i].task == event.task) {
      preds.push_back(i);
      break;
    }
  for (std::size_t i = 0; i < j; ++i) {
    const Event& other = events[i];
    switch (event.kind) {
      case EventKind::start:
        if (other.kind == EventKind::spawn && other.object == event.task) preds.push_back(i);
        break;
      case EventKind::join:
        if (other.task == event.object && other.kind == EventKind::finish) preds.push_back(i);
        break;
      case EventKind::acquire:
        if (is_release(other.kind) && other.object == event.object) preds.push_back(i);
        break;
      default:
        break;
    }
  }
  if (event.kind == EventKind::load || event.kind == EventKind::rmw) {
    // The store read from is the last one before j; its release sequence
    // runs back through read-modify-writes to the store that heads it.
    for (std::size_t i = j; i-- > 0;) {
      const Event& other = events[i];
      if (other.object != event.object || (other.kind != EventKind::store && other.kind != EventKind::rmw)) continue;
      preds.push_back(i);
      if (other.kind == EventKind::store) break;
    }
  }
  return preds;
}

}  // namespace

HappensBefore::HappensBefore(const Trace& trace) : before_(trace.events.size()) {
  const auto& events = trace.events;
  for (std::size_t j = 0; j < events.size(); ++j) {
    before_[j].assign(events.size(), false);
    for (std::size_t p : direct_predecessors(events, j)) {
      before_[j][p] = true;
      for (std::size_t i = 0; i < p; ++i)
        if (before_[p][i]) before_[j][i] = true;
    }
  }
}

std::optional<FirstRace> first_race(const Trace& trace) {
  const auto& events = trace.events;
  const HappensBefore hb(trace);
  for (std::size_t j = 0; j < events.size(); ++j) {
    if (!is_plain_access(events[j].kind)) continue;
    FirstRace race{j, {}};
    for (std::size_t i = 0; i < j; ++i) {
      const Event& a = events[i];
      const Event& b = events[j];
      const bool conflict = is_plain_access(a.kind) && a.object == b.object && a.task != b.task &&
                            (a.kind == EventKind::write || b.kind == EventKind::write);
      if (conflict && !hb.ordered(i, j)) race.earlier.push_back(i);
    }
    if (!race.earlier.empty()) return race;
  }
  return std::nullopt;
}

}  // namespace interleave::fuzz
