#include "cli/selection.hpp"

#include <fmt/format.h>
#include <fnmatch.h>

#include <charconv>

#include "cli/printable.hpp"

namespace interleave::cli {

std::vector<SelectedVariant> select_variants(const std::vector<Scenario>& catalog, const std::string& filter,
                                             std::string_view program) {
  std::vector<SelectedVariant> selected;
  for (const auto& scenario : catalog)
    for (const auto& variant : scenario.variants) {
      std::string name = scenario.name + "/" + variant.name;
      if (filter == "all" || filter == scenario.name || fnmatch(filter.c_str(), name.c_str(), 0) == 0)
        selected.push_back({&scenario, &variant});
    }
  if (selected.empty())
    throw UsageError(fmt::format("no scenario or variant matches {} (see `{} list`)", echoed(filter), program));
  return selected;
}

std::vector<SelectedLincheckVariant> select_lincheck_variants(const std::vector<Scenario>& catalog,
                                                              const std::string& filter, std::string_view program) {
  std::vector<SelectedLincheckVariant> selected;
  for (const auto& scenario : catalog)
    for (const auto& variant : scenario.lincheck) {
      std::string name = scenario.name + "/" + variant.name;
      if (filter == "all" || filter == scenario.name || fnmatch(filter.c_str(), name.c_str(), 0) == 0)
        selected.push_back({&scenario, &variant});
    }
  if (selected.empty())
    throw UsageError(fmt::format("no lincheck variant matches {} (see `{} list`)", echoed(filter), program));
  return selected;
}

SelectedVariant find_variant(const std::vector<Scenario>& catalog, std::string_view scenario, std::string_view variant,
                             std::string_view program) {
  for (const auto& candidate : catalog)
    if (candidate.name == scenario)
      for (const auto& known : candidate.variants)
        if (known.name == variant) return {&candidate, &known};
  throw UsageError(
      fmt::format("no variant named {} (see `{} list`)", echoed(fmt::format("{}/{}", scenario, variant)), program));
}

std::vector<std::pair<std::string, std::int64_t>> parse_overrides(const std::vector<std::string>& assignments) {
  std::vector<std::pair<std::string, std::int64_t>> overrides;
  for (const auto& assignment : assignments) {
    auto equals = assignment.find('=');
    if (equals == std::string::npos || equals == 0)
      throw UsageError(fmt::format("--set expects KEY=VALUE, got {}", echoed(assignment)));
    std::string key = assignment.substr(0, equals);
    std::string text = assignment.substr(equals + 1);
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size())
      throw UsageError(fmt::format("--set {}: {} is not a whole number", one_line(key), echoed(text)));
    overrides.emplace_back(std::move(key), value);
  }
  return overrides;
}

void check_parameter(const Scenario& scenario, std::string_view key, std::int64_t value, std::string_view source) {
  const ParamRange range = scenario.range_of(key);
  if (value < range.min || value > range.max)
    throw UsageError(fmt::format("{}: {}={} is outside {}..{}, the range of {}'s {}", source, one_line(key), value,
                                 range.min, range.max, scenario.name, one_line(key)));
}

Params apply_overrides(const Scenario& scenario, const std::vector<std::pair<std::string, std::int64_t>>& overrides) {
  Params params = scenario.defaults;
  for (const auto& [key, value] : overrides)
    if (params.has(key)) params.set(key, value);
  return params;
}

}  // namespace interleave::cli
