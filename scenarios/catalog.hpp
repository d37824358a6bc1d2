#pragma once

#include <string_view>
#include <vector>

#include "interleave/scenario.hpp"

namespace interleave::scenarios {

// Every scenario of the catalog (../shared/CATALOG.md), in catalog order.
const std::vector<Scenario>& catalog();

Scenario counter_scenario();
Scenario bank_account_scenario();
Scenario bounded_queue_scenario();
Scenario poison_pill_scenario();
Scenario rate_limiter_scenario();
Scenario resource_pool_scenario();
Scenario thread_pool_scenario();
Scenario dining_philosophers_scenario();
Scenario event_loop_scenario();
Scenario crawler_scenario();
Scenario parallel_map_scenario();

}  // namespace interleave::scenarios
