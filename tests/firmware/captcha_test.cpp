// Captchas without sight: the code is spelled and shown large, the same code again on the next
// Enter (a new fetch would change it), an audio captcha is played, a captcha without an
// alternative offers staff help.
#include <gtest/gtest.h>

#include <thread>

#include "browse/builtin_pages.hpp"
#include "browse/page_loader.hpp"
#include "kiosk_harness.hpp"

namespace {

using kiosk::Command;
using kiosk_test::KioskHarness;

TEST(Captcha, IsSpelledAndShownLargeTheSameCodeAgainThenAccepted) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/captcha.html"));
  ASSERT_TRUE(k.tab_to("验证码图片，按确认键收听"));
  k.forget_said();
  k.press(Command::Activate);
  const std::string shown = k.view().caption_override();
  ASSERT_FALSE(shown.empty()) << "the characters appear in the caption bar";
  std::string code;
  for (char c : shown) {
    if (c != ' ') code += c;
  }
  EXPECT_EQ(code.size(), 4u) << shown;
  const auto spoken = k.speaker().take();
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0].kind, kiosk::Spoken::Kind::Spell);
  EXPECT_EQ(spoken[0].text, code);
  // And it is what the caption bar draws: four large glyphs, nothing else.
  const auto sv = k.view().screen_view();
  ASSERT_TRUE(sv.caption);
  EXPECT_EQ(sv.caption->text->glyphs.size(), 4u);
  k.press(Command::Activate);
  EXPECT_EQ(k.speaker().take().at(0).text, code) << "the same code, spelled again";
  k.press(Command::SpellFocused);
  const auto spelled = k.speaker().take();
  ASSERT_EQ(spelled.size(), 1u);
  EXPECT_EQ(spelled[0].kind, kiosk::Spoken::Kind::Spell);
  EXPECT_EQ(spelled[0].text, code) << "F9 spells the code, not the image's label";
  ASSERT_TRUE(k.tab_to("编辑框：验证码"));
  k.press(Command::Activate);
  k.type(code);
  k.press(Command::Activate);
  ASSERT_TRUE(k.tab_to("按钮：确定"));
  k.press(Command::Activate);
  EXPECT_EQ(k.view().document().title, "验证通过");
}

TEST(Captcha, AudioCaptchaIsPlayedAfterAnIntroduction) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/captcha-audio.html"));
  ASSERT_TRUE(k.tab_to("验证码图片，按确认键收听语音验证码"));
  k.forget_said();
  k.press(Command::Activate);
  EXPECT_EQ(k.view().caption_override(), "正在播放语音验证码，按确认键再听一遍");
  const auto spoken = k.speaker().take();
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0].kind, kiosk::Spoken::Kind::Play);
  EXPECT_EQ(spoken[0].text, "语音验证码");
}

// The audio cannot be had (here the service is gone; a WAV the kiosk refuses ends the same
// way): the citizen hears it, and one who cannot hear it reads it in the caption bar.
TEST(Captcha, AudioCaptchaThatCannotBePlayedIsShownAndSaid) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/captcha-audio.html"));
  ASSERT_TRUE(k.tab_to("验证码图片，按确认键收听语音验证码"));
  k.forget_said();
  k.stop_gateway();
  k.press(Command::Activate);
  EXPECT_EQ(k.view().caption_override(), "语音验证码暂时无法播放，请向工作人员求助");
  const auto said = k.said();
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(said[0], "语音验证码暂时无法播放，请向工作人员求助。");
}

TEST(Captcha, WithoutAnAlternativeOffersStaffHelp) {
  const auto page = kiosk::load_html("<img src=\"/yzm.png\" alt=\"图片\"><input name=yzm>", "x");
  bool said = false;
  for (const auto& b : page.document.blocks)
    said = said || b.plain_text().find("工作人员") != std::string::npos;
  EXPECT_TRUE(said) << "no dead end: staff help is offered";
}

}  // namespace

namespace {

// A captcha asked for, then the citizen's card shows its page: the code that arrives late is
// not spelled over the new page.
TEST(Captcha, ACodeArrivingAfterThePageChangedIsNotSpelled) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/captcha.html"));
  ASSERT_TRUE(k.tab_to("验证码图片，按确认键收听"));
  k.core().command(Command::Activate);  // the code is on its way
  k.core().browser().show(kiosk::welcome_page());
  k.forget_said();
  k.core().wait_until_loaded(std::chrono::seconds(2));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  k.core().tick();
  for (const auto& s : k.speaker().take()) EXPECT_NE(s.kind, kiosk::Spoken::Kind::Spell);
  EXPECT_TRUE(k.view().caption_override().empty());
}

}  // namespace
