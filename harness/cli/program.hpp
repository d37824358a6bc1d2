#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace interleave::cli {

// Who this command line is: the name it goes by in --help, in reproduce
// lines and in error messages; the binary `run` executes again to isolate
// each variant; and its ThreadSanitizer twin, which --engine tsan runs.
struct Program {
  std::string name = "interleave";
  std::string self_binary;               // empty: every variant runs in this process
  std::optional<std::string> tsan_twin;  // none: --engine tsan is a usage error ...
  std::string missing_tsan_twin;         // ... saying this
};

// The interleave binary over the built-in catalog (self_binary empty): its
// twin is `interleave-tsan` beside it or the tsan preset's build.
Program interleave_program();

// A user's program built on interleave::cli: called `name`, or argv[0]'s
// file name when that is empty; its twin is `<this executable>-tsan` beside
// it, as interleave_add_tsan_twin builds it.
Program user_program(const char* argv0, std::string_view name);

// This process's executable (empty when /proc cannot say).
std::string own_executable();

}  // namespace interleave::cli
