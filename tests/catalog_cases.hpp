#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "scenarios/catalog.hpp"

namespace interleave::testing {

struct CatalogCase {
  const Scenario* scenario;
  const Variant* variant;
};

// How GoogleTest prints a case: its scenario/variant name.
inline void PrintTo(const CatalogCase& param, std::ostream* out) {
  *out << param.scenario->name << "/" << param.variant->name;
}

inline std::vector<CatalogCase> catalog_cases() {
  std::vector<CatalogCase> cases;
  for (const auto& scenario : scenarios::catalog())
    for (const auto& variant : scenario.variants) cases.push_back({&scenario, &variant});
  return cases;
}

inline std::string case_name(const ::testing::TestParamInfo<CatalogCase>& info) {
  return info.param.scenario->name + "_" + info.param.variant->name;
}

}  // namespace interleave::testing
