#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "interleave/scenario.hpp"

namespace interleave::cli {

struct SelectedVariant {
  const Scenario* scenario;
  const Variant* variant;
};

// A filter as GoogleTest's: positive patterns separated by ':', then
// optionally '-' and negative patterns (`a:b:-c:d`: what a or b matches,
// less what c or d matches; `-c` alone: everything but c). A pattern is
// `all`, a scenario name alone, an exact scenario/variant, or a shell glob
// such as `bank_account/*`.
struct NameFilter {
  std::string text;  // as given, for messages
  std::vector<std::string> positive;
  std::vector<std::string> negative;
};

// Parses FILTER; an empty one, or one with an empty pattern, is a UsageError.
NameFilter parse_filter(const std::string& text);

// Whether one pattern matches `scenario`/`variant`.
bool pattern_matches(const std::string& pattern, const std::string& scenario, const std::string& variant);

// For each of `names` (scenario, variant), whether FILTER keeps it. Throws
// UsageError when a pattern matches none of `names` (a typo would otherwise
// go unseen) or when the filter keeps none. `what` names the items in
// messages ("scenario or variant", "lincheck variant").
std::vector<bool> apply_filter(const NameFilter& filter, const std::vector<std::pair<std::string, std::string>>& names,
                               std::string_view what, std::string_view program);

// Variants whose `scenario/variant` name FILTER keeps (see NameFilter).
// `program`: the CLI's name, in the hint that ends the error message.
std::vector<SelectedVariant> select_variants(const std::vector<Scenario>& catalog, const std::string& filter,
                                             std::string_view program);

struct SelectedLincheckVariant {
  const Scenario* scenario;
  const LincheckVariant* variant;
};

// Lincheck variants whose `scenario/variant` name FILTER keeps, as for
// select_variants; throws UsageError when none does.
std::vector<SelectedLincheckVariant> select_lincheck_variants(const std::vector<Scenario>& catalog,
                                                              const std::string& filter, std::string_view program);

// The variant named exactly `scenario`/`variant` (no glob, no scenario
// alone); throws UsageError.
SelectedVariant find_variant(const std::vector<Scenario>& catalog, std::string_view scenario, std::string_view variant,
                             std::string_view program);

// A usage or input error: printed as one line, exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Applies `KEY=VALUE` overrides to a scenario's defaults. Keys a scenario does
// not declare are skipped; the caller checks that each key was used somewhere.
Params apply_overrides(const Scenario& scenario, const std::vector<std::pair<std::string, std::int64_t>>& overrides);

// Parses `KEY=VALUE` assignments (whole numbers); their ranges are the
// scenario's, checked by check_parameter.
std::vector<std::pair<std::string, std::int64_t>> parse_overrides(const std::vector<std::string>& assignments);

// Throws UsageError when `value` is outside the range of `scenario`'s
// parameter `key`; `source` says where the value came from (`--set`, "the
// token", a trace file). The one check for --set, replay tokens and trace files.
void check_parameter(const Scenario& scenario, std::string_view key, std::int64_t value, std::string_view source);

}  // namespace interleave::cli
