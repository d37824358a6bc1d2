#include "wallet.hpp"

#include <gtest/gtest.h>

namespace {

interleave::ExploreResult explore_pct3(void (*body)()) {
  interleave::ExploreOptions options;
  options.strategy = interleave::pct(3);
  options.schedules = 10'000;
  return interleave::explore(options, body);
}

}  // namespace

TEST(Wallet, CheckThenActOverdrawsAndInterleaveFindsIt) {
  auto result = explore_pct3(two_spenders<Wallet>);
  EXPECT_EQ(result.verdict, interleave::Verdict::invariant) << result;
  EXPECT_NE(result.message.find("overdrawn"), std::string::npos) << result;
}

TEST(Wallet, HoldingTheLockAcrossCheckAndActStaysClean) {
  auto result = explore_pct3(two_spenders<LockedWallet>);
  EXPECT_TRUE(result.clean()) << result;
}
