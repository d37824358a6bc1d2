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

// Variants whose `scenario/variant` name matches FILTER: `all`, an exact
// name, a scenario name alone, or a shell glob such as `bank_account/*`.
std::vector<SelectedVariant> select_variants(const std::vector<Scenario>& catalog, const std::string& filter);

// A usage or input error: printed as one line, exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Applies `KEY=VALUE` overrides to a scenario's defaults. Keys a scenario does
// not declare are skipped; the caller checks that each key was used somewhere.
Params apply_overrides(const Scenario& scenario, const std::vector<std::pair<std::string, std::int64_t>>& overrides);

std::vector<std::pair<std::string, std::int64_t>> parse_overrides(const std::vector<std::string>& assignments);

}  // namespace interleave::cli
