#include <fmt/format.h>
#include <fmt/ostream.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "report/variant_report.hpp"

namespace interleave::cli {
namespace {

std::string params_text(const Params& params) {
  std::string text;
  for (const auto& [key, value] : params.values()) text += fmt::format("{}{}={}", text.empty() ? "" : " ", key, value);
  return text;
}

}  // namespace

int list_command(const ListOptions& options, const std::vector<Scenario>& catalog, std::ostream& out) {
  if (options.json) {
    auto records = nlohmann::json::array();
    for (const auto& scenario : catalog)
      for (const auto& variant : scenario.variants) {
        nlohmann::json expected = nlohmann::json::array();
        for (Verdict verdict : variant.expected) expected.push_back(to_string(verdict));
        // The truth table: what each engine the variant runs on is expected to report.
        nlohmann::json by_engine = nlohmann::json::object();
        for (EngineKind engine : kAllEngines) {
          if (!variant.runs_on(engine)) continue;
          nlohmann::json verdicts = nlohmann::json::array();
          for (Verdict verdict : variant.expected_on(engine)) verdicts.push_back(to_string(verdict));
          by_engine[std::string(to_string(engine))] = verdicts;
        }
        nlohmann::json params = nlohmann::json::object();
        for (const auto& [key, value] : scenario.defaults.values()) params[key] = value;
        records.push_back({{"scenario", scenario.name},
                           {"variant", variant.name},
                           {"expected", expected},
                           {"expected_by_engine", by_engine},
                           {"lesson", variant.lesson},
                           {"params", params}});
      }
    out << records.dump(2) << "\n";
    return kAllMatched;
  }
  fmt::print(out, "{:<40} {:<30} {:<22} {}\n", "scenario/variant", "expected", "under tsan", "parameters (defaults)");
  std::size_t count = 0;
  for (const auto& scenario : catalog)
    for (const auto& variant : scenario.variants) {
      const std::string tsan =
          variant.runs_on(EngineKind::tsan) ? report::expected_text(variant.expected_on(EngineKind::tsan)) : "-";
      fmt::print(out, "{:<40} {:<30} {:<22} {}\n", scenario.name + "/" + variant.name,
                 report::expected_text(variant.expected), tsan, params_text(scenario.defaults));
      ++count;
    }
  fmt::print(out, "{} variants in {} scenarios\n", count, catalog.size());

  std::size_t lincheck_count = 0, lincheck_scenarios = 0;
  for (const auto& scenario : catalog) {
    for (const auto& variant : scenario.lincheck) {
      if (lincheck_count++ == 0) fmt::print(out, "\n{:<40} {}\n", "lincheck variant (interleave lincheck)", "expected");
      fmt::print(out, "{:<40} {}\n", scenario.name + "/" + variant.name, report::expected_text(variant.expected));
    }
    lincheck_scenarios += scenario.lincheck.empty() ? 0 : 1;
  }
  if (lincheck_count > 0) fmt::print(out, "{} lincheck variants in {} scenarios\n", lincheck_count, lincheck_scenarios);
  return kAllMatched;
}

}  // namespace interleave::cli
