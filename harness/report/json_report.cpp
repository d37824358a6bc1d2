#include <nlohmann/json.hpp>

#include "report/variant_report.hpp"

namespace interleave::report {
namespace {

nlohmann::json events_json(const std::vector<TraceEvent>& events) {
  auto array = nlohmann::json::array();
  for (const auto& event : events)
    array.push_back(
        {{"task", event.task}, {"task_name", event.task_name}, {"text", event.text}, {"where", event.where}});
  return array;
}

nlohmann::json params_json(const Params& params) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [key, value] : params.values()) object[key] = value;
  return object;
}

// The names `interleave replay FILE` reads back (cli/trace_file.cpp).
nlohmann::json options_json(const exploration::ScheduleOptions& options) {
  return {{"race_detection", options.detect_races},
          {"lock_order", options.detect_lock_order},
          {"spurious_wakeups", options.spurious_wakeups},
          {"max_steps", options.max_steps},
          {"blocked_loop_ms", options.blocked_loop_ms}};
}

// What a race leads to, found with the race detector off; null when none
// was looked for or found.
nlohmann::json race_consequence_json(const VariantReport& report) {
  const auto& consequence = report.result.race_consequence;
  if (!consequence) return nullptr;
  return {{"verdict", to_string(consequence->verdict)},
          {"message", consequence->message},
          {"seed", consequence->seed},
          {"schedules", consequence->schedules},
          {"preemptions", consequence->preemptions},
          {"replay",
           report.consequence_token.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.consequence_token)}};
}

}  // namespace

std::string to_json(const std::vector<VariantReport>& reports) {
  auto records = nlohmann::json::array();
  for (const auto& report : reports) {
    const ExploreResult& result = report.result;
    nlohmann::json expected = nlohmann::json::array();
    for (Verdict verdict : report.expected) expected.push_back(to_string(verdict));
    nlohmann::json params = params_json(report.params);
    records.push_back({
        {"schema_version", kJsonSchemaVersion},
        {"scenario", report.scenario},
        {"variant", report.variant},
        {"engine", to_string(report.engine)},
        {"strategy",
         report.engine == EngineKind::fiber ? nlohmann::json(to_string(report.strategy)) : nlohmann::json(nullptr)},
        {"expected", expected},
        {"verdict", to_string(result.verdict)},
        {"matched", report.matched},
        {"schedules", result.schedules},
        {"seconds", result.seconds},
        {"shrink_seconds", result.shrink_seconds},
        {"schedules_per_second", result.schedules_per_second()},
        {"seed", result.failing_seed ? nlohmann::json(*result.failing_seed) : nlohmann::json(nullptr)},
        {"message", result.message},
        {"details", result.details},
        {"params", params},
        {"reproduce", report.reproduce},
        {"replay", report.token.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.token)},
        {"race_consequence", race_consequence_json(report)},
        {"preemptions", result.preemptions},
        {"preemptions_proven", result.preemptions_proven},
        {"events", events_json(result.events)},
        {"exhausted", result.exhausted},
        {"budget_reached", result.budget_reached},
        {"interrupted", result.interrupted},
        {"ran", report.ran},
    });
    if (!report.ran) records.back()["not_run_reason"] = report.not_run_reason;
    if (!result.warning.empty()) records.back()["warning"] = result.warning;
    if (const auto& repeat = report.repetitions)
      records.back()["repeat"] = {{"runs", repeat->runs},
                                  {"matched", repeat->matched},
                                  {"median_schedules", repeat->median_schedules},
                                  {"median_seconds", repeat->median_seconds}};
    if (const auto& check = report.replay_check) {
      records.back()["recorded_verdict"] = to_string(check->recorded);
      records.back()["reproduced"] = check->reproduced;
      records.back()["followed"] = check->followed;
    }
  }
  return records.dump(2);
}

std::string to_trace_json(const std::vector<VariantReport>& reports) {
  auto traces = nlohmann::json::array();
  for (const auto& report : reports) {
    if (report.token.empty()) continue;
    const ExploreResult& result = report.result;
    traces.push_back({
        {"schema_version", kJsonSchemaVersion},
        {"scenario", report.scenario},
        {"variant", report.variant},
        {"engine", to_string(report.engine)},
        {"seed", *result.failing_seed},
        {"verdict", to_string(result.verdict)},
        {"message", result.message},
        {"params", params_json(report.params)},
        {"options", options_json(report.schedule_options)},
        {"schedule", result.failing_schedule},
        {"preemptions", result.preemptions},
        {"replay", report.token},
        {"events", events_json(result.events)},
    });
  }
  return nlohmann::json{{"interleave_trace", 1}, {"traces", traces}}.dump(2);
}

}  // namespace interleave::report
