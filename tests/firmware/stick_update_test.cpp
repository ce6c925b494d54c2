// A USB stick's update as the hall meets it: the installer's offer shows in the staff menu only;
// staff cannot start it while a citizen is served; once confirmed, the kiosk shows and says that
// an update runs and not to switch off, every key and touch hears it again, no session or card
// starts; the installer's outcome is said and shown; a failed one gives the kiosk back to the
// hall. The installer's side (kioskctl update install --from-usb --ask-staff) is played here by
// writing its files, as it writes them (kiosk/stick_update.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "board/staff_pin.hpp"
#include "input/keymap.hpp"
#include "kiosk/stick_update.hpp"
#include "kiosk_harness.hpp"
#include "session/session.hpp"
#include "staff/staff_desk.hpp"

namespace {

using kiosk::Command;
using kiosk::Session;
using kiosk_test::KioskHarness;
using Clock = std::chrono::steady_clock;
using Screen = kiosk::StaffDesk::Screen;
using std::chrono::seconds;
using Said = std::vector<std::string>;
namespace fs = std::filesystem;

constexpr const char* kPin = "583920";

const kiosk::KeyMap& keyboard() {
  static const kiosk::KeyMap keys = *kiosk::KeyMap::create({}, false);
  return keys;
}

bool contains(const Said& said, const std::string& text) {
  return std::any_of(said.begin(), said.end(),
                     [&](const std::string& s) { return s.find(text) != std::string::npos; });
}

class StickUpdate : public ::testing::Test {
 protected:
  StickUpdate()
      : dir_(fs::temp_directory_path() / ("kiosk-stick-" + std::to_string(::getpid()))),
        paths_{dir_.string()} {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~StickUpdate() override { fs::remove_all(dir_); }

  kiosk_test::HarnessOptions options() {
    kiosk_test::HarnessOptions o;
    static const std::string hash = board::hash_staff_pin(kPin).hash;
    o.staff_pin_hash = hash;
    o.runtime_dir = dir_.string();
    return o;
  }
  void offer(const std::string& version) {
    ASSERT_TRUE(kiosk::write_file_atomically(
        paths_.update_offer(),
        kiosk::to_json(kiosk::UpdateOffer{version, "kiosk-" + version + ".raucb"})));
  }
  void outcome(bool installed, const std::string& version, const std::string& reason = {}) {
    ASSERT_TRUE(kiosk::write_file_atomically(
        paths_.update_outcome(), kiosk::to_json(kiosk::UpdateOutcome{installed, version, reason})));
  }
  std::optional<std::string> consented() {
    const auto text = kiosk::read_small_file(paths_.update_consent());
    if (!text) return std::nullopt;
    const auto c = kiosk::parse_update_consent(*text, "consent");
    return c ? std::optional(c->version) : std::nullopt;
  }
  // A tick a little later each time: the watch looks at its files once a second.
  kiosk::Outcome later(KioskHarness& k) {
    t_ += seconds(2);
    return k.core().tick(t_);
  }
  void open_menu(KioskHarness& k) {
    k.core().key(keyboard(), SDLK_s, KMOD_LCTRL | KMOD_LALT, false, t_);
    ASSERT_EQ(k.core().staff().screen(), Screen::Pin);
    for (const char c : std::string(kPin)) {
      k.core().key(keyboard(), static_cast<SDL_Keycode>(c), 0, false, t_);
      k.core().text(std::string(1, c), t_);
    }
    k.core().key(keyboard(), SDLK_RETURN, 0, false, t_);
    ASSERT_EQ(k.core().staff().screen(), Screen::Menu);
  }
  // Moves the menu's focus to the item starting with `text`; false if there is none.
  bool focus_item(KioskHarness& k, const std::string& text) {
    for (int i = 0; i < 12 && k.focused_text().rfind(text, 0) != 0; ++i) {
      k.core().command(Command::NextLink, t_);
    }
    return k.focused_text().rfind(text, 0) == 0;
  }
  std::string shown(KioskHarness& k) { return kiosk_test::document_text(k.view().document()); }
  // Nobody served, `version` offered, staff choose it in the menu: the update runs.
  void confirm_update(KioskHarness& k, const std::string& version) {
    k.core().end_session();
    offer(version);
    later(k);
    open_menu(k);
    ASSERT_TRUE(focus_item(k, "安装U盘中的更新")) << shown(k);
    k.core().command(Command::Activate, t_);
    ASSERT_TRUE(k.core().updating());
  }

  fs::path dir_;
  kiosk::RuntimePaths paths_;
  Clock::time_point t_ = Clock::now();
};

TEST_F(StickUpdate, OfferedToStaffOnlyAndNeverWhileACitizenIsServed) {
  KioskHarness k(options());
  offer("1.0.1");
  later(k);
  // The citizen on the page sees nothing of it.
  EXPECT_EQ(shown(k).find("更新"), std::string::npos);
  EXPECT_FALSE(k.core().updating());
  open_menu(k);
  ASSERT_TRUE(focus_item(k, "安装U盘中的更新（版本1.0.1）")) << shown(k);
  k.forget_said();
  k.core().command(Command::Activate, t_);
  EXPECT_TRUE(contains(k.said(), "请先结束当前服务，再安装更新"));
  EXPECT_FALSE(k.core().updating());
  EXPECT_EQ(consented(), std::nullopt) << "no consent while a citizen is served";
  // The stick taken away: the item goes from the menu at once.
  fs::remove(paths_.update_offer());
  EXPECT_EQ(later(k), kiosk::Outcome::Redraw);
  EXPECT_EQ(shown(k).find("安装U盘"), std::string::npos) << shown(k);
}

TEST_F(StickUpdate, ConfirmedItIsShownAndSaidAndEveryInputHearsItAgain) {
  KioskHarness k(options());
  k.core().end_session();  // the attract screen: nobody is served
  offer("1.0.2");
  later(k);
  open_menu(k);
  ASSERT_TRUE(focus_item(k, "安装U盘中的更新")) << shown(k);
  k.forget_said();
  k.core().command(Command::Activate, t_);
  ASSERT_TRUE(k.core().updating());
  EXPECT_EQ(consented(), "1.0.2");
  EXPECT_EQ(k.core().staff().screen(), Screen::Closed);
  EXPECT_NE(shown(k).find("正在更新系统"), std::string::npos);
  EXPECT_NE(shown(k).find("请勿关闭电源"), std::string::npos);
  const Said said = k.said();
  EXPECT_TRUE(contains(said, "正在更新系统")) << ::testing::PrintToString(said);
  EXPECT_TRUE(contains(said, "请勿关闭电源"));
  // Someone walks up: a key, a touch, a card, headphones — no session, the same words again.
  k.core().command(Command::NextItem, t_);
  EXPECT_TRUE(contains(k.said(), "请勿关闭电源"));
  k.core().touch({960, 540}, t_);
  EXPECT_TRUE(contains(k.said(), "请勿关闭电源"));
  k.core().key(keyboard(), SDLK_s, KMOD_LCTRL | KMOD_LALT, false, t_);  // nor staff mode
  EXPECT_EQ(k.core().staff().screen(), Screen::Closed);
  k.core().card_event(kiosk_test::card_event(drivers::CardEvent::Kind::CardInserted), t_);
  EXPECT_EQ(k.core().session().state(), Session::State::Welcome);
  EXPECT_NE(shown(k).find("正在更新系统"), std::string::npos);
  // The installer finishes: said and shown; the kiosk waits for its reboot.
  k.forget_said();
  outcome(true, "1.0.2");
  EXPECT_EQ(later(k), kiosk::Outcome::Redraw);
  EXPECT_TRUE(contains(k.said(), "更新完成"));
  EXPECT_NE(shown(k).find("正在重新启动"), std::string::npos);
  EXPECT_TRUE(k.core().updating());
}

TEST_F(StickUpdate, AFailedInstallIsSaidAndTheHallIsServedAgain) {
  KioskHarness k(options());
  ASSERT_NO_FATAL_FAILURE(confirm_update(k, "1.0.3"));
  k.forget_said();
  outcome(false, "1.0.3", "the bundle's signature does not match its contents");
  EXPECT_EQ(later(k), kiosk::Outcome::Redraw);
  EXPECT_FALSE(k.core().updating());
  EXPECT_TRUE(contains(k.said(), "更新没有完成"));
  EXPECT_NE(shown(k).find("本机继续使用原来的系统"), std::string::npos);
  EXPECT_NE(shown(k).find("signature"), std::string::npos) << "the reason, for staff";
  // The installer's offer file staying behind (it died after its outcome) is not taken for a
  // new offer: a failed update is never retried in a loop.
  later(k);
  EXPECT_FALSE(k.core().updating());
  EXPECT_FALSE(k.core().updates().offer());
  // Fifteen seconds later the attract screen is back, and a key starts a session as ever.
  t_ += seconds(15);
  k.core().tick(t_);
  EXPECT_EQ(shown(k).find("更新没有完成"), std::string::npos) << shown(k);
  k.core().command(Command::NextItem, t_);
  EXPECT_NE(k.core().session().state(), Session::State::Welcome);
}

TEST_F(StickUpdate, AnInstallerThatStopsWithoutAnOutcomeIsNotWaitedForForever) {
  KioskHarness k(options());
  ASSERT_NO_FATAL_FAILURE(confirm_update(k, "1.0.4"));
  fs::remove(paths_.update_offer());  // the installer is gone (killed, the stick pulled)
  later(k);
  EXPECT_FALSE(k.core().updating());
  EXPECT_NE(shown(k).find("更新没有完成"), std::string::npos);
}

TEST_F(StickUpdate, WithoutStaffModeItWaitsForTheCitizenThenStartsByItself) {
  auto o = options();
  o.staff_pin_hash.clear();  // no PIN provisioned: nobody could confirm it
  KioskHarness k(o);
  offer("1.0.5");
  later(k);
  EXPECT_FALSE(k.core().updating()) << "a citizen is being served";
  EXPECT_EQ(consented(), std::nullopt);
  k.core().end_session();
  k.forget_said();
  later(k);
  ASSERT_TRUE(k.core().updating());
  EXPECT_EQ(consented(), "1.0.5");
  EXPECT_TRUE(contains(k.said(), "请勿关闭电源"));
}

TEST(StickUpdateFiles, WhatIsNotOursIsAnErrorNotACrash) {
  for (const char* text : {"", "[]", "{\"version\": 3, \"bundle\": \"x\"}", "{\"version\": \"\"}",
                           "{\"installed\": \"yes\"}", "nul\x01l", "{\"version\": [\"1\"]}"}) {
    EXPECT_FALSE(kiosk::parse_update_offer(text, "t")) << text;
    EXPECT_FALSE(kiosk::parse_update_consent(text, "t")) << text;
    EXPECT_FALSE(kiosk::parse_update_outcome(text, "t")) << text;
  }
  EXPECT_FALSE(kiosk::parse_update_offer("{\"version\": \"1.0.1\"}", "t")) << "no bundle";
  EXPECT_FALSE(kiosk::parse_update_outcome("{\"installed\": \"yes\", \"version\": \"1\"}", "t"));
  const auto back =
      kiosk::parse_update_offer(kiosk::to_json(kiosk::UpdateOffer{"1.2.3", "a.raucb"}), "t");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->version, "1.2.3");
  EXPECT_EQ(back->bundle, "a.raucb");
}

}  // namespace
