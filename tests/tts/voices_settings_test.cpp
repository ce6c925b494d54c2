// Version-dependent voice choice, speech settings, earcons.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "tts/earcons.hpp"
#include "tts/speech_settings.hpp"
#include "tts/voices.hpp"

namespace {

TEST(Voices, MandarinVoiceDependsOnTheLibraryVersion) {
  tts::LibraryVersion v;
  ASSERT_TRUE(tts::parse_espeak_version("1.51", v));
  EXPECT_EQ(v.major, 1);
  EXPECT_EQ(v.minor, 51);
  EXPECT_EQ(tts::espeak_voice_name(tts::Voice::Mandarin, v), "cmn-latn-pinyin");
  ASSERT_TRUE(tts::parse_espeak_version("1.52.0", v));
  EXPECT_EQ(tts::espeak_voice_name(tts::Voice::Mandarin, v), "cmn");
  ASSERT_TRUE(tts::parse_espeak_version("2.0-dev", v));
  EXPECT_EQ(tts::espeak_voice_name(tts::Voice::Mandarin, v), "cmn");
  EXPECT_EQ(tts::espeak_voice_name(tts::Voice::Cantonese, v), "yue");
  EXPECT_EQ(tts::espeak_voice_name(tts::Voice::English, v), "en-us");
  EXPECT_FALSE(tts::parse_espeak_version("unknown", v));
  EXPECT_FALSE(tts::parse_espeak_version("1", v));
}

TEST(Settings, RateStepsCoverTheRangeAndDefaultIsFast) {
  EXPECT_EQ(tts::kRateStepsWpm.front(), 80);
  EXPECT_EQ(tts::kRateStepsWpm.back(), 450);
  EXPECT_GE(tts::kRateStepsWpm.size(), 5u);
  tts::SpeechSettings s;
  EXPECT_GT(s.rate_wpm(), 175);
  while (s.faster()) {
  }
  EXPECT_EQ(s.rate_wpm(), 450);
  EXPECT_FALSE(s.faster());
}

TEST(Settings, ProfilesAndSessionReset) {
  tts::SpeechSettings s;
  const int speaker = s.volume_step();
  s.set_profile(tts::OutputProfile::Headphone);
  EXPECT_LT(s.volume_step(), speaker) << "private listening starts quieter";
  s.louder();
  s.slower();
  s.set_pitch(80);
  s.reset();
  EXPECT_EQ(s.rate_step(), tts::kDefaultRateStep);
  EXPECT_EQ(s.volume_step(), speaker);
  EXPECT_EQ(s.profile(), tts::OutputProfile::Speaker);
  EXPECT_EQ(s.pitch(), 50);
}

TEST(Settings, VolumeStepsAreMonotonic) {
  tts::SpeechSettings s;
  s.set_volume_step(1);
  double last = s.gain();
  while (s.louder()) {
    EXPECT_GT(s.gain(), last);
    last = s.gain();
  }
  EXPECT_DOUBLE_EQ(last, 1.0);
}

class EveryEarcon : public ::testing::TestWithParam<tts::Earcon> {};

TEST_P(EveryEarcon, IsShortAudibleAndClickFree) {
  const auto samples = tts::render_earcon(GetParam(), 22050);
  ASSERT_FALSE(samples.empty());
  const double ms = static_cast<double>(samples.size()) * 1000.0 / 22050;
  EXPECT_GT(ms, 20);
  EXPECT_LT(ms, 500);
  int peak = 0;
  for (auto v : samples) peak = std::max(peak, std::abs(static_cast<int>(v)));
  EXPECT_GT(peak, 5000);
  EXPECT_LT(peak, 32767) << "no clipping";
  EXPECT_LT(std::abs(samples.front()), 300) << "starts from silence";
  EXPECT_LT(std::abs(samples.back()), 300) << "ends in silence";
}

INSTANTIATE_TEST_SUITE_P(All, EveryEarcon,
                         ::testing::Values(tts::Earcon::FocusWrap, tts::Earcon::Error,
                                           tts::Earcon::PinDigit, tts::Earcon::StaffAlert));

}  // namespace
