#pragma once

// Generators of `interleave` command lines for the CLI fuzz property: random
// flags with random values (NaN, infinities, -0, huge, negative, empty, very
// long, with newlines), mutated replay tokens, malformed trace files. Every
// valid value they draw is cheap (few schedules, short budgets), so a run that
// does not end within the property's timeout is a bug, not a big input.
// Call them inside a rapidcheck property: they draw with operator*.

#include <rapidcheck.h>

#include <string>
#include <vector>

namespace interleave::fuzz {

// Where generated files go; also the children's working directory.
struct Workspace {
  std::string dir;
};

// One command line, without the program name.
std::vector<std::string> draw_invocation(const Workspace& workspace);

// The checksum a replay token ends with (FNV-1a of everything before it),
// computed here independently of the harness.
std::string token_checksum(const std::string& body);

}  // namespace interleave::fuzz
