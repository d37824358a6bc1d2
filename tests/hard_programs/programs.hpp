#pragma once

#include <vector>

#include "hard_programs/hard_programs.hpp"

namespace interleave::hard_programs {

// Each file's programs, gathered by all().
std::vector<HardProgram> lock_free_programs();
std::vector<HardProgram> coordination_programs();

}  // namespace interleave::hard_programs
