// Spelling mode and the hanzi description table.
#include <gtest/gtest.h>

#include "tts/spelling.hpp"

namespace {

std::string joined(const std::vector<tts::SpeechSegment>& segs) {
  std::string s;
  for (const auto& x : segs) s += "[" + x.text + "]";
  return s;
}

TEST(Spelling, SaysHowManyFirstThenOneCharacterAtATime) {
  const auto segs = tts::spell("7k");
  ASSERT_GE(segs.size(), 3u);
  EXPECT_EQ(segs[0].text, "共二个字符");
  EXPECT_EQ(segs[1].text, "数字七");
  EXPECT_EQ(joined(segs), "[共二个字符][数字七][小写字母][k]");
  for (const auto& s : segs) EXPECT_LT(s.rate_percent, 100) << "spelling is slower";
  EXPECT_GT(segs[1].pause_after_ms, 200) << "a pause between characters";
  EXPECT_EQ(segs[3].voice, tts::Voice::English) << "letter names in the English voice";
}

TEST(Spelling, FlagsConfusableCharacters) {
  const std::string s = joined(tts::spell("0O1lI2Z5S8B"));
  EXPECT_NE(s.find("[数字零，不是字母O]"), std::string::npos) << s;
  EXPECT_NE(s.find("[O][，不是数字零]"), std::string::npos) << s;
  EXPECT_NE(s.find("[l][，不是数字一]"), std::string::npos) << s;
  EXPECT_NE(s.find("[数字二，不是字母Z]"), std::string::npos) << s;
  EXPECT_NE(s.find("[数字五，不是字母S]"), std::string::npos) << s;
  EXPECT_NE(s.find("[数字八，不是字母B]"), std::string::npos) << s;
  EXPECT_NE(s.find("[大写字母][B][，不是数字八]"), std::string::npos) << s;
}

TEST(Spelling, DescribesHanzi) {
  const auto segs = tts::spell("张李明");
  EXPECT_EQ(segs[1].text, "张，弓长张");
  EXPECT_EQ(segs[2].text, "李，木子李");
  EXPECT_EQ(segs[3].text, "明") << "no description in the table: the character alone";
  EXPECT_EQ(tts::describe_hanzi(U'陈'), "耳东陈");
  EXPECT_EQ(tts::describe_hanzi(U'A'), "");
}

TEST(Spelling, EnglishMode) {
  tts::SpellingOptions o;
  o.language = tts::SpellingLanguage::English;
  EXPECT_EQ(joined(tts::spell("K0", o)), "[2 characters][capital K][digit 0, not the letter O]");
}

TEST(Spelling, RepeatSlowerOnDemand) {
  tts::SpellingOptions o;
  o.rate_percent = 50;
  o.pause_ms = 800;
  for (const auto& s : tts::spell("A1", o)) EXPECT_EQ(s.rate_percent, 50);
}

}  // namespace
