#pragma once

// Helpers the sync tests share: an exploration of `schedules` schedules with
// every other option at its default, and a result's message with its details.

#include <cstdint>
#include <functional>
#include <string>

#include "interleave/interleave.hpp"

namespace interleave::test_support {

inline ExploreResult explore_for(std::uint64_t schedules, const std::function<void()>& body) {
  ExploreOptions options;
  options.schedules = schedules;
  return explore(options, body);
}

inline std::string all_text(const ExploreResult& result) {
  std::string text = result.message + "\n";
  for (const auto& line : result.details) text += line + "\n";
  return text;
}

}  // namespace interleave::test_support
