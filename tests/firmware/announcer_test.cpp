// The speech presentation: what the citizen hears for each event, word for word and in order,
// through a RecordingSpeaker — a new page, moving through items, Tab wrapping round, where am
// I, settings at their new value and at their limits.
#include <gtest/gtest.h>

#include "browse/builtin_pages.hpp"
#include "kiosk_harness.hpp"
#include "speech/announcer.hpp"

namespace {

using kiosk::Command;
using kiosk_test::KioskHarness;
using Said = std::vector<std::string>;

TEST(Announcer, ANewPageSaysItsTitleFirstItemAndOpeningText) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/guide-social-card.html"));
  const auto spoken = k.speaker().take();
  // The tick the moment the link is followed, then the page when it is shown.
  ASSERT_EQ(spoken.size(), 2u);
  EXPECT_EQ(spoken[0].kind, kiosk::Spoken::Kind::Earcon);
  EXPECT_EQ(spoken[0].earcon, tts::Earcon::Activate);
  EXPECT_EQ(spoken[0].reason, kiosk::Reason::Loading);
  EXPECT_EQ(spoken[1].reason, kiosk::Reason::Page);
  EXPECT_EQ(spoken[1].text.rfind("社会保障卡申领办事指南。", 0), 0u) << spoken[1].text;
}

TEST(Announcer, ItemsAreSaidWithTheirRoleAndTabWrapsWithATone) {
  KioskHarness k;
  k.press(Command::NextItem);
  EXPECT_EQ(k.said(), Said{"本机支持大字、高对比度配色、十字光标和大字幕。请把身份证放在读卡区，"
                           "或用键盘选择要办理的事项。"});
  k.press(Command::NextItem);
  EXPECT_EQ(k.said(), Said{"标题2级，常办事项"});
  for (int i = 0; i < 8; ++i) k.press(Command::NextLink);
  k.forget_said();
  k.press(Command::NextLink);  // past 大字幕, back to the first link
  const auto spoken = k.speaker().take();
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0].text, "链接，社保卡办理与挂失");
  EXPECT_EQ(spoken[0].earcon, tts::Earcon::FocusWrap);
}

TEST(Announcer, WhereAmISaysPositionTitleAndItem) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/guide-social-card.html"));
  k.press(Command::NextItem);
  k.press(Command::NextItem);
  k.forget_said();
  k.press(Command::WhereAmI);
  const Said said = k.said();
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(said[0].rfind("第3项，共", 0), 0u) << said[0];
  EXPECT_NE(said[0].find("页面：社会保障卡申领办事指南。"), std::string::npos) << said[0];
}

TEST(Announcer, SettingsAreSaidAtTheirNewValueAndLimitsSoundATone) {
  KioskHarness k;
  k.press(Command::ZoomIn);
  k.press(Command::ZoomIn);
  k.press(Command::ToggleGuideLines);
  k.press(Command::ToggleCaptionBar);
  k.press(Command::NextScheme);
  k.press(Command::SpeakFaster);
  k.press(Command::SpeakLouder);
  EXPECT_EQ(k.said(),
            (Said{"页面已放大到百分之一百二十五", "页面已放大到百分之一百五十", "十字线已开启",
                  "大字幕已关闭", "已切换为" + std::string(k.view().scheme().name_zh),
                  "语速加快，第五档", "音量加大，第八档"}));
  for (int i = 0; i < 10; ++i) k.press(Command::ZoomIn);
  EXPECT_DOUBLE_EQ(k.view().zoom(), 4.0);
  const auto spoken = k.speaker().take();
  ASSERT_FALSE(spoken.empty());
  EXPECT_EQ(spoken.back().kind, kiosk::Spoken::Kind::Earcon) << "at 400 % a tone, no words";
}

TEST(Announcer, EveryKeyStopsSpeechFirst) {
  KioskHarness k;
  k.press(Command::NextItem);
  k.press(Command::NextItem);
  int stops = 0;
  for (const auto& s : k.speaker().log()) stops += s.kind == kiosk::Spoken::Kind::Stop;
  EXPECT_EQ(stops, 2);
  EXPECT_EQ(k.speaker().log().front().kind, kiosk::Spoken::Kind::Stop);
}

TEST(Announcer, SayAllReadsOnAndTheFocusFollowsTheVoice) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/guide-social-card.html"));
  k.forget_said();
  k.press(Command::SayAll);
  const auto spoken = k.speaker().take();
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0].kind, kiosk::Spoken::Kind::SayAll);
  for (int i = 0; i < 3; ++i) {
    k.speaker().advance_say_all();
    k.core().tick();
  }
  EXPECT_EQ(k.view().focus().block, 3u) << "the highlight follows the voice";
  k.press(Command::NextItem);
  k.speaker().advance_say_all();
  k.core().tick();
  EXPECT_EQ(k.view().focus().block, 4u) << "any key stops reading on";
}

}  // namespace

namespace {

// 暂停服务 (kioskd's maintenance screen): the error tone, then the title and where to go, as a
// Session utterance; the page shows the same words as a poster with nothing to activate, and a
// sentence of the error's own replaces the standard one in both.
TEST(Announcer, OutOfServiceIsSaidAsTheMaintenancePageShowsIt) {
  kiosk::RecordingSpeaker speaker;
  kiosk::Announcer announcer(speaker);
  announcer.out_of_service("");
  const auto spoken = speaker.take();
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0].text, "暂停服务。本机正在维护，请到其他自助终端或人工窗口办理。");
  EXPECT_EQ(spoken[0].reason, kiosk::Reason::Session);
  EXPECT_EQ(spoken[0].earcon, tts::Earcon::Error);

  const ui::Document page = kiosk::out_of_service_page("");
  EXPECT_TRUE(page.poster);
  ASSERT_EQ(page.blocks.size(), 2u);
  EXPECT_EQ(page.blocks[0].plain_text(), "暂停服务");
  EXPECT_EQ(page.blocks[1].plain_text(), "本机正在维护，请到其他自助终端或人工窗口办理。");
  for (const auto& block : page.blocks) {
    for (const auto& run : block.runs) EXPECT_EQ(run.kind, ui::InlineKind::Text);
  }

  announcer.out_of_service("本机屏幕正在检修。");
  EXPECT_EQ(speaker.take().at(0).text, "暂停服务。本机屏幕正在检修。");
  EXPECT_EQ(kiosk::out_of_service_page("本机屏幕正在检修。").blocks[1].plain_text(),
            "本机屏幕正在检修。");
}

}  // namespace
