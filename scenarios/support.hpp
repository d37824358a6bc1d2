#pragma once

#include <fmt/format.h>

#include <functional>
#include <vector>

#include "interleave/interleave.hpp"
#include "interleave/scenario.hpp"

namespace interleave::scenarios {

// Runs `work(index)` on `workers` spawned tasks and joins them all.
inline void run_workers(int workers, const std::function<void(int)>& work) {
  std::vector<Task> tasks;
  tasks.reserve(static_cast<std::size_t>(workers));
  for (int w = 0; w < workers; ++w) tasks.push_back(spawn([&work, w] { work(w); }, fmt::format("worker{}", w)));
  for (auto& task : tasks) task.join();
}

}  // namespace interleave::scenarios
