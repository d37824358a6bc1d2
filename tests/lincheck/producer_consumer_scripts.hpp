#pragma once

// The scripts the real-queue checks run: two producers push three values
// each (producer p pushes p * 100 + 1, 2, 3) while two consumers pop as
// many in all.

#include <vector>

#include "interleave/lincheck.hpp"

namespace interleave::testing {

template <class Model>
std::vector<lincheck::Script<Model>> producers_and_consumers() {
  std::vector<lincheck::Script<Model>> scripts;
  for (int producer = 0; producer < 2; ++producer) {
    lincheck::Script<Model> pushes;
    for (int n = 1; n <= 3; ++n) pushes.push_back({true, producer * 100 + n});
    scripts.push_back(pushes);
  }
  for (int consumer = 0; consumer < 2; ++consumer) scripts.push_back(lincheck::Script<Model>(3, {false, 0}));
  return scripts;
}

}  // namespace interleave::testing
