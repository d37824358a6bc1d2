#include "explore/replay_token.hpp"

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
  token.params.set("workers", 4);
  token.params.set("operations", 10);
  token.schedule = {0, 1, 2, 35, 36, 120, 7};
  return token;
}

TEST(ReplayToken, RoundTrips) {
  std::string text = encode_token(sample());
  EXPECT_EQ(text.rfind("il1:bank_account/unlocked:fiber:pct-3:1234567:race:", 0), 0u) << text;
  EXPECT_EQ(text.find(' '), std::string::npos) << "pastes as one word";
  ReplayToken back = decode_token(text);
  EXPECT_EQ(back.scenario, "bank_account");
  EXPECT_EQ(back.variant, "unlocked");
  EXPECT_EQ(back.strategy, "pct:3");
  EXPECT_EQ(back.seed, 1234567u);
  EXPECT_EQ(back.verdict, Verdict::race);
  EXPECT_EQ(back.params["workers"], 4);
  EXPECT_EQ(back.schedule, sample().schedule);
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
