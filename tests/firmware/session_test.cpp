// The citizen session: no timers at an empty kiosk, the idle warning seen (a countdown) and
// heard, any key extends it, the end wipes everything personal and puts every setting back,
// 结束 ends at once.
#include <gtest/gtest.h>

#include "kiosk_harness.hpp"
#include "session/session.hpp"

namespace {

using kiosk::Command;
using kiosk::Session;
using kiosk_test::KioskHarness;
using Clock = std::chrono::steady_clock;
using std::chrono::seconds;
using Said = std::vector<std::string>;

board::SessionProfile short_session() {
  board::SessionProfile p;
  p.idle_warning_s = 60;
  p.idle_end_s = 90;
  return p;
}

kiosk_test::HarnessOptions with_session(bool start_home) {
  kiosk_test::HarnessOptions o;
  o.session = short_session();
  o.start_home = start_home;
  return o;
}

TEST(Session, NothingHappensAtAnEmptyKiosk) {
  Session s(short_session());
  const auto t0 = Clock::now();
  EXPECT_EQ(s.tick(t0 + seconds(3600)), Session::Event::None);
  EXPECT_FALSE(s.next_deadline());
  EXPECT_EQ(s.activity(t0), Session::Event::Started);
  EXPECT_EQ(s.tick(t0 + seconds(59)), Session::Event::None);
  EXPECT_EQ(s.tick(t0 + seconds(60)), Session::Event::Warned);
  EXPECT_EQ(s.seconds_left(t0 + seconds(60)), 30);
  EXPECT_EQ(s.activity(t0 + seconds(70)), Session::Event::Extended);
  EXPECT_EQ(s.tick(t0 + seconds(129)), Session::Event::None);
  EXPECT_EQ(s.tick(t0 + seconds(130)), Session::Event::Warned);
  EXPECT_EQ(s.tick(t0 + seconds(160)), Session::Event::Ended);
  EXPECT_EQ(s.state(), Session::State::Welcome);
  EXPECT_EQ(s.tick(t0 + seconds(9999)), Session::Event::None) << "no warning repeats";
}

TEST(Session, ExtensionsAreLimited) {
  Session s(short_session());
  auto t = Clock::now();
  s.activity(t);
  for (int i = 0; i < Session::kMaxExtensions; ++i) {
    t += seconds(60);
    ASSERT_EQ(s.tick(t), Session::Event::Warned);
    ASSERT_EQ(s.activity(t), Session::Event::Extended);
  }
  EXPECT_EQ(s.tick(t + seconds(60)), Session::Event::Ended);
}

TEST(Session, TheWarningIsSeenAndHeardAndAnyKeyExtendsIt) {
  KioskHarness k(with_session(false));
  const auto t0 = Clock::now();
  k.core().command(Command::NextItem, t0);
  k.forget_said();
  k.core().tick(t0 + seconds(61));
  const auto spoken = k.speaker().take();
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0].kind, kiosk::Spoken::Kind::Alert);
  EXPECT_EQ(spoken[0].text, "您已经很久没有操作了。29秒后将结束本次服务，回到首页。按任意键继续。");
  EXPECT_EQ(k.view().caption_override(), "还剩29秒将结束本次服务，按任意键继续");
  k.core().tick(t0 + seconds(71));
  EXPECT_EQ(k.view().caption_override(), "还剩19秒将结束本次服务，按任意键继续")
      << "the countdown moves";
  const auto focus = k.view().focus();
  k.core().command(Command::NextItem, t0 + seconds(72));
  EXPECT_EQ(k.said(), Said{"已为您延长时间"});
  EXPECT_EQ(k.view().focus(), focus) << "the key that extends does nothing else";
  EXPECT_TRUE(k.view().caption_override().empty());
}

TEST(Session, TheEndWipesEverythingAndPutsTheSettingsBack) {
  KioskHarness k(with_session(true));
  const auto t0 = Clock::now();
  ASSERT_TRUE(k.open("/query.html"));
  ASSERT_TRUE(k.tab_to("编辑框：办件编号"));
  k.core().command(Command::Activate, t0);
  k.core().text("SH123", t0);
  k.core().command(Command::Activate, t0);
  k.core().command(Command::ZoomIn, t0);
  k.core().command(Command::NextScheme, t0);
  k.core().command(Command::SpeakFaster, t0);
  k.forget_said();
  k.core().tick(t0 + seconds(61));
  k.core().tick(t0 + seconds(91));
  EXPECT_EQ(k.core().session().state(), Session::State::Welcome);
  const Said said = k.said();
  ASSERT_FALSE(said.empty());
  EXPECT_EQ(said.back(), "本次服务已结束");
  EXPECT_EQ(k.view().document().blocks.at(0).plain_text(), "请按任意键或触摸屏幕开始")
      << "the attract screen";
  EXPECT_DOUBLE_EQ(k.view().zoom(), 1.0);
  EXPECT_EQ(k.view().scheme().id, ui::color_schemes().front().id);
  EXPECT_EQ(k.speaker().rate_step(), tts::kDefaultRateStep);
  EXPECT_EQ(k.core().browser().history_size(), 0u);
  k.core().tick(t0 + seconds(3600));
  EXPECT_TRUE(k.said().empty()) << "nothing is said to an empty hall";
  // The next citizen: any key starts a session on the start page, whose title is said; the
  // key itself does nothing else. The key is acknowledged at once by the soft tick a followed
  // link plays, not by silence until the start page has arrived.
  EXPECT_EQ(k.press(Command::Back), kiosk::Outcome::Redraw);
  EXPECT_EQ(k.view().document().title, "政务服务网（演示）");
  const auto welcome = k.speaker().take();
  ASSERT_EQ(welcome.size(), 2u);
  EXPECT_EQ(welcome[0].kind, kiosk::Spoken::Kind::Earcon);
  EXPECT_EQ(welcome[0].earcon, tts::Earcon::Activate);
  EXPECT_EQ(welcome[1].text.rfind("政务服务网（演示）。", 0), 0u) << welcome[1].text;
  EXPECT_EQ(k.press(Command::Back), kiosk::Outcome::Unchanged) << "nothing to go back to";
}

// The attract screen is a poster: its words alone in huge type on the whole screen, no bars,
// no focus ring; a touch anywhere (even where 结束 sits during a session) starts the session.
TEST(Session, TheAttractScreenIsAPosterAndATouchAnywhereStartsTheSession) {
  KioskHarness k(with_session(true));
  const ui::Point end_button = kiosk_test::button_point(k.view(), Command::EndSession);
  ASSERT_GE(end_button.x, 0);
  k.core().end_session();
  k.forget_said();
  const ui::ScreenView v = k.view().screen_view();
  EXPECT_FALSE(v.title_bar);
  EXPECT_FALSE(v.toolbar);
  EXPECT_FALSE(v.caption);
  EXPECT_TRUE(v.focus.empty());
  EXPECT_FALSE(v.guide_lines_at);
  EXPECT_EQ(v.content_area.y, 0);
  EXPECT_EQ(v.content_area.h, 1080);
  int largest = 0;
  for (const auto& g : k.view().layout().glyphs) largest = std::max<int>(largest, g.pixel_size);
  EXPECT_GE(largest, 2 * 48) << "the call to start is over twice body size";
  EXPECT_FALSE(k.view().button_at(end_button)) << "no buttons on the poster";
  EXPECT_EQ(k.core().touch(end_button), kiosk::Outcome::Redraw);
  EXPECT_EQ(k.core().session().state(), Session::State::Active);
  k.core().wait_until_loaded(std::chrono::seconds(10));
  EXPECT_EQ(k.view().document().title, "政务服务网（演示）");
  EXPECT_TRUE(k.view().screen_view().title_bar) << "the session's screen has its bars again";
}

TEST(Session, ACardOnTheAttractScreenStartsTheSessionAndSpeaks) {
  KioskHarness k;
  k.core().end_session();
  k.forget_said();
  drivers::CardEvent inserted;
  inserted.kind = drivers::CardEvent::Kind::CardInserted;
  k.core().card_event(std::move(inserted));
  EXPECT_EQ(k.core().session().state(), Session::State::Active);
  EXPECT_EQ(k.said(), Said{"卡片已插入，请稍候。"}) << "the card speaks, not the start page";
}

TEST(Session, EndSessionKeyEndsAtOnce) {
  KioskHarness k;
  k.press(Command::ZoomIn);
  k.forget_said();
  k.press(Command::EndSession);
  EXPECT_EQ(k.said(), Said{"本次服务已结束"});
  EXPECT_DOUBLE_EQ(k.view().zoom(), 1.0);
  EXPECT_EQ(k.core().citizen().wipes(), 1);
}

}  // namespace

namespace {

// 呼叫工作人员: one key or one touch; said and shown; an alert until the session ends.
TEST(CallStaff, ACallIsSaidShownAndRaisedUntilTheSessionEnds) {
  KioskHarness k;
  k.forget_said();
  k.press(Command::CallStaff);
  EXPECT_TRUE(k.core().staff_called());
  EXPECT_EQ(k.said(), Said{"已呼叫工作人员，请稍候，工作人员会尽快来协助您。"});
  EXPECT_EQ(k.view().caption_override(), "已呼叫工作人员，请稍候");
  const ui::Point button = kiosk_test::button_point(k.view(), Command::CallStaff);
  EXPECT_EQ(k.view().button_at(button), static_cast<int>(Command::CallStaff))
      << "a 呼叫 button in the title bar";
  k.press(Command::EndSession);
  EXPECT_FALSE(k.core().staff_called());
}

}  // namespace
