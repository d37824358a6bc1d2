#include <fmt/format.h>
#include <fmt/ostream.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/selection.hpp"
#include "cli/terminal.hpp"
#include "report/text_table.hpp"
#include "report/variant_report.hpp"

namespace interleave::cli {
namespace {

std::string params_text(const Params& params) {
  std::string text;
  for (const auto& [key, value] : params.values()) text += fmt::format("{}{}={}", text.empty() ? "" : " ", key, value);
  return text;
}

// What FILTER keeps of the catalog: its variants and its lincheck variants,
// a pattern counting as used when it matches either.
struct Listed {
  std::vector<SelectedVariant> variants;
  std::vector<SelectedLincheckVariant> lincheck;
};

Listed listed(const std::vector<Scenario>& catalog, const std::string& filter, std::string_view program) {
  std::vector<std::pair<std::string, std::string>> names;
  for (const auto& scenario : catalog) {
    for (const auto& variant : scenario.variants) names.emplace_back(scenario.name, variant.name);
    for (const auto& variant : scenario.lincheck) names.emplace_back(scenario.name, variant.name);
  }
  const std::vector<bool> kept = apply_filter(parse_filter(filter), names, "scenario or variant", program);
  Listed result;
  std::size_t i = 0;
  for (const auto& scenario : catalog) {
    for (const auto& variant : scenario.variants)
      if (kept[i++]) result.variants.push_back({&scenario, &variant});
    for (const auto& variant : scenario.lincheck)
      if (kept[i++]) result.lincheck.push_back({&scenario, &variant});
  }
  return result;
}

std::string to_json(const Listed& listed) {
  auto records = nlohmann::json::array();
  for (const auto& [scenario, variant] : listed.variants) {
    nlohmann::json expected = nlohmann::json::array();
    for (Verdict verdict : variant->expected) expected.push_back(to_string(verdict));
    // The truth table: what each engine the variant runs on is expected to report.
    nlohmann::json by_engine = nlohmann::json::object();
    for (EngineKind engine : kAllEngines) {
      if (!variant->runs_on(engine)) continue;
      nlohmann::json verdicts = nlohmann::json::array();
      for (Verdict verdict : variant->expected_on(engine)) verdicts.push_back(to_string(verdict));
      by_engine[std::string(to_string(engine))] = verdicts;
    }
    nlohmann::json params = nlohmann::json::object();
    for (const auto& [key, value] : scenario->defaults.values()) params[key] = value;
    records.push_back({{"schema_version", report::kJsonSchemaVersion},
                       {"scenario", scenario->name},
                       {"variant", variant->name},
                       {"expected", expected},
                       {"expected_by_engine", by_engine},
                       {"lesson", variant->lesson},
                       {"params", params}});
  }
  return records.dump(2);
}

// One row per variant, under a line per scenario with its parameters'
// defaults (a column of them would not leave the names room in 100 columns).
void print_variants(std::ostream& out, const std::vector<SelectedVariant>& variants, std::size_t scenarios) {
  std::size_t name = 0, expected = 0, tsan = 0;
  for (const auto& [scenario, variant] : variants) {
    name = std::max(name, scenario->name.size() + 1 + variant->name.size());
    expected = std::max(expected, report::expected_text(variant->expected).size());
    tsan = std::max(tsan, report::expected_text(variant->expected_on(EngineKind::tsan)).size());
  }
  const report::TextLayout layout = text_layout_of(out);
  const report::TextTable table({{"scenario/variant", name}, {"expected", expected}, {"under tsan", tsan}}, layout);
  out << table.heading();
  const Scenario* shown = nullptr;
  for (const auto& [scenario, variant] : variants) {
    if (scenario != shown) {
      shown = scenario;
      out << "\n"
          << report::wrapped(fmt::format("{} (defaults: {})", scenario->name, params_text(scenario->defaults)),
                             layout.width, "", "  ");
    }
    const std::string tsan_text =
        variant->runs_on(EngineKind::tsan) ? report::expected_text(variant->expected_on(EngineKind::tsan)) : "-";
    out << table.row({{scenario->name + "/" + variant->name}, {report::expected_text(variant->expected)}, {tsan_text}});
  }
  fmt::print(out, "\n{} in {}\n", report::counted(variants.size(), "variant"), report::counted(scenarios, "scenario"));
}

template <typename Selected>
std::size_t scenarios_of(const std::vector<Selected>& selected) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < selected.size(); ++i)
    count += i == 0 || selected[i].scenario != selected[i - 1].scenario ? 1 : 0;
  return count;
}

}  // namespace

int list_command(const ListOptions& options, const std::vector<Scenario>& catalog, std::ostream& out,
                 std::string_view program) {
  const Listed selected = listed(catalog, options.filter, program);
  if (!options.json_path.empty()) {
    write_output(options.json_path, to_json(selected), out);
    return kAllMatched;
  }
  if (!selected.variants.empty()) print_variants(out, selected.variants, scenarios_of(selected.variants));
  if (selected.lincheck.empty()) return kAllMatched;
  std::size_t name = std::string_view("lincheck variant (interleave lincheck)").size();
  for (const auto& [scenario, variant] : selected.lincheck)
    name = std::max(name, scenario->name.size() + 1 + variant->name.size());
  const report::TextTable table({{"lincheck variant (interleave lincheck)", name}, {"expected", 8}},
                                text_layout_of(out));
  out << (selected.variants.empty() ? "" : "\n") << table.heading();
  for (const auto& [scenario, variant] : selected.lincheck)
    out << table.row({{scenario->name + "/" + variant->name}, {report::expected_text(variant->expected)}});
  fmt::print(out, "{} in {}\n", report::counted(selected.lincheck.size(), "lincheck variant"),
             report::counted(scenarios_of(selected.lincheck), "scenario"));
  return kAllMatched;
}

}  // namespace interleave::cli
