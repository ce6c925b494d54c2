// Audio mode: the jack's switch events, a jack node that is missing or is no jack, and what
// the kiosk does when headphones go in and come out — said, private listening on, kept for the
// next citizen while the plug stays in.
#include <gtest/gtest.h>
#include <linux/input.h>

#include "input/headphone_jack.hpp"
#include "kiosk_harness.hpp"

namespace {

using kiosk_test::KioskHarness;

TEST(HeadphoneJack, SwitchEventsSayInOrOut) {
  EXPECT_EQ(kiosk::jack_state_from_event(EV_SW, SW_HEADPHONE_INSERT, 1), true);
  EXPECT_EQ(kiosk::jack_state_from_event(EV_SW, SW_HEADPHONE_INSERT, 0), false);
  EXPECT_FALSE(kiosk::jack_state_from_event(EV_SW, SW_LID, 1));
  EXPECT_FALSE(kiosk::jack_state_from_event(EV_KEY, KEY_ENTER, 1));
}

TEST(HeadphoneJack, AMissingOrWrongNodeIsATechniciansReasonNotACrash) {
  auto missing = kiosk::HeadphoneJack::open("/dev/input/no-such-jack");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().technician.find("No such file"), std::string::npos)
      << missing.error().technician;
  auto not_input = kiosk::HeadphoneJack::open("/dev/null");
  ASSERT_FALSE(not_input);
  EXPECT_NE(not_input.error().technician.find("not an input device"), std::string::npos)
      << not_input.error().technician;
}

TEST(HeadphoneJack, PluggingInStartsAudioModeAndItOutlivesTheSession) {
  KioskHarness k;
  k.core().headphones(true);
  const auto spoken = k.speaker().take();
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0].reason, kiosk::Reason::Audio);
  EXPECT_EQ(spoken[0].text.rfind("已插入耳机，进入语音模式。", 0), 0u) << spoken[0].text;
  EXPECT_TRUE(k.speaker().private_listening());
  k.press(kiosk::Command::EndSession);
  EXPECT_TRUE(k.speaker().private_listening()) << "the plug is still in for the next citizen";
  k.forget_said();
  k.core().headphones(false);
  EXPECT_EQ(k.said(), std::vector<std::string>{"耳机已拔出，声音改为外放。"});
  EXPECT_FALSE(k.speaker().private_listening());
}

}  // namespace

namespace {

ui::Point on_screen(ui::ReadingView& view, const ui::FocusTarget& target) {
  view.set_focus({target.block, -1});  // scrolls it into view
  const auto rects = view.layout().focus_rects(target);
  return {rects.at(0).center().x, view.content_area().y + rects.at(0).center().y - view.scroll_y()};
}

// EZ Access touch-talk in audio mode: a touch says what is there; touching it again acts.
TEST(TouchTalk, InAudioModeTheFirstTouchSpeaksAndTheSecondActs) {
  KioskHarness k;
  k.core().headphones(true);
  const ui::Point link = on_screen(k.view(), {3, 0});  // the focus on its item, not the link
  k.forget_said();
  k.core().touch(link);
  EXPECT_EQ(k.view().document().title, "政务服务自助终端") << "nothing opened yet";
  EXPECT_EQ(k.said(), std::vector<std::string>{"链接，社保卡办理与挂失"});
  k.core().touch(link);
  EXPECT_EQ(k.view().document().title, "社保卡办理与挂失") << "the second touch opens it";
  // The title bar's Back button: said first, pressed by the second touch.
  const ui::Point back = kiosk_test::button_point(k.view(), kiosk::Command::Back);
  ASSERT_EQ(k.view().button_at(back), static_cast<int>(kiosk::Command::Back));
  k.forget_said();
  k.core().touch(back);
  EXPECT_EQ(k.said(), std::vector<std::string>{"返回，按钮。再按一次确认"});
  EXPECT_EQ(k.view().document().title, "社保卡办理与挂失");
  k.core().touch(back);
  EXPECT_EQ(k.view().document().title, "政务服务自助终端");
}

TEST(TouchTalk, WithoutHeadphonesATouchActsAtOnce) {
  KioskHarness k;
  const ui::Point link = on_screen(k.view(), {3, 0});
  k.core().touch(link);
  EXPECT_EQ(k.view().document().title, "社保卡办理与挂失");
}

}  // namespace
