// The user's own `interleave` command line: every subcommand, over the
// user's scenarios instead of the built-in catalog.
#include <interleave/cli.hpp>
#include <string>
#include <utility>

#include "std_class_checks.hpp"
#include "wallet.hpp"

namespace {

interleave::Variant variant(std::string name, interleave::Verdict expected, std::string lesson, void (*body)()) {
  interleave::Variant variant;
  variant.name = std::move(name);
  variant.expected = {expected};
  variant.lesson = std::move(lesson);
  variant.body = [body](const interleave::Params&) { body(); };
  return variant;
}

}  // namespace

int main(int argc, char** argv) {
  using interleave::Verdict;
  interleave::Scenario wallet;
  wallet.name = "wallet";
  wallet.summary = "two spenders, one balance";
  wallet.variants = {
      variant("locked", Verdict::clean, "Checks and spends under one lock.", two_spenders<LockedWallet>),
      variant("check_then_act", Verdict::invariant, "Checks, lets go of the lock, then spends.", two_spenders<Wallet>),
  };

  interleave::Scenario lazy;
  lazy.name = "lazy_value";
  lazy.summary = "a std-written value built on first use (lazy_value.hpp)";
  interleave::Variant plain_flag =
      variant("plain_flag", Verdict::invariant,
              "Reads a plain bool without the lock and does not check it again under the lock: two first callers "
              "both build. Fix: an atomic flag, checked again under the lock.",
              shop::two_first_callers<shop::PlainFlagLazyValue<int>>);
  plain_flag.expected_under_tsan = {Verdict::race};
  plain_flag.tsan_differs = "ThreadSanitizer sees the unlocked read of the plain bool race with its write";
  lazy.variants = {
      variant("atomic_flag", Verdict::clean, "An atomic flag, checked without the lock and again under it.",
              shop::two_first_callers<shop::LazyValue<int>>),
      plain_flag,
  };
  return interleave::run_main(argc, argv, {wallet, lazy});
}
