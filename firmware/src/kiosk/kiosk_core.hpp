// Everything the citizen meets, wired together, without the platform around it: the screen
// (layout, reading view, renderer), the voice (an Announcer over any Speaker), the rooms
// (browser and forms, toolbar, cards, session, citizen data) and the router that sends each
// command to the focused region. kioskd puts a display, a speaker, card readers and systemd
// around it (kiosk.hpp); tests drive it directly with a RecordingSpeaker.
#pragma once

#include <SDL.h>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "browse/browser.hpp"
#include "browse/form_editor.hpp"
#include "browse/loader.hpp"
#include "cards/card_flow.hpp"
#include "input/key_hold.hpp"
#include "input/router.hpp"
#include "keyboard/on_screen_keyboard.hpp"
#include "review/review_region.hpp"
#include "service/service_flow.hpp"
#include "session/citizen_data.hpp"
#include "session/session.hpp"
#include "session/session_modes.hpp"
#include "speech/announcer.hpp"
#include "speech/muting_speaker.hpp"
#include "speech/say_all.hpp"
#include "staff/staff_ack_watch.hpp"
#include "staff/staff_desk.hpp"
#include "toolbar/toolbar.hpp"
#include "ui/layout.hpp"
#include "ui/reading_view.hpp"
#include "ui/screen_renderer.hpp"
#include "upkeep/update_watch.hpp"

namespace kiosk {

struct CoreSettings {
  ui::ViewSettings view;
  board::SessionProfile session;
  FetchPolicy fetch;
  std::string home;  // the session's start page; empty: the built-in welcome page
  // A second FontCollection for laying pages out on the loader's thread (none: on this one).
  const ui::FontCollection* loader_fonts = nullptr;
  // rime's user data for the on-screen keyboard's pinyin; empty: a private temporary directory.
  std::string rime_dir{};
  std::string staff_pin_hash{};  // the board's [staff] pin_hash; empty: no staff mode
  // kioskd's runtime directory, where a USB stick's update is offered (kiosk/stick_update.hpp);
  // empty: no stick updates.
  std::string runtime_dir{};
};

class KioskCore {
 public:
  using Clock = std::chrono::steady_clock;

  // `wake` is called from other threads when something is ready for tick() (a page loaded).
  KioskCore(SDL_Renderer* renderer, const ui::FontCollection& fonts, CoreSettings settings,
            Speaker& speaker, std::function<void()> wake = {});
  ~KioskCore();
  KioskCore(const KioskCore&) = delete;
  KioskCore& operator=(const KioskCore&) = delete;

  // Input. Speech stops at once on every one of these, then the focused region acts.
  Outcome command(Command command, Clock::time_point now = Clock::now());
  Outcome text(const std::string& utf8, Clock::time_point now = Clock::now());
  Outcome touch(ui::Point at, Clock::time_point now = Clock::now());
  Outcome pointer_moved(ui::Point at);
  // A swipe (content pixels, positive: further down) or wheel notches (positive: down).
  Outcome scroll(int dy, Clock::time_point now = Clock::now());
  Outcome wheel(int notches, Clock::time_point now = Clock::now());
  // A key as the keyboard reports it (edit mode turns printable keys into text).
  std::optional<Command> key_to_command(const KeyMap& keys, SDL_Keycode key, Uint16 mod) const;
  // A key as the keyboard reports it, for kioskd: the staff PIN screen reads keys itself, a
  // key held down (`repeat`: auto-repeat) may be a command of its own ("Hold+…"), otherwise
  // key_to_command and command.
  Outcome key(const KeyMap& keys, SDL_Keycode key, Uint16 mod, bool repeat = false,
              Clock::time_point now = Clock::now());
  void key_up(SDL_Keycode key) { hold_.up(key); }
  Outcome card_event(drivers::CardEvent event, Clock::time_point now = Clock::now());
  // The headphone jack (or the key that plays it): audio mode on or off.
  // `citizen`: a plug going in is someone arriving (false for a plug found at start-up).
  Outcome headphones(bool inserted, Clock::time_point now = Clock::now(), bool citizen = true);
  bool headphones_in() const { return headphones_in_; }
  // Loaded pages, session timers, say-all following the voice; call every loop turn.
  Outcome tick(Clock::time_point now = Clock::now());
  std::optional<Clock::time_point> next_deadline() const;

  // `attract`: the attract screen until someone comes (a key, a touch, a card, headphones
  // start the session and open the start page); otherwise the session starts at once (a
  // developer's --page, tests).
  void start(bool attract, bool announce = true);
  void end_session();
  // A citizen asked for staff (呼叫工作人员) and nobody has answered yet.
  bool staff_called() const { return staff_.call_pending(); }
  // Staff mode: the PIN screen, the staff menu, a session taken over.
  StaffDesk& staff() { return staff_; }
  int sessions_today() const;
  // The health report: the platform's parts (from `source`, set by Kiosk) and what the core
  // knows (the call for staff, sessions today, how long the last call waited).
  void set_health_source(std::function<HealthReport()> source) {
    health_source_ = std::move(source);
  }
  HealthReport health_report() const;
  // The citizen-facing facts of the health report (kioskd rewrites the report when they change).
  UsageFacts usage() const;
  // Developer commands for the host (quit, screenshot, virtual cards), in order.
  std::optional<Command> take_host_command();

  void resize(int width, int height);
  void draw();
  // Tests and scripts: ticks until no page is loading (or the time is up).
  bool wait_until_loaded(std::chrono::milliseconds timeout);

  ui::ReadingView& view() { return view_; }
  ui::TextLayouter& layouter() { return layouter_; }
  Browser& browser() { return browser_; }
  const FormEditor& forms() const { return forms_; }
  Session& session() { return session_; }
  CitizenData& citizen() { return citizen_; }
  ServiceFlow& service() { return service_; }
  const CardFlow& cards() const { return cards_; }
  const PinEntry& pin() const { return pin_; }
  // Where a smart card's PIN is checked (kioskd: its CardReaders); none: the PIN cannot be
  // checked, and the citizen is told so.
  void set_pin_verifier(PinVerifier* verifier) { pin_.set_verifier(verifier); }
  Announcer& announcer() { return announcer_; }
  OnScreenKeyboard& keyboard() { return keyboard_; }
  Toolbar& toolbar() { return toolbar_; }
  ReviewRegion& review() { return review_; }
  // A USB stick's update: offered to staff, running (every input only hears so), or ended.
  const UpdateWatch& updates() const { return updates_; }
  bool updating() const { return updating_; }

 private:
  class SessionRegion;
  class HostRegion;
  Outcome on_session_event(Session::Event event, Clock::time_point now);
  // Every key, text and touch begins here: speech stops, and the session hears of it; an
  // outcome when the input only started or extended the session.
  std::optional<Outcome> begin_input(Clock::time_point now);
  Outcome routed(Command command);
  void show_countdown(Clock::time_point now);
  StaffDesk::Hooks staff_hooks(SDL_Renderer* renderer);
  std::vector<StaffCheck> self_test(SDL_Renderer* renderer);
  bool install_update();
  Outcome update_busy();
  Outcome follow_update(Clock::time_point now);

  CoreSettings settings_;
  ui::TextLayouter layouter_;
  ui::ReadingView view_;
  ui::ScreenRenderer screen_;
  MutingSpeaker voice_;  // 声音开关: in front of the speaker, before everything that speaks
  Announcer announcer_;
  Loader loader_;
  FormEditor forms_;
  OnScreenKeyboard keyboard_;
  Browser browser_;
  SayAll say_all_;
  Toolbar toolbar_;
  ReviewRegion review_;
  Session session_;
  CitizenData citizen_;
  PinEntry pin_;
  CardFlow cards_;
  ServiceFlow service_;
  std::unique_ptr<SessionRegion> session_region_;
  std::unique_ptr<HostRegion> host_region_;
  StaffDesk staff_;
  KeyHold hold_;
  std::function<HealthReport()> health_source_;
  Clock::time_point input_at_{};  // of the input being handled (a call's time)
  Router router_;
  std::deque<Command> host_commands_;
  int last_countdown_ = -1;
  bool headphones_in_ = false;  // the plug outlives the session: the next citizen keeps it
  std::optional<int> last_touched_button_;  // touch-talk: said once, pressed by the next touch
  UpdateWatch updates_;
  bool updating_ = false;  // staff confirmed a stick's update: no session until it ends
  std::optional<Clock::time_point> update_notice_until_;  // "not done" shown, then the attract
  // The fleet (issue 16): the hall's acknowledgement of a call, and today's sessions by mode.
  Outcome follow_staff_ack(Clock::time_point now);
  void note_usage();
  StaffAckWatch staff_ack_;
  SessionModes modes_;
  bool touched_ = false;  // a citizen's touch since the session began (counted in tick)
};

}  // namespace kiosk
