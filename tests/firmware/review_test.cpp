// Review by character, word and sentence in a kiosk (issue 14), as a citizen hears it: the
// focused paragraph read character by character (each hanzi with a word that tells it apart),
// word by word as jieba's dictionary cuts it, sentence by sentence; the edge tone and the unit
// again at either end; a focus move starts over; a typed entry checked while still typing; a
// name or phone number never said in clear through the loudspeaker.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "kiosk_harness.hpp"
#include "review/image_text.hpp"
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

// Text in images (issue 14, part 2): tesseract with Debian's chi_sim data.
bool have_tesseract() {
  return std::system("tesseract --list-langs 2>/dev/null | grep -qx chi_sim") == 0;
}

// The notice page, focused on the item showing `alt`.
void on_image(KioskHarness& k, const std::string& alt) {
  ASSERT_TRUE(k.open("/notice.html"));
  for (int i = 0; i < 10 && k.focused_text().find(alt) == std::string::npos; ++i) {
    k.press(Command::NextItem);
  }
  ASSERT_NE(k.focused_text().find(alt), std::string::npos) << k.focused_text();
  k.forget_said();
}

// The loop turns until the recognition has answered (at most 40 s: tesseract's own limit is 20).
std::vector<kiosk::Spoken> answer(KioskHarness& k) {
  for (int i = 0; i < 2000; ++i) {
    k.core().tick();
    auto spoken = k.speaker().take();
    if (!spoken.empty()) return spoken;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return {};
}

TEST(ImageText, TheNoticesTextIsRecognisedSaidShownAndReviewable) {
  if (!have_tesseract())
    GTEST_SKIP() << "tesseract-ocr and tesseract-ocr-chi-sim are not installed";
  KioskHarness k;
  on_image(k, "（图片：停水通知）");
  k.press(Command::RecogniseImage);
  EXPECT_EQ(k.said(), Said{"正在识别图片中的文字，请稍候"});
  EXPECT_EQ(k.view().caption_override(), "正在识别图片中的文字……");
  const auto spoken = answer(k);
  ASSERT_EQ(spoken.size(), 1u);
  const std::string& text = spoken[0].text;
  EXPECT_EQ(text.rfind("图片中识别出的文字：", 0), 0u) << "marked as recognised: " << text;
  EXPECT_NE(text.find("本小区停水"), std::string::npos) << text;
  EXPECT_NE(text.find("请居民提前储水"), std::string::npos) << text;
  EXPECT_EQ(text.find("停 水"), std::string::npos) << "no spaces between hanzi: " << text;
  EXPECT_EQ(text.find('\n'), std::string::npos) << "a line end is a pause: " << text;
  const std::string& shown = k.view().caption_override();
  EXPECT_EQ(shown.rfind("图片中识别出的文字：", 0), 0u) << shown;
  EXPECT_NE(shown.find("停水。\n请居民"), std::string::npos) << "shown with its lines: " << shown;
  // The recognised text is reviewed like the item's own.
  k.core().review().load_dictionary_now();
  EXPECT_EQ(review(k, Command::ReviewNextSentence, 2),
            (Said{"十二月三日上午九时至下午五时，本小区停水。", "请居民提前储水。"}));
  // Another item: its own text again.
  k.press(Command::PreviousItem);
  k.forget_said();
  EXPECT_EQ(review(k, Command::ReviewNextSentence, 1), Said{"以下通知以图片形式发布。"});
}

TEST(ImageText, NotAnImageNoImageAndNoTesseractAreSaid) {
  KioskHarness k;
  on_image(k, "（图片：办事流程图）");
  k.press(Command::RecogniseImage);
  k.forget_said();
  const auto spoken = answer(k);
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0].text, "这不是能识别文字的图片。");
  EXPECT_EQ(spoken[0].earcon, tts::Earcon::Error);
  EXPECT_EQ(k.view().caption_override(), "这不是能识别文字的图片。");
  k.press(Command::PreviousItem);
  k.press(Command::PreviousItem);
  k.forget_said();
  k.press(Command::RecogniseImage);
  EXPECT_EQ(k.said(), Said{"这一项没有图片"});
  // A kiosk without tesseract: the reader is told so, the citizen hears why.
  kiosk::FetchPolicy policy;
  policy.allowed_origins = {k.base()};
  kiosk::ImageTextLimits limits;
  limits.program = "kiosk-test-no-such-tesseract";
  kiosk::ImageTextReader reader(policy, {}, limits);
  reader.recognise(k.base() + "/notice.png");
  std::optional<kiosk::Result<std::string>> r;
  for (int i = 0; i < 1000 && !r; ++i) {
    r = reader.take();
    if (!r) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(r.has_value());
  ASSERT_FALSE(r->ok());
  EXPECT_EQ(r->error().citizen, "本机暂时不能识别图片中的文字。");
  EXPECT_NE(r->error().technician.find("kiosk-test-no-such-tesseract"), std::string::npos);
  // An image from an origin the board does not allow is not fetched.
  reader.recognise("http://192.0.2.1/notice.png");
  r.reset();
  for (int i = 0; i < 1000 && !r; ++i) {
    r = reader.take();
    if (!r) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->error().citizen, "这张图片来自本机不能访问的网站。");
}

// A stand-in for tesseract, written here: `body` is its shell script.
std::string fake_tesseract(const std::string& name, const std::string& body) {
  const auto path = std::filesystem::absolute(name);
  {
    std::ofstream f(path);
    f << "#!/bin/sh\n" << body << "\n";
  }
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  return path.string();
}

kiosk::Result<std::string> recognise_with(KioskHarness& k, kiosk::ImageTextLimits limits) {
  kiosk::FetchPolicy policy;
  policy.allowed_origins = {k.base()};
  kiosk::ImageTextReader reader(policy, {}, std::move(limits));
  reader.recognise(k.base() + "/notice.png");
  for (int i = 0; i < 3000; ++i) {
    if (auto r = reader.take()) return std::move(*r);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return kiosk::technician_error("no answer");
}

TEST(ImageText, ATesseractThatHangsIsKilledAndOneThatFloodsIsCut) {
  KioskHarness k;
  kiosk::ImageTextLimits limits;
  limits.program = fake_tesseract("hanging-tesseract", "exec sleep 60");
  limits.time_limit = std::chrono::milliseconds(300);
  const auto hung = recognise_with(k, limits);
  ASSERT_FALSE(hung.ok());
  EXPECT_NE(hung.error().technician.find("killed after 300 ms"), std::string::npos)
      << hung.error().technician;
  EXPECT_EQ(hung.error().citizen, "这张图片中的文字没能识别出来。");
  limits.program = fake_tesseract("flooding-tesseract", "exec yes 停水通知");
  limits.time_limit = std::chrono::seconds(20);
  limits.max_output = 4096;
  const auto flood = recognise_with(k, limits);
  ASSERT_FALSE(flood.ok());
  EXPECT_NE(flood.error().technician.find("more than 4096 bytes"), std::string::npos)
      << flood.error().technician;
  limits.program = fake_tesseract("silent-tesseract", "exit 0");
  const auto nothing = recognise_with(k, limits);
  ASSERT_FALSE(nothing.ok());
  EXPECT_EQ(nothing.error().citizen, "图片中没有识别出文字。");
  for (const char* f : {"hanging-tesseract", "flooding-tesseract", "silent-tesseract"}) {
    std::filesystem::remove(f);
  }
}

TEST(ImageText, TesseractsSpacesBetweenHanziAreDropped) {
  EXPECT_EQ(kiosk::tidy_recognised_text("社 会 保 障 卡 ， 请\n\n\n  ABC  def 卡\x0c\n"),
            "社会保障卡，请\nABC def卡");
  EXPECT_TRUE(kiosk::looks_like_image("\x89PNG\r\n\x1a\n...."));
  EXPECT_FALSE(kiosk::looks_like_image("<!doctype html>"));
}

}  // namespace
