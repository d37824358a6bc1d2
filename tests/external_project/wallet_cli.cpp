// The user's own `interleave` command line: every subcommand, over the
// user's scenarios instead of the built-in catalog.
#include <interleave/cli.hpp>

#include "wallet.hpp"

int main(int argc, char** argv) {
  interleave::Scenario wallet;
  wallet.name = "wallet";
  wallet.summary = "two spenders, one balance";
  wallet.variants = {
      {"locked",
       {interleave::Verdict::clean},
       "Checks and spends under one lock.",
       [](const interleave::Params&) { two_spenders<LockedWallet>(); }},
      {"check_then_act",
       {interleave::Verdict::invariant},
       "Checks, lets go of the lock, then spends.",
       [](const interleave::Params&) { two_spenders<Wallet>(); }},
  };
  return interleave::run_main(argc, argv, {wallet});
}
