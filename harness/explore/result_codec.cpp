#include "explore/result_codec.hpp"

#include <nlohmann/json.hpp>

namespace interleave::exploration {
namespace {

nlohmann::json consequence_json(const std::optional<RaceConsequence>& consequence) {
  if (!consequence) return nullptr;
  return {{"verdict", to_string(consequence->verdict)},
          {"message", consequence->message},
          {"seed", consequence->seed},
          {"schedules", consequence->schedules},
          {"schedule", consequence->schedule},
          {"preemptions", consequence->preemptions}};
}

std::optional<RaceConsequence> consequence_of(const nlohmann::json& json) {
  if (json.is_null()) return std::nullopt;
  const auto verdict = parse_verdict(json.at("verdict").get<std::string>());
  if (!verdict) throw nlohmann::json::other_error::create(501, "unknown verdict", &json);
  RaceConsequence consequence;
  consequence.verdict = *verdict;
  json.at("message").get_to(consequence.message);
  json.at("seed").get_to(consequence.seed);
  json.at("schedules").get_to(consequence.schedules);
  json.at("schedule").get_to(consequence.schedule);
  json.at("preemptions").get_to(consequence.preemptions);
  return consequence;
}

}  // namespace

std::string encode_result(const ExploreResult& result) {
  auto events = nlohmann::json::array();
  for (const auto& event : result.events) events.push_back({event.task, event.task_name, event.text, event.where});
  return nlohmann::json{
      {"verdict", to_string(result.verdict)},
      {"message", result.message},
      {"details", result.details},
      {"schedules", result.schedules},
      {"seconds", result.seconds},
      {"shrink_seconds", result.shrink_seconds},
      {"failing_seed", result.failing_seed ? nlohmann::json(*result.failing_seed) : nlohmann::json(nullptr)},
      {"failing_schedule", result.failing_schedule},
      {"preemptions", result.preemptions},
      {"preemptions_found", result.preemptions_found},
      {"preemptions_proven", result.preemptions_proven},
      {"failing_steps", result.failing_steps},
      {"events", events},
      {"exhausted", result.exhausted},
      {"diverged", result.diverged},
      {"budget_reached", result.budget_reached},
      {"interrupted", result.interrupted},
      {"max_tasks", result.max_tasks},
      {"max_steps", result.max_steps},
      {"race_consequence", consequence_json(result.race_consequence)},
      {"strategy", result.strategy},
      {"warning", result.warning},
      {"replay_token", result.replay_token},
  }
      .dump();
}

std::optional<ExploreResult> decode_result(std::string_view text) {
  try {
    const auto json = nlohmann::json::parse(text);
    ExploreResult result;
    const auto verdict = parse_verdict(json.at("verdict").get<std::string>());
    if (!verdict) return std::nullopt;
    result.verdict = *verdict;
    json.at("message").get_to(result.message);
    json.at("details").get_to(result.details);
    json.at("schedules").get_to(result.schedules);
    json.at("seconds").get_to(result.seconds);
    json.at("shrink_seconds").get_to(result.shrink_seconds);
    if (!json.at("failing_seed").is_null()) result.failing_seed = json.at("failing_seed").get<std::uint64_t>();
    json.at("failing_schedule").get_to(result.failing_schedule);
    json.at("preemptions").get_to(result.preemptions);
    json.at("preemptions_found").get_to(result.preemptions_found);
    json.at("preemptions_proven").get_to(result.preemptions_proven);
    json.at("failing_steps").get_to(result.failing_steps);
    for (const auto& event : json.at("events"))
      result.events.push_back({event.at(0).get<int>(), event.at(1).get<std::string>(), event.at(2).get<std::string>(),
                               event.at(3).get<std::string>()});
    json.at("exhausted").get_to(result.exhausted);
    json.at("diverged").get_to(result.diverged);
    json.at("budget_reached").get_to(result.budget_reached);
    json.at("interrupted").get_to(result.interrupted);
    json.at("max_tasks").get_to(result.max_tasks);
    json.at("max_steps").get_to(result.max_steps);
    result.race_consequence = consequence_of(json.at("race_consequence"));
    json.at("strategy").get_to(result.strategy);
    json.at("warning").get_to(result.warning);
    json.at("replay_token").get_to(result.replay_token);
    return result;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace interleave::exploration
