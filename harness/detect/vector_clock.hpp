#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace interleave::detect {

// A vector clock over task ids; entries past the end are zero.
class VectorClock {
 public:
  std::uint32_t operator[](int task) const { return task < static_cast<int>(entries_.size()) ? entries_[task] : 0; }

  void set(int task, std::uint32_t value) {
    if (task >= static_cast<int>(entries_.size())) entries_.resize(task + 1, 0);
    entries_[task] = value;
  }

  void tick(int task) { set(task, (*this)[task] + 1); }

  // Pointwise maximum: what this clock has seen, it keeps.
  void join(const VectorClock& other) {
    if (other.entries_.size() > entries_.size()) entries_.resize(other.entries_.size(), 0);
    for (std::size_t i = 0; i < other.entries_.size(); ++i) entries_[i] = std::max(entries_[i], other.entries_[i]);
  }

  // Back to all zeros, keeping the storage for the next schedule.
  void clear() { std::fill(entries_.begin(), entries_.end(), 0); }

 private:
  std::vector<std::uint32_t> entries_;
};

}  // namespace interleave::detect
