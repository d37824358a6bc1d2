#include "explore/replay_token.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace interleave::exploration {
namespace {

ReplayToken sample() {
  ReplayToken token;
  token.scenario = "bank_account";
  token.variant = "unlocked";
  token.strategy = "pct:3";
  token.seed = 1234567;
  token.verdict = Verdict::race;
  token.options.detect_races = false;
  token.options.detect_lock_order = false;
  token.options.spurious_wakeups = 3;
  token.options.max_steps = 5'000;
  token.options.blocked_loop_ms = 0;
  token.params.set("workers", 4);
  token.params.set("operations", 10);
  token.schedule = {0, 1, 2, 35, 36, 120, 7};
  return token;
}

TEST(ReplayToken, RoundTrips) {
  std::string text = encode_token(sample());
  EXPECT_EQ(text.rfind("il2:bank_account/unlocked:fiber:pct-3:1234567:race:", 0), 0u) << text;
  EXPECT_EQ(text.find(' '), std::string::npos) << "pastes as one word";
  ReplayToken back = decode_token(text);
  EXPECT_EQ(back.scenario, "bank_account");
  EXPECT_EQ(back.variant, "unlocked");
  EXPECT_EQ(back.strategy, "pct:3");
  EXPECT_EQ(back.seed, 1234567u);
  EXPECT_EQ(back.verdict, Verdict::race);
  EXPECT_EQ(back.params["workers"], 4);
  EXPECT_EQ(back.schedule, sample().schedule);
  EXPECT_EQ(back.options, sample().options) << "every option that shapes the schedule comes back";
  EXPECT_TRUE(back.options_recorded);
}

TEST(ReplayToken, TheOptionsReachTheExploration) {
  ExploreOptions options;
  sample().options.apply_to(options);
  EXPECT_FALSE(options.detect_races);
  EXPECT_FALSE(options.detect_lock_order);
  EXPECT_EQ(options.spurious_wakeups, 3);
  EXPECT_EQ(options.max_steps, 5'000u);
  EXPECT_EQ(options.blocked_loop_threshold.count(), 0);
  EXPECT_EQ(ScheduleOptions::of(options), sample().options);
}

// An il1 token (before the options were recorded) reads with the defaults.
TEST(ReplayToken, AnOldTokenReadsWithTheDefaultOptions) {
  const std::string old = "il1:counter/unsynchronized:fiber:random:1:race:iterations=3,workers=2:02:77bc3c4a";
  ReplayToken back = decode_token(old);
  EXPECT_FALSE(back.options_recorded);
  EXPECT_EQ(back.options, ScheduleOptions{});
  EXPECT_EQ(back.schedule, (std::vector<int>{0, 2}));
}

TEST(ReplayToken, BadOptionsAreRejected) {
  for (const char* options : {"races=2", "races=1,races=0", "colour=1", "steps=0", "spurious=-1", "blocked", ""}) {
    ReplayToken token = sample();
    std::string text = encode_token(token);
    // Put `options` in place of the encoded ones, with a checksum that fits.
    const std::string encoded = "races=0,locks=0,spurious=3,steps=5000,blocked=0";
    auto at = text.find(encoded);
    ASSERT_NE(at, std::string::npos) << text;
    std::string body = text.substr(0, text.rfind(':')).replace(at, encoded.size(), options);
    std::uint32_t hash = 2166136261u;
    for (unsigned char c : body) hash = (hash ^ c) * 16777619u;
    EXPECT_THROW(decode_token(body + ":" + fmt::format("{:08x}", hash)), std::invalid_argument) << options;
  }
}

TEST(ReplayToken, AnyChangedCharacterIsCaught) {
  std::string text = encode_token(sample());
  for (std::size_t i = 4; i < text.size(); ++i) {
    std::string changed = text;
    changed[i] = changed[i] == 'x' ? 'y' : 'x';
    EXPECT_THROW(decode_token(changed), std::invalid_argument) << "position " << i;
  }
}

TEST(ReplayToken, NonTokensAreRejected) {
  for (const char* bad : {"", "il1", "il2:a/b:fiber:random:1:race:-:0:00000000", "hello"})
    EXPECT_THROW(decode_token(bad), std::invalid_argument) << bad;
}

}  // namespace
}  // namespace interleave::exploration
