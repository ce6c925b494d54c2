// Staff mode: the PIN screen, the staff menu and its pages, taking a citizen's session over and
// handing it back, and the list of call-staff alerts. While a staff screen is up the desk takes
// every key, text and touch (KioskCore asks it first) and the citizen's page waits beneath it,
// untouched: leaving puts that page, its focus and its caption back as they were. The PIN is
// typed into a SecureString, checked by StaffGate (the only checker) and wiped at once; a digit
// makes a tone and shows a ●, never itself. Two minutes without a staff key or touch end staff
// mode (and hand a taken-over session back).
#pragma once

#include <SDL.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "drivers/secure_buffer.hpp"
#include "input/command.hpp"
#include "input/region.hpp"
#include "kiosk/health.hpp"
#include "speech/announcer.hpp"
#include "staff_gate.hpp"
#include "staff_pages.hpp"
#include "ui/reading_view.hpp"

namespace kiosk {

class StaffDesk {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr auto kIdle = std::chrono::minutes(2);
  static constexpr std::size_t kMaxPinDigits = 12;
  static constexpr std::size_t kMaxAlerts = 20;

  // What the desk asks of the kiosk around it (KioskCore); the desk knows no other room.
  struct Hooks {
    std::function<HealthReport()> health;
    std::function<std::vector<StaffCheck>()> self_test;  // says the test sentence too
    std::function<bool()> citizen_here;                  // a session is running
    std::function<void()> end_session;                   // wipe; the attract screen is shown
    std::function<bool()> take_over;                     // Session::State::Staff
    std::function<void(Clock::time_point)> hand_back;
    std::function<void(Clock::time_point)> resume;  // menu left: the idle clock starts again
    // A USB stick's verified update waiting for staff: its version, empty when none.
    std::function<std::string()> update_offered = [] { return std::string(); };
    // Staff confirmed it (no citizen is served): the update screen replaces the desk. False
    // when it could not start.
    std::function<bool()> install_update = [] { return false; };
  };

  enum class Screen { Closed, Pin, Menu, Health, SelfTest, Alerts };

  StaffDesk(ui::ReadingView& view, Announcer& announcer, std::string pin_hash, Hooks hooks);

  Screen screen() const { return screen_; }
  bool showing() const { return screen_ != Screen::Closed; }
  bool taken_over() const { return taken_over_; }
  // Whether the desk takes this command now (StaffMode always; while showing, all but the
  // developer's).
  bool wants(Command command) const;

  Outcome command(Command command, Clock::time_point now);
  // Esc (leave, or back to the menu), and on the PIN screen the keypad's digits, Enter, * and
  // -, Backspace; NotMine: not one of those, look the key up as usual.
  Outcome key(SDL_Keycode key, Clock::time_point now);
  Outcome text(const std::string& utf8, Clock::time_point now);
  Outcome touch(ui::Point at, Clock::time_point now);
  Outcome tick(Clock::time_point now);
  std::optional<Clock::time_point> next_deadline() const;
  // A key or touch on the citizen's page while staff have taken the session over.
  void activity(Clock::time_point now);

  // Something the menu shows changed (an update offered or withdrawn): shown at once.
  void refresh();

  // Call-staff alerts.
  void call_raised(Clock::time_point now);
  bool call_pending() const;
  // How long the last answered call waited.
  std::optional<std::chrono::seconds> last_wait() const { return last_wait_; }
  const std::vector<StaffAlert>& alerts() const { return alerts_; }

  // The session ended (结束, timeout, staff): calls nobody answered are closed, a take-over
  // is over, and the copy of the citizen's page beneath the desk is forgotten.
  void citizen_left();

 private:
  struct Beneath {  // the citizen's screen, as it was when the desk opened over it
    ui::Document doc;
    ui::FocusTarget focus;
    std::string caption;
  };

  void open(Screen screen, Clock::time_point now);
  void show(Screen screen, bool announce = true);
  void restore();
  Outcome leave(Clock::time_point now, bool timed_out);
  Outcome pin_digit(char digit);
  Outcome pin_delete(Clock::time_point now);
  Outcome pin_check(Clock::time_point now);
  Outcome activate(Clock::time_point now);
  Outcome choose(int id, Clock::time_point now);
  Outcome back(Clock::time_point now);
  Outcome move(ui::ViewCommand command);

  ui::ReadingView& view_;
  Announcer& announcer_;
  StaffGate gate_;
  Hooks hooks_;
  Screen screen_ = Screen::Closed;
  bool taken_over_ = false;
  drivers::SecureString pin_;
  std::string pin_message_;
  std::optional<Beneath> beneath_;
  Clock::time_point last_input_{};
  Clock::time_point now_{};  // of the input or tick being handled (tests bring their own clock)
  std::vector<StaffCheck> checks_;
  std::vector<StaffAlert> alerts_;
  std::optional<std::chrono::seconds> last_wait_;
  char keypad_text_ = 0;  // a keypad digit taken as a key: its text event follows, ignore it
};

}  // namespace kiosk
