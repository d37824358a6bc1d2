#include "hard_programs/hard_programs.hpp"

#include <stdexcept>

#include "hard_programs/programs.hpp"

namespace interleave::hard_programs {

const std::vector<HardProgram>& all() {
  static const std::vector<HardProgram> programs = [] {
    std::vector<HardProgram> list = lock_free_programs();
    for (auto& program : coordination_programs()) list.push_back(std::move(program));
    return list;
  }();
  return programs;
}

const HardProgram& named(const std::string& name) {
  for (const auto& program : all())
    if (program.name == name) return program;
  throw std::out_of_range("no hard program " + name);
}

}  // namespace interleave::hard_programs
