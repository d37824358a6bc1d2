#include <nlohmann/json.hpp>

#include "report/variant_report.hpp"

namespace interleave::report {

std::string to_json(const std::vector<VariantReport>& reports) {
  auto records = nlohmann::json::array();
  for (const auto& report : reports) {
    const ExploreResult& result = report.result;
    nlohmann::json expected = nlohmann::json::array();
    for (Verdict verdict : report.expected) expected.push_back(to_string(verdict));
    nlohmann::json params = nlohmann::json::object();
    for (const auto& [key, value] : report.params.values()) params[key] = value;
    records.push_back({
        {"scenario", report.scenario},
        {"variant", report.variant},
        {"engine", to_string(report.engine)},
        {"expected", expected},
        {"verdict", to_string(result.verdict)},
        {"matched", report.matched},
        {"schedules", result.schedules},
        {"seconds", result.seconds},
        {"schedules_per_second", result.schedules_per_second()},
        {"seed", result.failing_seed ? nlohmann::json(*result.failing_seed) : nlohmann::json(nullptr)},
        {"message", result.message},
        {"details", result.details},
        {"params", params},
        {"reproduce", report.reproduce},
    });
  }
  return records.dump(2);
}

}  // namespace interleave::report
