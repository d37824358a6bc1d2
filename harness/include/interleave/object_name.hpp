#pragma once

// What a primitive is called in messages and timelines. Kept as the kind,
// the source location it was made at and its index among those made there
// in the run; formatted only when a message needs it.

#include <atomic>
#include <cstdint>
#include <source_location>
#include <string>
#include <utility>

namespace interleave::detail {

// The primitives made at one source location (or, for those the standard
// library makes, as a std::vector's elements, of one kind), counted per run.
struct MadeHere {
  std::atomic_flag busy;        // guards run and made: tasks may construct at once
  std::uint64_t run = 0;        // the run `made` counts in (0: outside any run)
  std::uint32_t made = 0;       // how many so far in that run
  bool in_std_library = false;  // the location is a standard header's: not shown
};

class ObjectName {
 public:
  ObjectName() = default;
  // Named by where it was made: "mutex@queue.cpp:12", with "[3]" when
  // several were made there in the run; counts the location.
  ObjectName(const char* kind, const std::source_location& made);
  // Named by the user ("slots[3]").
  explicit ObjectName(std::string given, const char* kind = "object", const std::source_location& made = {})
      : kind_(kind), made_(made), given_(std::move(given)) {}

  void rename(std::string given) { given_ = std::move(given); }

  // The name in messages.
  std::string str() const;
  // For an error that must say which primitive, and where it was made,
  // when the user's name does not: "mutex 'lock' (made at queue.cpp:12)".
  std::string with_place() const;
  const std::source_location& made() const { return made_; }

 private:
  const char* kind_ = "object";
  std::source_location made_{};
  MadeHere* here_ = nullptr;  // null: named by the user
  std::uint64_t run_ = 0;
  std::uint32_t index_ = 0;
  std::string given_;
};

}  // namespace interleave::detail
