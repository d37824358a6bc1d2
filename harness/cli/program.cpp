#include "cli/program.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "engines/tsan/tsan_engine.hpp"

namespace interleave::cli {

namespace fs = std::filesystem;

std::string own_executable() {
  std::error_code error;
  return fs::read_symlink("/proc/self/exe", error).string();
}

Program interleave_program() {
  Program program;
  program.tsan_twin = engines::tsan::find_tsan_binary();
  program.missing_tsan_twin = engines::tsan::missing_tsan_binary_message();
  return program;
}

Program user_program(const char* argv0, std::string_view name) {
  Program program;
  program.self_binary = own_executable();
  const std::string executable = fs::path(program.self_binary).filename().string();
  program.name = !name.empty()                        ? std::string(name)
                 : argv0 != nullptr && *argv0 != '\0' ? fs::path(argv0).filename().string()
                                                      : executable;
  const std::string twin = program.self_binary + "-tsan";
  if (!program.self_binary.empty() && access(twin.c_str(), X_OK) == 0) program.tsan_twin = twin;
  program.missing_tsan_twin = fmt::format(
      "--engine tsan needs a ThreadSanitizer twin of this program, which is missing (looked for {}); add "
      "interleave_add_tsan_twin({}) to its CMakeLists.txt",
      twin, executable);
  return program;
}

}  // namespace interleave::cli
