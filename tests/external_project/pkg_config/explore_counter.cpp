// Built with nothing but `$(pkg-config --cflags --libs interleave)` against
// the installed tree (run.sh): an unsynchronized counter must be found racy,
// a locked one clean.
#include <cstdio>
#include <interleave/interleave.hpp>
#include <string_view>

namespace {

template <bool kLocked>
void two_increments() {
  interleave::Mutex lock{"lock"};
  interleave::Shared<int> count{0, "count"};
  auto increment = [&] {
    if constexpr (kLocked) {
      interleave::ScopedLock hold(lock);
      count.write(count.read() + 1);
    } else {
      count.write(count.read() + 1);
    }
  };
  {
    auto a = interleave::spawn(increment, "a");
    auto b = interleave::spawn(increment, "b");
  }
}

}  // namespace

int main() {
  interleave::ExploreOptions options;
  options.schedules = 1'000;
  const auto racy = interleave::explore(options, two_increments<false>);
  const auto locked = interleave::explore(options, two_increments<true>);
  const std::string_view racy_verdict = interleave::to_string(racy.verdict),
                         locked_verdict = interleave::to_string(locked.verdict);
  std::printf("pkg-config build: unsynchronized %.*s, locked %.*s\n", static_cast<int>(racy_verdict.size()),
              racy_verdict.data(), static_cast<int>(locked_verdict.size()), locked_verdict.data());
  return racy.verdict == interleave::Verdict::race && locked.clean() ? 0 : 1;
}
