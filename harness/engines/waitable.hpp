#pragma once

#include <string>

#include "interleave/backend.hpp"

namespace interleave::engines {

constexpr detail::TaskId kNoTask = -1;

// Something a task can block on, for deadlock reports: what it is, and which
// task (if any single one) can release it.
class Waitable {
 public:
  virtual ~Waitable() = default;
  virtual std::string describe() const = 0;
  virtual detail::TaskId holder() const { return kNoTask; }
};

}  // namespace interleave::engines
