#include "interleave/explore_observer.hpp"

#include <fmt/format.h>

#include <atomic>
#include <string>

#include "explore/explore_observer.hpp"
#include "interleave/backend.hpp"
#include "interleave/verdict.hpp"

namespace interleave {
namespace {

std::atomic<ExploreObserver*> installed{nullptr};
// Explorations under way: only the outermost one is told, so that an
// exploration a test starts from inside another is one to its observer.
std::atomic<int> depth{0};

}  // namespace

void observe_explorations(ExploreObserver* observer) { installed.store(observer); }

bool fail_current_schedule(std::string_view message, std::string_view file, int line) {
  detail::Backend* backend = detail::active_backend;
  if (backend == nullptr) return false;
  if (auto slash = file.rfind('/'); slash != std::string_view::npos) file.remove_prefix(slash + 1);
  backend->fail_without_leaving(Verdict::invariant, std::string(message), fmt::format("{}:{}", file, line));
  return true;
}

namespace exploration {

ObservedExploration::ObservedExploration() : observer_(depth.fetch_add(1) == 0 ? installed.load() : nullptr) {
  if (observer_ != nullptr) observer_->exploration_begins();
}

void ObservedExploration::ended(const ExploreResult& result) {
  if (observer_ != nullptr) std::exchange(observer_, nullptr)->exploration_ends(&result);
}

ObservedExploration::~ObservedExploration() {
  if (observer_ != nullptr) observer_->exploration_ends(nullptr);
  depth.fetch_sub(1);
}

}  // namespace exploration
}  // namespace interleave
