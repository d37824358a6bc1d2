#include "scenarios/catalog.hpp"

namespace interleave::scenarios {

const std::vector<Scenario>& catalog() {
  static const std::vector<Scenario> scenarios = {
      counter_scenario(),
      bank_account_scenario(),
  };
  return scenarios;
}

}  // namespace interleave::scenarios
