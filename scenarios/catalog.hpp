#pragma once

#include <string_view>
#include <vector>

#include "interleave/scenario.hpp"

namespace interleave::scenarios {

// Every scenario of the catalog (../shared/CATALOG.md), in catalog order.
const std::vector<Scenario>& catalog();

Scenario counter_scenario();
Scenario bank_account_scenario();

}  // namespace interleave::scenarios
