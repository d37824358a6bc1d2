#include "scenarios/catalog.hpp"

namespace interleave::scenarios {

const std::vector<Scenario>& catalog() {
  static const std::vector<Scenario> scenarios = {
      counter_scenario(),      bank_account_scenario(),  bounded_queue_scenario(), poison_pill_scenario(),
      rate_limiter_scenario(), resource_pool_scenario(), thread_pool_scenario(),   dining_philosophers_scenario(),
      event_loop_scenario(),   crawler_scenario(),       parallel_map_scenario(),
  };
  return scenarios;
}

}  // namespace interleave::scenarios
