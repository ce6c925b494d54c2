// Staff mode: a chord (or a held keypad key) no citizen presses by chance opens the PIN screen;
// the PIN is heard as tones and seen as ●, checked by StaffGate; five wrong PINs lock it for
// five minutes; the menu answers calls, takes a session over and hands it back with the
// citizen's page untouched, ends a session with a wipe, and closes itself after two idle
// minutes. Time is injected everywhere: nothing here sleeps.
#include <gtest/gtest.h>

#include <algorithm>

#include "board/staff_pin.hpp"
#include "input/keymap.hpp"
#include "kiosk_harness.hpp"
#include "session/session.hpp"
#include "staff/staff_desk.hpp"

namespace {

using kiosk::Command;
using kiosk::Session;
using kiosk::Spoken;
using kiosk::StaffDesk;
using kiosk_test::KioskHarness;
using Clock = std::chrono::steady_clock;
using Screen = StaffDesk::Screen;
using std::chrono::minutes;
using std::chrono::seconds;
using Said = std::vector<std::string>;

// A synthetic PIN, hashed with a fresh yescrypt salt for this test run (as `kioskctl provision`
// would); the hash is all the kiosk ever gets.
constexpr const char* kPin = "402719";

const std::string& pin_hash() {
  static const std::string hash = [] {
    const auto h = board::hash_staff_pin(kPin);
    EXPECT_FALSE(h.hash.empty()) << h.error;
    EXPECT_EQ(h.hash.rfind("$y$", 0), 0u) << "yescrypt";
    return h.hash;
  }();
  return hash;
}

kiosk_test::HarnessOptions staffed() {
  kiosk_test::HarnessOptions o;
  o.staff_pin_hash = pin_hash();
  o.session.idle_warning_s = 60;
  o.session.idle_end_s = 90;
  return o;
}

const kiosk::KeyMap& keyboard() {
  static const kiosk::KeyMap keys = *kiosk::KeyMap::create({}, false);
  return keys;
}

std::string shown(KioskHarness& k) {
  return kiosk_test::document_text(k.view().document());
}

bool has_digit(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool contains(const Said& said, const std::string& text) {
  return std::any_of(said.begin(), said.end(),
                     [&](const std::string& s) { return s.find(text) != std::string::npos; });
}

// Types `pin` as a keyboard does (a key, then its text), then Enter.
void type_pin(KioskHarness& k, const std::string& pin, Clock::time_point t) {
  for (const char c : pin) {
    k.core().key(keyboard(), static_cast<SDL_Keycode>(c), 0, false, t);
    k.core().text(std::string(1, c), t);
  }
  k.core().key(keyboard(), SDLK_RETURN, 0, false, t);
}

void open_menu(KioskHarness& k, Clock::time_point t) {
  k.core().key(keyboard(), SDLK_s, KMOD_LCTRL | KMOD_LALT, false, t);
  ASSERT_EQ(k.core().staff().screen(), Screen::Pin);
  type_pin(k, kPin, t);
  ASSERT_EQ(k.core().staff().screen(), Screen::Menu);
}

// Moves the staff menu's focus to the item starting with `text` and chooses it; what is said
// after is what choosing it said.
void choose(KioskHarness& k, const std::string& text, Clock::time_point t) {
  for (int i = 0; i < 20 && k.focused_text().rfind(text, 0) != 0; ++i) {
    k.core().command(Command::NextLink, t);
  }
  ASSERT_EQ(k.focused_text().rfind(text, 0), 0u) << k.focused_text() << "\n" << shown(k);
  k.forget_said();
  k.core().command(Command::Activate, t);
}

TEST(StaffMode, CtrlAltSOpensThePinScreenAndCtrlSAloneDoesNot) {
  KioskHarness k(staffed());
  const auto t = Clock::now();
  EXPECT_EQ(keyboard().lookup(SDLK_s, KMOD_LCTRL), std::nullopt);
  EXPECT_EQ(keyboard().lookup(SDLK_s, KMOD_LCTRL | KMOD_LALT), Command::StaffMode);
  k.core().key(keyboard(), SDLK_s, KMOD_LCTRL, false, t);
  EXPECT_EQ(k.core().staff().screen(), Screen::Closed);
  k.core().key(keyboard(), SDLK_s, KMOD_LCTRL | KMOD_LALT, false, t);
  EXPECT_EQ(k.core().staff().screen(), Screen::Pin);
  EXPECT_EQ(k.view().document().title, "工作人员模式");
  EXPECT_TRUE(contains(k.said(), "请输入工作人员密码"));
  k.core().key(keyboard(), SDLK_ESCAPE, 0, false, t);  // Esc leaves
  EXPECT_EQ(k.core().staff().screen(), Screen::Closed);
}

TEST(StaffMode, HoldingTheKeypadsStarKeyForThreeSecondsOpensIt) {
  KioskHarness k(staffed());
  auto keys =
      kiosk::KeyMap::create({{"repeat", {"Keypad *"}}, {"staff-mode", {"Hold+Keypad *"}}}, false);
  ASSERT_TRUE(keys);
  const auto t = Clock::now();
  // The press itself is 重复 as always; its auto-repeat does nothing until 3 s have passed.
  k.core().key(*keys, SDLK_KP_MULTIPLY, 0, false, t);
  EXPECT_EQ(k.core().staff().screen(), Screen::Closed);
  k.forget_said();
  k.core().key(*keys, SDLK_KP_MULTIPLY, 0, true, t + seconds(1));
  k.core().key(*keys, SDLK_KP_MULTIPLY, 0, true, t + seconds(2));
  EXPECT_EQ(k.said(), Said{}) << "held, the item is not repeated again and again";
  EXPECT_EQ(k.core().staff().screen(), Screen::Closed);
  k.core().key(*keys, SDLK_KP_MULTIPLY, 0, true, t + seconds(3));
  EXPECT_EQ(k.core().staff().screen(), Screen::Pin);
  // Let go and press briefly: only 重复 (the PIN screen's check), no second toggle.
  k.core().key_up(SDLK_KP_MULTIPLY);
  k.core().key(*keys, SDLK_KP_MULTIPLY, 0, false, t + seconds(4));
  EXPECT_EQ(k.core().staff().screen(), Screen::Pin);
  // The production board's profile binds it and loads.
  const auto profile =
      board::load_profile_file(kiosk_test::source_dir() + "/board/profiles/rk3568-215.toml");
  ASSERT_TRUE(profile.profile) << profile.error;
  auto rk = kiosk::KeyMap::create(profile.profile->key_bindings, false);
  ASSERT_TRUE(rk);
  EXPECT_EQ(rk->held(SDLK_KP_MULTIPLY), Command::StaffMode);
  EXPECT_EQ(rk->lookup(SDLK_KP_MULTIPLY, 0), Command::RepeatFocused);
}

TEST(StaffMode, TheRightPinOpensTheMenuAndItsDigitsAreOnlyTonesAndDots) {
  KioskHarness k(staffed());
  const auto t = Clock::now();
  k.core().command(Command::StaffMode, t);
  k.speaker().take();
  std::size_t typed = 0;
  for (const char c : std::string(kPin)) {
    k.core().key(keyboard(), static_cast<SDL_Keycode>(c), 0, false, t);
    k.core().text(std::string(1, c), t);
    ++typed;
    const std::string screen = shown(k);
    EXPECT_FALSE(has_digit(screen)) << screen;
    std::string dots;
    for (std::size_t i = 0; i < typed; ++i) dots += "●";
    EXPECT_NE(screen.find(dots), std::string::npos) << screen;
    EXPECT_EQ(screen.find(dots + "●"), std::string::npos) << screen;
  }
  for (const Spoken& s : k.speaker().take()) {
    EXPECT_EQ(s.kind, Spoken::Kind::Earcon);
    EXPECT_EQ(s.earcon, tts::Earcon::PinDigit);
    EXPECT_TRUE(s.text.empty()) << s.text;
  }
  // A keypad digit also sends its text (Num Lock): counted once.
  k.core().key(keyboard(), SDLK_KP_5, 0, false, t);
  k.core().text("5", t);
  EXPECT_NE(shown(k).find("●●●●●●●"), std::string::npos);
  EXPECT_EQ(shown(k).find("●●●●●●●●"), std::string::npos);
  k.core().key(keyboard(), SDLK_BACKSPACE, 0, false, t);  // back to the right six
  k.speaker().take();
  k.core().key(keyboard(), SDLK_RETURN, 0, false, t);
  EXPECT_EQ(k.core().staff().screen(), Screen::Menu);
  EXPECT_EQ(k.view().document().title, "工作人员菜单");
  const Said said = k.said();
  ASSERT_FALSE(said.empty());
  EXPECT_EQ(said[0].rfind("工作人员菜单", 0), 0u) << said[0];
  for (const auto& s : said) EXPECT_EQ(s.find(kPin), std::string::npos) << s;
}

TEST(StaffMode, FiveWrongPinsLockItForFiveMinutesSaidAndShown) {
  KioskHarness k(staffed());
  const auto t = Clock::now();
  k.core().command(Command::StaffMode, t);
  for (int left = 4; left >= 1; --left) {
    k.forget_said();
    type_pin(k, "111111", t);
    const std::string sentence = "密码错误，还可以再试" + std::to_string(left) + "次";
    EXPECT_EQ(k.said(), Said{sentence});
    EXPECT_NE(shown(k).find(sentence), std::string::npos) << shown(k);
    EXPECT_EQ(shown(k).find("●"), std::string::npos) << "the PIN was wiped";
  }
  k.forget_said();
  type_pin(k, "111111", t);
  EXPECT_EQ(k.said(), Said{"已锁定，请5分钟后再试"});
  EXPECT_NE(shown(k).find("已锁定，请5分钟后再试"), std::string::npos);
  type_pin(k, kPin, t + seconds(100));
  EXPECT_EQ(k.said(), Said{"已锁定，请4分钟后再试"}) << "not even the right PIN while locked";
  EXPECT_EQ(k.core().staff().screen(), Screen::Pin);
  type_pin(k, kPin, t + minutes(5));
  EXPECT_EQ(k.core().staff().screen(), Screen::Menu);
}

TEST(StaffMode, OverACitizenTypingEscIsBackAndTheFieldGoesOnAfterwards) {
  KioskHarness k(staffed());
  const auto t = Clock::now();
  ASSERT_TRUE(k.open("/query.html"));
  ASSERT_TRUE(k.tab_to("编辑框：办件编号"));
  k.press(Command::Activate);
  k.type("S");
  // The chord reaches staff mode even while a field takes text.
  EXPECT_EQ(k.core().key_to_command(keyboard(), SDLK_s, KMOD_LCTRL | KMOD_LALT),
            Command::StaffMode);
  open_menu(k, t);
  choose(k, "设备状态", t);
  k.core().key(keyboard(), SDLK_ESCAPE, 0, false, t);
  EXPECT_EQ(k.core().staff().screen(), Screen::Menu) << "Esc went back, it did not activate";
  k.core().key(keyboard(), SDLK_ESCAPE, 0, false, t);
  EXPECT_EQ(k.core().staff().screen(), Screen::Closed);
  k.type("H");
  EXPECT_EQ(k.focused_text().rfind("编辑框：办件编号", 0), 0u) << k.focused_text();
  k.press(Command::Activate);
  EXPECT_NE(shown(k).find("SH"), std::string::npos) << "typing went on where it was";
}

TEST(StaffMode, TheMenuWorksByTouchWithTargetsAtLeast60Pixels) {
  KioskHarness k(staffed());
  const auto t = Clock::now();
  open_menu(k, t);
  auto& view = k.view();
  std::optional<ui::FocusTarget> self_test;
  for (std::uint32_t b = 0; b < view.document().blocks.size(); ++b) {
    const auto& runs = view.document().blocks[b].runs;
    if (runs.empty() || runs[0].kind != ui::InlineKind::Link) continue;
    const auto rects = view.layout().focus_rects({b, 0});
    ASSERT_FALSE(rects.empty());
    EXPECT_GE(rects[0].h, 60) << runs[0].text;
    if (runs[0].text == "自检") self_test = ui::FocusTarget{b, 0};
  }
  ASSERT_TRUE(self_test);
  view.set_focus({self_test->block, -1});  // scrolled into view
  const auto rect = view.layout().focus_rects(*self_test).at(0);
  const ui::Point at{rect.center().x, view.content_area().y + rect.center().y - view.scroll_y()};
  k.core().touch(at, t);
  EXPECT_EQ(k.core().staff().screen(), Screen::SelfTest);
  k.core().touch(kiosk_test::button_point(view, Command::Back), t);  // 返回: the menu again
  EXPECT_EQ(k.core().staff().screen(), Screen::Menu);
  k.core().touch(kiosk_test::button_point(view, Command::Back), t);  // and out
  EXPECT_EQ(k.core().staff().screen(), Screen::Closed);
}

TEST(StaffMode, AnUnprovisionedKioskSaysSo) {
  KioskHarness k;  // no [staff] pin_hash
  const auto t = Clock::now();
  k.core().command(Command::StaffMode, t);
  k.forget_said();
  type_pin(k, kPin, t);
  EXPECT_EQ(k.said(), Said{"本机还没有设置工作人员密码，请联系技术人员"});
  EXPECT_EQ(k.core().staff().screen(), Screen::Pin);
}

TEST(StaffMode, ACallChimesIsListedAndAcknowledgingClearsIt) {
  KioskHarness k(staffed());
  const auto t = Clock::now();
  k.speaker().take();
  k.core().command(Command::CallStaff, t);
  const auto spoken = k.speaker().take();
  ASSERT_FALSE(spoken.empty());
  EXPECT_EQ(spoken[0].earcon, tts::Earcon::StaffAlert) << "heard across the hall";
  EXPECT_TRUE(k.core().staff_called());
  EXPECT_TRUE(k.core().health_report().staff_called);
  EXPECT_EQ(k.core().health_report().staff_ack_s, -1);

  open_menu(k, t + seconds(20));
  EXPECT_NE(shown(k).find("呼叫提醒（1条未确认）"), std::string::npos) << shown(k);
  choose(k, "呼叫提醒", t + seconds(25));
  EXPECT_EQ(k.view().document().title, "呼叫提醒");
  EXPECT_NE(shown(k).find("呼叫（25秒前），未确认"), std::string::npos) << shown(k);
  k.forget_said();
  choose(k, "确认这次呼叫", t + seconds(30));
  EXPECT_EQ(k.said(), Said{"已确认呼叫，等候30秒"});
  EXPECT_FALSE(k.core().staff_called());
  const kiosk::HealthReport h = k.core().health_report();
  EXPECT_FALSE(h.staff_called);
  EXPECT_EQ(h.staff_ack_s, 30);
  EXPECT_NE(shown(k).find("已确认，等候30秒"), std::string::npos) << shown(k);
}

TEST(StaffMode, TakeOverAndHandBackKeepTheCitizensPageAndEntries) {
  KioskHarness k(staffed());
  auto t = Clock::now();
  ASSERT_TRUE(k.open("/guide-social-card.html"));
  ASSERT_TRUE(k.tab_to("编辑框：姓名"));
  k.press(Command::Activate);
  k.type("张");
  k.type("三");
  k.press(Command::Activate);
  const std::string page = shown(k);
  const std::string focus = k.focused_text();
  ASSERT_NE(page.find("张*"), std::string::npos);

  open_menu(k, t);
  const std::string menu = shown(k);
  EXPECT_EQ(menu.find("张"), std::string::npos) << "nothing of the citizen on staff screens";
  choose(k, "设备状态", t);
  EXPECT_EQ(shown(k).find("张"), std::string::npos);
  k.core().command(Command::Back, t);  // back to the menu
  k.forget_said();
  choose(k, "接管当前服务", t);
  EXPECT_EQ(k.core().session().state(), Session::State::Staff);
  EXPECT_EQ(k.said(), Said{"工作人员正在协助您"});
  EXPECT_EQ(shown(k), page) << "the citizen's page, as it was";
  EXPECT_EQ(k.focused_text(), focus);

  // Taken over: no idle timer ends the session, and staff work the citizen's page.
  t += seconds(100);
  k.core().tick(t);
  EXPECT_EQ(k.core().session().state(), Session::State::Staff);
  EXPECT_EQ(shown(k), page);

  k.core().command(Command::StaffMode, t);  // staff again: the menu, without the PIN
  EXPECT_EQ(k.core().staff().screen(), Screen::Menu);
  k.forget_said();
  choose(k, "交还给市民", t);
  EXPECT_EQ(k.said(), Said{"工作人员已交还，您可以继续办理"});
  EXPECT_EQ(k.core().session().state(), Session::State::Active);
  EXPECT_EQ(shown(k), page);
  EXPECT_EQ(k.focused_text(), focus);
  EXPECT_EQ(k.core().citizen().wipes(), 0) << "handing back wipes nothing";
}

TEST(StaffMode, EndingTheServiceWipesAndTheMenuStays) {
  KioskHarness k(staffed());
  const auto t = Clock::now();
  ASSERT_TRUE(k.open("/query.html"));
  ASSERT_GT(k.core().browser().history_size(), 0u);
  open_menu(k, t);
  k.forget_said();
  choose(k, "结束当前服务", t);
  EXPECT_EQ(k.core().citizen().wipes(), 1);
  EXPECT_EQ(k.core().session().state(), Session::State::Welcome);
  EXPECT_EQ(k.core().browser().history_size(), 0u);
  EXPECT_TRUE(contains(k.said(), "本次服务已由工作人员结束"));
  EXPECT_EQ(k.core().staff().screen(), Screen::Menu);
  EXPECT_NE(shown(k).find("现在没有市民在办理"), std::string::npos) << shown(k);
  EXPECT_EQ(shown(k).find("接管当前服务"), std::string::npos);
  k.core().command(Command::StaffMode, t);  // leave: the attract screen, no session started
  EXPECT_EQ(k.view().document().title, "政务服务自助终端");
  EXPECT_EQ(k.core().session().state(), Session::State::Welcome);
}

TEST(StaffMode, StaffModeNeitherStartsNorRunsOutACitizensSession) {
  KioskHarness k(staffed());
  auto t = Clock::now();
  k.core().end_session();
  ASSERT_EQ(k.core().session().state(), Session::State::Welcome);
  open_menu(k, t);
  EXPECT_EQ(k.core().session().state(), Session::State::Welcome) << "staff are not a citizen";
  k.core().command(Command::StaffMode, t);

  // A citizen's session waits beneath the menu: its idle timer is held.
  k.core().command(Command::NextItem, t);
  ASSERT_EQ(k.core().session().state(), Session::State::Active);
  open_menu(k, t);
  t += seconds(100);
  k.core().tick(t);
  EXPECT_EQ(k.core().session().state(), Session::State::Active);
  EXPECT_EQ(k.core().citizen().wipes(), 1) << "only the end_session above";
}

TEST(StaffMode, TwoIdleMinutesEndIt) {
  KioskHarness k(staffed());
  const auto t = Clock::now();
  const std::string page = shown(k);
  open_menu(k, t);
  // The loop sleeps until then: no citizen timer (held) wakes it before.
  EXPECT_EQ(k.core().next_deadline(), t + StaffDesk::kIdle);
  k.core().tick(t + seconds(119));
  EXPECT_EQ(k.core().staff().screen(), Screen::Menu);
  k.forget_said();
  k.core().tick(t + seconds(120));
  EXPECT_EQ(k.core().staff().screen(), Screen::Closed);
  EXPECT_EQ(k.said(), Said{"两分钟没有操作，已退出工作人员模式"});
  EXPECT_EQ(shown(k), page);

  // A taken-over session staff walked away from goes back to the citizen.
  const auto t2 = t + minutes(10);
  open_menu(k, t2);
  choose(k, "接管当前服务", t2);
  ASSERT_EQ(k.core().session().state(), Session::State::Staff);
  k.core().command(Command::NextItem, t2 + seconds(60));  // staff working the page
  k.core().tick(t2 + seconds(150));
  EXPECT_EQ(k.core().session().state(), Session::State::Staff);
  k.core().tick(t2 + seconds(180));
  EXPECT_EQ(k.core().session().state(), Session::State::Active);
}

TEST(StaffMode, SessionsTodayAreCountedAndInTheHealthPage) {
  KioskHarness k(staffed());
  const auto t = Clock::now();
  EXPECT_EQ(k.core().sessions_today(), 1);  // the harness's own session
  k.core().end_session();
  k.core().command(Command::NextItem, t);  // the next citizen
  EXPECT_EQ(k.core().sessions_today(), 2);
  EXPECT_EQ(k.core().health_report().sessions_today, 2);
  k.core().set_health_source([] {
    kiosk::HealthReport r;
    r.display = {true, "offscreen"};
    r.speech = {true, "speaking"};
    r.readers = {false, "libusb: 0 readers; not answering: sam0"};
    r.network = {true, "eth0"};
    r.version = "9.9.9";
    r.slot = "B";
    return r;
  });
  open_menu(k, t);
  choose(k, "设备状态", t);
  const std::string page = shown(k);
  EXPECT_NE(page.find("今日服务：2人次"), std::string::npos) << page;
  EXPECT_NE(page.find("读卡器：异常（libusb: 0 readers; not answering: sam0）"), std::string::npos)
      << page;
  EXPECT_NE(page.find("版本：9.9.9"), std::string::npos);
  EXPECT_NE(page.find("系统分区：B"), std::string::npos);
  k.core().command(Command::Back, t);
  k.forget_said();
  choose(k, "自检", t);
  const Said said = k.said();
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(said[0], "语音自检：听到这句话，说明声音正常。自检完成，1项异常：读卡器");
  EXPECT_NE(shown(k).find("显示：正常"), std::string::npos) << shown(k);
}

}  // namespace
