// Primitives' names, made only when a message needs one, and the errors of
// a primitive used where no run can take it.

#include "interleave/object_name.hpp"

#include <fmt/format.h>

#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "interleave/per_run.hpp"

namespace interleave::detail {
namespace {

struct Key {
  const void* file;
  std::uint_least32_t line;
  std::uint_least32_t column;
  const void* kind;
  bool operator==(const Key&) const = default;
};

struct KeyHash {
  std::size_t operator()(const Key& key) const noexcept {
    std::size_t h = std::hash<const void*>{}(key.file);
    h = h * 31 + key.line;
    h = h * 31 + key.column;
    return h * 31 + std::hash<const void*>{}(key.kind);
  }
};

// One entry a source location, never removed: the program has only so many.
struct Registry {
  std::mutex mutex;
  std::unordered_map<Key, MadeHere*, KeyHash> sites;
  // What the standard library makes (a std::vector's elements) is counted
  // by kind: its location is a header's line, which means nothing to the user.
  std::unordered_map<std::string_view, std::unique_ptr<MadeHere>> by_kind;
  std::unordered_map<Key, std::unique_ptr<MadeHere>, KeyHash> owned;
};

Registry& registry() {
  static Registry* const instance = new Registry;  // never destroyed: globals may be named at exit
  return *instance;
}

bool in_std_library(const char* file) {
  return std::strstr(file, "/include/c++/") != nullptr || std::strstr(file, "\\include\\c++\\") != nullptr;
}

MadeHere& look_up(const Key& key, const char* kind, const char* file) {
  Registry& all = registry();
  std::lock_guard<std::mutex> hold(all.mutex);
  if (auto found = all.sites.find(key); found != all.sites.end()) return *found->second;
  MadeHere* here = nullptr;
  if (in_std_library(file)) {
    auto& counted = all.by_kind[kind];
    if (!counted) {
      counted = std::make_unique<MadeHere>();
      counted->in_std_library = true;
    }
    here = counted.get();
  } else {
    here = (all.owned[key] = std::make_unique<MadeHere>()).get();
  }
  all.sites.emplace(key, here);
  return *here;
}

// Objects are made on a hot path (a body makes its mutex every schedule):
// a small cache in front of the registry, one per thread.
MadeHere& made_here(const char* kind, const std::source_location& made) {
  const Key key{made.file_name(), made.line(), made.column(), kind};
  struct Cached {
    Key key{};
    MadeHere* here = nullptr;
  };
  thread_local Cached cache[16];
  Cached& slot = cache[KeyHash{}(key) % 16];
  if (slot.here == nullptr || !(slot.key == key)) slot = {key, &look_up(key, kind, made.file_name())};
  return *slot.here;
}

class Busy {
 public:
  explicit Busy(std::atomic_flag& flag) : flag_(flag) {
    while (flag_.test_and_set(std::memory_order_acquire)) {
    }
  }
  ~Busy() { flag_.clear(std::memory_order_release); }
  Busy(const Busy&) = delete;
  Busy& operator=(const Busy&) = delete;

 private:
  std::atomic_flag& flag_;
};

std::string place_of(const std::source_location& made) {
  std::string_view file = made.file_name();
  if (auto slash = file.find_last_of("/\\"); slash != std::string_view::npos) file.remove_prefix(slash + 1);
  return fmt::format("{}:{}", file, made.line());
}

}  // namespace

ObjectName::ObjectName(const char* kind, const std::source_location& made) : kind_(kind), made_(made) {
  here_ = &made_here(kind, made);
  run_ = active_backend != nullptr ? active_backend->run_id : 0;
  Busy hold(here_->busy);
  if (here_->run != run_) {
    here_->run = run_;
    here_->made = 0;
  }
  index_ = here_->made++;
}

std::string ObjectName::str() const {
  if (!given_.empty() || here_ == nullptr) return given_;
  bool several = here_->in_std_library || index_ > 0;
  if (!several) {
    Busy hold(here_->busy);
    several = here_->run == run_ && here_->made > 1;
  }
  std::string text = kind_;
  if (!here_->in_std_library) text += "@" + place_of(made_);
  if (several) text += fmt::format("[{}]", index_);
  return text;
}

std::string ObjectName::with_place() const {
  if (given_.empty() && here_ != nullptr) return str();
  if (made_.line() == 0) return fmt::format("{} '{}'", kind_, given_);
  return fmt::format("{} '{}' (made at {})", kind_, given_, place_of(made_));
}

void throw_unbound(const ObjectName& name) {
  throw std::logic_error(fmt::format(
      "interleave: {} used outside interleave::explore(); create it inside the explored body or call it only from "
      "tasks",
      name.with_place()));
}

void moved_in_use(const ObjectName& name) {
  const std::string message = fmt::format(
      "{} was moved while this run uses it (a container that grew after its elements were used?): std's "
      "primitives cannot move at all; give the container its size before the first use",
      name.with_place());
  if (active_backend == nullptr) throw std::logic_error("interleave: " + message);
  active_backend->fail(Verdict::crash, message, name.made());
}

std::mutex& binding_mutex() {
  static std::mutex* const instance = new std::mutex;
  return *instance;
}

}  // namespace interleave::detail
