#include "interleave/verdict.hpp"

#include <array>
#include <utility>

namespace interleave {
namespace {

constexpr std::array<std::pair<Verdict, std::string_view>, 10> kNames{{
    {Verdict::clean, "clean"},
    {Verdict::race, "race"},
    {Verdict::invariant, "invariant"},
    {Verdict::deadlock, "deadlock"},
    {Verdict::lock_order_inversion, "lock_order_inversion"},
    {Verdict::hang, "hang"},
    {Verdict::blocked_loop, "blocked_loop"},
    {Verdict::crash, "crash"},
    {Verdict::thread_leak, "thread_leak"},
    {Verdict::not_linearizable, "not_linearizable"},
}};

}  // namespace

std::string_view to_string(Verdict verdict) {
  for (const auto& [value, name] : kNames)
    if (value == verdict) return name;
  return "unknown";
}

std::optional<Verdict> parse_verdict(std::string_view text) {
  for (const auto& [value, name] : kNames)
    if (name == text) return value;
  return std::nullopt;
}

}  // namespace interleave
