#include "trace_end.hpp"

#include <algorithm>
#include <set>

#include "engines/engine.hpp"

namespace interleave::fuzz {
namespace {

int index_of(const std::vector<std::string>& names, const std::string& name) {
  auto found = std::find(names.begin(), names.end(), name);
  return found == names.end() ? -1 : static_cast<int>(found - names.begin());
}

// One wait-for edge as the report words it: "A waits for R[ held by H]".
struct Claim {
  std::string waiter;
  std::string resource;
  std::string holder;  // empty: none named
};

std::optional<Claim> parse_claim(std::string text) {
  if (auto at = text.rfind(" (at "); at != std::string::npos) text.resize(at);
  const auto waits = text.find(" waits for ");
  if (waits == std::string::npos) return std::nullopt;
  Claim claim{text.substr(0, waits), text.substr(waits + 11), ""};
  if (auto held = claim.resource.find(" held by "); held != std::string::npos) {
    claim.holder = claim.resource.substr(held + 9);
    claim.resource.resize(held);
  } else if (claim.resource.ends_with(" to finish")) {
    claim.holder = claim.resource.substr(0, claim.resource.size() - 10);
  }
  return claim;
}

std::optional<std::string> check_claim(const Claim& claim, const Trace& trace, const TraceEnd& end) {
  const int waiter = index_of(trace.task_names, claim.waiter);
  if (waiter < 0) return "no task " + claim.waiter;
  const TaskEnd& task = end.tasks[waiter];
  const std::string says = "the report says " + claim.waiter + " waits for " + claim.resource;
  if (claim.resource.starts_with("mutex '")) {
    const std::string name = claim.resource.substr(7, claim.resource.size() - 8);
    const int mutex = index_of(trace.mutex_names, name);
    if (mutex < 0 || task.blocked != Blocked::on_mutex || task.object != mutex)
      return says + ", but the trace's last event of it is no request for that mutex";
    if (!claim.holder.empty() && end.holder[mutex] != index_of(trace.task_names, claim.holder))
      return says + " held by " + claim.holder + ", but the trace has it held by " +
             (end.holder[mutex] < 0 ? "nobody" : trace.task_names[end.holder[mutex]]);
    return std::nullopt;
  }
  if (claim.resource.starts_with("condition variable '"))
    return task.blocked == Blocked::on_condvar ? std::nullopt
                                               : std::optional(says + ", but the trace has it in no wait");
  if (claim.resource.ends_with(" to finish")) {
    const int joined = index_of(trace.task_names, claim.holder);
    if (task.blocked != Blocked::on_join || task.object != joined || joined < 0 || end.tasks[joined].finished)
      return says + ", but the trace has it joining no unfinished task of that name";
    return std::nullopt;
  }
  return says + ": a resource no generated program has";
}

}  // namespace

TraceEnd trace_end(const Trace& trace) {
  TraceEnd end{std::vector<TaskEnd>(trace.task_names.size()), std::vector<int>(trace.mutex_names.size(), -1)};
  for (const Event& event : trace.events) {
    TaskEnd& task = end.tasks[event.task];
    task.blocked = Blocked::no;
    task.object = event.object;
    switch (event.kind) {
      case EventKind::finish:
        task.finished = true;
        break;
      case EventKind::lock_request:
        task.blocked = Blocked::on_mutex;
        break;
      case EventKind::wait:
        task.blocked = Blocked::on_condvar;
        end.holder[event.object] = -1;
        break;
      case EventKind::join_request:
        task.blocked = Blocked::on_join;
        break;
      case EventKind::acquire:
        end.holder[event.object] = event.task;
        break;
      case EventKind::release:
        end.holder[event.object] = -1;
        break;
      default:
        break;
    }
  }
  return end;
}

std::optional<std::string> confirm_deadlock(const std::string& message, const std::vector<std::string>& details,
                                            const Trace& trace) {
  const TraceEnd end = trace_end(trace);
  std::set<int> named;
  for (const std::string& line : details) {
    if (line.starts_with(engines::kInversionDetail)) continue;
    const auto claim = parse_claim(line);
    if (!claim) return "a detail line that names no wait: " + line;
    if (auto error = check_claim(*claim, trace, end)) return error;
    named.insert(index_of(trace.task_names, claim->waiter));
  }
  for (std::size_t task = 0; task < end.tasks.size(); ++task)
    if (!end.tasks[task].finished && !named.contains(static_cast<int>(task)))
      return trace.task_names[task] + " has not finished and the report does not say what it waits for";
  const std::string cycle_marker = "wait-for cycle: ";
  const auto cycle_at = message.find(cycle_marker);
  if (cycle_at == std::string::npos) return std::nullopt;
  std::vector<Claim> cycle;
  std::string rest = message.substr(cycle_at + cycle_marker.size());
  while (!rest.empty()) {
    const auto semicolon = rest.find("; ");
    const auto claim = parse_claim(rest.substr(0, semicolon));
    if (!claim) return "a cycle step that names no wait: " + rest.substr(0, semicolon);
    cycle.push_back(*claim);
    rest = semicolon == std::string::npos ? "" : rest.substr(semicolon + 2);
  }
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    if (auto error = check_claim(cycle[i], trace, end)) return error;
    if (cycle[i].holder != cycle[(i + 1) % cycle.size()].waiter)
      return "the cycle does not close: " + cycle[i].waiter + " waits for " + cycle[i].holder + ", then " +
             cycle[(i + 1) % cycle.size()].waiter + " comes";
  }
  return std::nullopt;
}

namespace {

struct Request {
  int task;
  int lock;
  std::vector<int> held;
};

// Every lock_request of the trace with the locks its task held then.
std::vector<Request> requests_while_holding(const Trace& trace) {
  std::vector<std::vector<int>> held(trace.task_names.size());
  std::vector<Request> requests;
  for (const Event& event : trace.events) {
    auto& mine = held[event.task];
    if (event.kind == EventKind::lock_request && !mine.empty()) requests.push_back({event.task, event.object, mine});
    if (event.kind == EventKind::acquire) mine.push_back(event.object);
    if (event.kind == EventKind::release || event.kind == EventKind::wait) std::erase(mine, event.object);
  }
  return requests;
}

struct Step {
  int task;
  int from;
  int to;
};

// One request per step, no lock held in two of them.
bool gate_free_choice(const std::vector<Step>& steps, const std::vector<Request>& requests, std::size_t k,
                      std::vector<const Request*>& chosen) {
  if (k == steps.size()) return true;
  for (const Request& request : requests) {
    if (request.task != steps[k].task || request.lock != steps[k].to ||
        std::find(request.held.begin(), request.held.end(), steps[k].from) == request.held.end())
      continue;
    const bool shares = std::any_of(chosen.begin(), chosen.end(), [&](const Request* other) {
      return std::any_of(request.held.begin(), request.held.end(), [&](int lock) {
        return std::find(other->held.begin(), other->held.end(), lock) != other->held.end();
      });
    });
    if (shares) continue;
    chosen.push_back(&request);
    if (gate_free_choice(steps, requests, k + 1, chosen)) return true;
    chosen.pop_back();
  }
  return false;
}

}  // namespace

std::optional<std::string> confirm_inversion(const std::vector<std::string>& details, const Trace& trace) {
  std::vector<Step> steps;
  for (std::string line : details) {
    if (line.starts_with(engines::kInversionDetail)) line.erase(0, engines::kInversionDetail.size());
    const auto holds = line.find(" holds mutex '");
    const auto asks = line.find("' (locked at ");
    const auto wanted = line.find(" and asks for mutex '");
    if (holds == std::string::npos || asks == std::string::npos || wanted == std::string::npos) continue;
    const auto wanted_end = line.find("' at ", wanted);
    const int task = index_of(trace.task_names, line.substr(0, holds));
    const int from = index_of(trace.mutex_names, line.substr(holds + 14, asks - holds - 14));
    const int to = index_of(trace.mutex_names, line.substr(wanted + 21, wanted_end - wanted - 21));
    if (task < 0 || from < 0 || to < 0) return "a lock-order step naming what the trace does not have: " + line;
    steps.push_back({task, from, to});
  }
  if (steps.size() < 2) return "a lock_order_inversion with no cycle in its details";
  for (std::size_t k = 0; k < steps.size(); ++k) {
    if (steps[k].to != steps[(k + 1) % steps.size()].from)
      return "the lock-order cycle does not close at step " + std::to_string(k + 1);
    for (std::size_t other = 0; other < k; ++other)
      if (steps[other].task == steps[k].task) return "a lock-order cycle with one task in two steps";
  }
  std::vector<const Request*> chosen;
  if (!gate_free_choice(steps, requests_while_holding(trace), 0, chosen))
    return "no requests in the trace make the lock-order cycle without a gate lock";
  return std::nullopt;
}

}  // namespace interleave::fuzz
