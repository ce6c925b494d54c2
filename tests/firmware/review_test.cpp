// Review by character, word and sentence in a kiosk (issue 14), as a citizen hears it: the
// focused paragraph read character by character (each hanzi with a word that tells it apart),
// word by word as jieba's dictionary cuts it, sentence by sentence; the edge tone and the unit
// again at either end; a focus move starts over; a typed entry checked while still typing; a
// name or phone number never said in clear through the loudspeaker.
#include <gtest/gtest.h>

#include <filesystem>

#include "kiosk_harness.hpp"
#include "review/jieba_dictionary.hpp"

namespace {

using kiosk::Command;
using kiosk_test::KioskHarness;
using Said = std::vector<std::string>;

bool have_jieba() {
  return std::filesystem::exists(kiosk::review::kJiebaDictionaryPath);
}

// The guide page's first paragraph, focused, and the dictionary read.
void on_paragraph(KioskHarness& k) {
  ASSERT_TRUE(k.open("/guide-social-card.html"));
  for (int i = 0; i < 10 && k.focused_text().rfind("适用于", 0) != 0; ++i) {
    k.press(Command::NextItem);
  }
  ASSERT_EQ(k.focused_text().rfind("适用于本市参保人员", 0), 0u) << k.focused_text();
  k.core().review().load_dictionary_now();
  k.forget_said();
}

Said review(KioskHarness& k, Command c, int times) {
  Said all;
  for (int i = 0; i < times; ++i) {
    k.press(c);
    for (auto& s : k.said()) all.push_back(std::move(s));
  }
  return all;
}

TEST(Review, CharactersAreSaidWithAWordThatTellsThemApartAndShownLarge) {
  if (!have_jieba()) GTEST_SKIP() << "python3-jieba is not installed";
  KioskHarness k;
  on_paragraph(k);
  EXPECT_EQ(review(k, Command::ReviewNextChar, 4),
            (Said{"适，适应的适", "用，使用的用", "于，干钩于", "本，日本的本"}))
      << "组词 from the dictionary; the team's table first (干钩于)";
  EXPECT_EQ(k.view().caption_override(), "本（日本的本）");
  EXPECT_EQ(review(k, Command::ReviewPreviousChar, 1), Said{"于，干钩于"});
  EXPECT_EQ(review(k, Command::DescribeChar, 1), Said{"于，干钩于，由于的于，对于的于"})
      << "described: the table's words and the dictionary's";
  EXPECT_EQ(k.focused_text().rfind("适用于", 0), 0u) << "the focus did not move";
}

TEST(Review, WordsAsJiebaCutsThemAndMarksByName) {
  if (!have_jieba()) GTEST_SKIP() << "python3-jieba is not installed";
  KioskHarness k;
  on_paragraph(k);
  // jieba.cut(HMM=False) gives 适用/于/本市/参保/人员/首次/申领/社会保障/卡/。/办理/前/请/准备/
  // 好/申请材料/。 for this paragraph.
  EXPECT_EQ(review(k, Command::ReviewNextWord, 11),
            (Said{"适用", "于", "本市", "参保", "人员", "首次", "申领", "社会保障", "卡", "句号",
                  "办理"}));
  EXPECT_EQ(k.view().caption_override(), "办理");
  EXPECT_EQ(review(k, Command::ReviewPreviousWord, 2), (Said{"句号", "卡"}));
}

TEST(Review, SentencesAndTheEdgeToneWithTheUnitAgain) {
  if (!have_jieba()) GTEST_SKIP() << "python3-jieba is not installed";
  KioskHarness k;
  on_paragraph(k);
  EXPECT_EQ(review(k, Command::ReviewNextSentence, 2),
            (Said{"适用于本市参保人员首次申领社会保障卡。", "办理前请准备好申请材料。"}));
  k.press(Command::ReviewNextSentence);
  const auto spoken = k.speaker().take();
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0].earcon, tts::Earcon::Error) << "the edge tone, in the same utterance";
  EXPECT_EQ(spoken[0].text, "办理前请准备好申请材料。") << "and the sentence again";
  EXPECT_EQ(review(k, Command::ReviewPreviousSentence, 1),
            Said{"适用于本市参保人员首次申领社会保障卡。"});
  // The last character, then past it: the tone and the mark again.
  review(k, Command::ReviewNextSentence, 1);
  k.press(Command::ReviewNextWord);
  k.press(Command::ReviewNextWord);
  k.forget_said();
  for (int i = 0; i < 9; ++i) k.press(Command::ReviewNextChar);  // 准备好申请材料。 and past
  const auto end = k.speaker().take();
  ASSERT_EQ(end.size(), 9u);
  EXPECT_EQ(end[7].text, "句号");
  EXPECT_EQ(end[7].earcon, tts::Earcon::None);
  EXPECT_EQ(end.back().text, "句号");
  EXPECT_EQ(end.back().earcon, tts::Earcon::Error);
}

TEST(Review, AFocusMoveStartsTheReviewOver) {
  if (!have_jieba()) GTEST_SKIP() << "python3-jieba is not installed";
  KioskHarness k;
  on_paragraph(k);
  review(k, Command::ReviewNextChar, 3);
  k.press(Command::NextItem);
  k.press(Command::PreviousItem);  // back on the same paragraph
  k.forget_said();
  EXPECT_EQ(review(k, Command::ReviewNextChar, 1), Said{"适，适应的适"});
  k.press(Command::NextItem);
  k.forget_said();
  const std::string next = k.focused_text();
  ASSERT_NE(next.rfind("适用于", 0), 0u);
  const Said first = review(k, Command::ReviewNextSentence, 1);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(next.rfind(first[0], 0), 0u) << "the new item's first sentence: " << first[0];
}

TEST(Review, ATypedEntryIsCheckedWhileTypingGoesOn) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/query.html"));
  ASSERT_TRUE(k.tab_to("编辑框：办件编号"));
  k.press(Command::Activate);
  for (const char* ch : {"S", "H", "2", "0", "2", "6"}) k.type(ch);
  k.forget_said();
  EXPECT_EQ(review(k, Command::ReviewPreviousChar, 3),
            (Said{"数字六", "数字二，不是字母Z", "数字零，不是字母O"}))
      << "from the end of the entry, by spelling's names";
  EXPECT_EQ(review(k, Command::ReviewPreviousWord, 1), Said{"SH2026"}) << "one word";
  EXPECT_TRUE(k.core().forms().takes_text()) << "reviewing did not end the typing";
  k.type("X");
  EXPECT_EQ(k.said(), Said{"X"});
  EXPECT_EQ(review(k, Command::ReviewPreviousChar, 1), Said{"大写字母X"})
      << "the entry changed: from its end again";
  k.press(Command::Activate);
  EXPECT_EQ(k.said(), Said{"已填写：SH2026X"});
  // Not typing any more: the focused field is reviewed by its value, not its label.
  EXPECT_EQ(review(k, Command::ReviewNextChar, 1), Said{"大写字母S，不是数字五"});
}

TEST(Review, ANameIsNeverSaidInClearThroughTheLoudspeaker) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/guide-social-card.html"));
  ASSERT_TRUE(k.tab_to("编辑框：姓名"));
  k.core().review().load_dictionary_now();
  k.press(Command::Activate);
  for (const char* ch : {"张", "三", "丰"}) k.type(ch);
  k.forget_said();
  const Said loud = review(k, Command::ReviewPreviousChar, 3);
  EXPECT_EQ(loud, (Said{"星号", "星号", "张，弓长张"})) << "as the hall sees it: 张**";
  for (const auto& s : loud) EXPECT_EQ(s.find("丰"), std::string::npos);
  const Said words = review(k, Command::ReviewNextSentence, 1);
  ASSERT_EQ(words.size(), 1u);
  EXPECT_EQ(words[0].find("三"), std::string::npos) << words[0];
  // In the citizen's own headphones the name is heard, but the screen shows only where.
  k.core().headphones(true);
  k.forget_said();
  EXPECT_EQ(review(k, Command::ReviewPreviousChar, 1), Said{have_jieba() ? "丰，丰富的丰" : "丰"});
  EXPECT_EQ(k.view().caption_override(), "第3位，共3位");
  EXPECT_EQ(review(k, Command::ReviewPreviousWord, 1).size(), 1u);
  EXPECT_EQ(k.view().caption_override().find("三"), std::string::npos);
}

TEST(Review, APhoneNumberThroughTheLoudspeakerIsOnlyItsLastDigits) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/guide-social-card.html"));
  ASSERT_TRUE(k.tab_to("编辑框：手机号码"));
  k.press(Command::Activate);
  k.type("13912345678");
  k.press(Command::Activate);  // typing ended: the focused field's value is reviewed
  k.forget_said();
  const Said s = review(k, Command::ReviewNextSentence, 1);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0], "尾号5678");
  review(k, Command::ReviewNextChar, 1);  // 号
  EXPECT_EQ(review(k, Command::ReviewNextChar, 1), Said{"数字五，不是字母S"});
  const Said edge = review(k, Command::ReviewPreviousSentence, 1);
  EXPECT_EQ(edge, Said{"尾号5678"}) << "never the whole number";
}

TEST(Review, AnItemWithoutTextSaysSo) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/query.html"));
  k.core().view().set_document({});
  k.forget_said();
  k.press(Command::ReviewNextChar);
  const auto spoken = k.speaker().take();
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0].text, "没有文字");
  EXPECT_EQ(spoken[0].earcon, tts::Earcon::Error);
}

}  // namespace
