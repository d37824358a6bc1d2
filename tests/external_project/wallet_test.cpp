#include "wallet.hpp"

#include <gtest/gtest.h>

TEST(Wallet, CheckThenActOverdrawsAndInterleaveFindsIt) {
  auto result = interleave::explore({.strategy = interleave::pct(3), .schedules = 10'000}, two_spenders<Wallet>);
  EXPECT_EQ(result.verdict, interleave::Verdict::invariant) << result;
  EXPECT_NE(result.message.find("overdrawn"), std::string::npos) << result;
}

TEST(Wallet, HoldingTheLockAcrossCheckAndActStaysClean) {
  auto result = interleave::explore({.strategy = interleave::pct(3), .schedules = 10'000}, two_spenders<LockedWallet>);
  EXPECT_TRUE(result.clean()) << result;
}
