#include "cli/selection.hpp"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <charconv>

#include "cli/printable.hpp"

namespace interleave::cli {

NameFilter parse_filter(const std::string& text) {
  if (text.empty()) throw UsageError("the filter is empty (`all` selects everything)");
  NameFilter filter{text, {}, {}};
  auto split = [&](std::string part, std::vector<std::string>& patterns) {
    for (std::size_t start = 0;;) {
      const auto colon = part.find(':', start);
      std::string pattern = part.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      if (pattern.empty()) throw UsageError(fmt::format("filter {} has an empty pattern", echoed(text)));
      patterns.push_back(std::move(pattern));
      if (colon == std::string::npos) return;
      start = colon + 1;
    }
  };
  const auto dash = text.find('-');
  std::string positive = text.substr(0, dash);
  if (positive.ends_with(':') && dash != std::string::npos) positive.pop_back();  // `a:b:-c`
  if (!positive.empty()) split(positive, filter.positive);
  if (dash != std::string::npos) split(text.substr(dash + 1), filter.negative);
  return filter;
}

bool pattern_matches(const std::string& pattern, const std::string& scenario, const std::string& variant) {
  if (pattern == "all" || pattern == scenario) return true;
  const std::string name = scenario + "/" + variant;
  return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

std::vector<bool> apply_filter(const NameFilter& filter, const std::vector<std::pair<std::string, std::string>>& names,
                               std::string_view what, std::string_view program) {
  auto any_match = [&](const std::vector<std::string>& patterns, const auto& name) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& pattern) { return pattern_matches(pattern, name.first, name.second); });
  };
  for (const auto* patterns : {&filter.positive, &filter.negative})
    for (const auto& pattern : *patterns)
      if (std::none_of(names.begin(), names.end(),
                       [&](const auto& name) { return pattern_matches(pattern, name.first, name.second); }))
        throw UsageError(fmt::format("no {} matches {} (see `{} list`)", what, echoed(pattern), program));
  std::vector<bool> kept;
  for (const auto& name : names)
    kept.push_back((filter.positive.empty() || any_match(filter.positive, name)) && !any_match(filter.negative, name));
  if (std::find(kept.begin(), kept.end(), true) == kept.end())
    throw UsageError(fmt::format("filter {} leaves no {} (see `{} list`)", echoed(filter.text), what, program));
  return kept;
}

std::vector<SelectedVariant> select_variants(const std::vector<Scenario>& catalog, const std::string& filter,
                                             std::string_view program) {
  std::vector<SelectedVariant> all;
  std::vector<std::pair<std::string, std::string>> names;
  for (const auto& scenario : catalog)
    for (const auto& variant : scenario.variants) {
      all.push_back({&scenario, &variant});
      names.emplace_back(scenario.name, variant.name);
    }
  const std::vector<bool> kept = apply_filter(parse_filter(filter), names, "scenario or variant", program);
  std::vector<SelectedVariant> selected;
  for (std::size_t i = 0; i < all.size(); ++i)
    if (kept[i]) selected.push_back(all[i]);
  return selected;
}

std::vector<SelectedLincheckVariant> select_lincheck_variants(const std::vector<Scenario>& catalog,
                                                              const std::string& filter, std::string_view program) {
  std::vector<SelectedLincheckVariant> all;
  std::vector<std::pair<std::string, std::string>> names;
  for (const auto& scenario : catalog)
    for (const auto& variant : scenario.lincheck) {
      all.push_back({&scenario, &variant});
      names.emplace_back(scenario.name, variant.name);
    }
  const std::vector<bool> kept = apply_filter(parse_filter(filter), names, "lincheck variant", program);
  std::vector<SelectedLincheckVariant> selected;
  for (std::size_t i = 0; i < all.size(); ++i)
    if (kept[i]) selected.push_back(all[i]);
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
