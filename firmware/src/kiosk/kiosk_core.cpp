#include "kiosk_core.hpp"

#include <cstdio>
#include <thread>

#include "speech/staff_wording.hpp"
#include "upkeep/update_pages.hpp"

namespace kiosk {

// 结束: the citizen ends the service themselves; 呼叫工作人员: help from staff.
class KioskCore::SessionRegion final : public Region {
 public:
  explicit SessionRegion(KioskCore& core) : core_(core) {}
  Outcome command(Command command) override {
    if (command == Command::CallStaff) {
      core_.staff_.call_raised(core_.input_at_);  // the staff menu lists it
      core_.view_.set_caption_override("已呼叫工作人员，请稍候");
      core_.announcer_.staff_called();
      return Outcome::Redraw;
    }
    if (command != Command::EndSession) return Outcome::NotMine;
    core_.end_session();
    return Outcome::Redraw;
  }

 private:
  KioskCore& core_;
};

// Developer commands belong to the host (kioskd owns the display and the emulated readers).
class KioskCore::HostRegion final : public Region {
 public:
  explicit HostRegion(KioskCore& core) : core_(core) {}
  Outcome command(Command command) override {
    if (info(command).group != CommandGroup::Developer) return Outcome::NotMine;
    core_.host_commands_.push_back(command);
    return Outcome::Unchanged;
  }

 private:
  KioskCore& core_;
};

KioskCore::KioskCore(SDL_Renderer* renderer, const ui::FontCollection& fonts, CoreSettings settings,
                     Speaker& speaker, std::function<void()> wake)
    : settings_(std::move(settings)),
      layouter_(fonts),
      view_(layouter_, settings_.view),
      screen_(renderer, fonts),
      voice_(speaker),
      announcer_(voice_),
      loader_(settings_.fetch, wake, settings_.loader_fonts),
      forms_(view_, announcer_),
      keyboard_(view_, announcer_, forms_, settings_.rime_dir),
      browser_(view_, announcer_, loader_, forms_, [this](Command c) { return routed(c); }),
      say_all_(view_, announcer_),
      toolbar_(view_, announcer_, say_all_, voice_, settings_.view),
      review_(view_, announcer_, forms_,
              {settings_.fetch, wake, [this] { return browser_.url(); }}),
      session_(settings_.session),
      pin_(view_, announcer_),
      cards_(citizen_, browser_, forms_, view_, announcer_, pin_),
      service_(browser_, cards_, citizen_, view_, announcer_, say_all_, pin_, settings_.home,
               settings_.fetch, wake),
      session_region_(std::make_unique<SessionRegion>(*this)),
      host_region_(std::make_unique<HostRegion>(*this)),
      staff_(view_, announcer_, settings_.staff_pin_hash, staff_hooks(renderer)),
      router_({&keyboard_, &pin_, &forms_, &service_, &browser_, &toolbar_, &review_,
               session_region_.get(), host_region_.get()}),
      updates_(RuntimePaths{settings_.runtime_dir}),
      staff_ack_(RuntimePaths{settings_.runtime_dir}) {
  int w = 0;
  int h = 0;
  SDL_GetRendererOutputSize(renderer, &w, &h);
  view_.resize(w, h);
  // Back, Home and End within one touch on every screen (>= 60x60 px each).
  view_.set_title_bar({{static_cast<int>(Command::Back), "返回"},
                       {static_cast<int>(Command::Home), "首页"},
                       {static_cast<int>(Command::CallStaff), "呼叫"},
                       {static_cast<int>(Command::EndSession), "结束"}});
  // The accessibility toolbar's row under it, on every screen too.
  toolbar_.show();
  // One wipe for everything personal; each room says how it forgets (order matters little,
  // but the pages go before the caches that saw them).
  citizen_.on_wipe("browser", [this] { browser_.wipe(); });
  citizen_.on_wipe("cookies", [this] { loader_.end_session(); });
  citizen_.on_wipe("on-screen keyboard", [this] { keyboard_.forget(); });
  citizen_.on_wipe("shaping cache", [this] { layouter_.clear_cache(); });
  citizen_.on_wipe("receipt and rating", [this] { service_.forget(); });
  citizen_.on_wipe("PIN entry", [this] { pin_.forget(); });
  citizen_.on_wipe("review", [this] { review_.forget(); });
  // A marked page (needs the ID card, is a receipt) is prepared and said by the service room.
  browser_.set_page_hook([this](ui::Document& doc, const PageMarks& marks, const PageForms* sent) {
    return service_.prepare(doc, marks, sent);
  });
  citizen_.on_wipe("settings and speech", [this] {
    toolbar_.reset();
    announcer_.speaker().set_private_listening(headphones_in_);
  });
  // The staff desk keeps a copy of the citizen's page beneath its screens.
  citizen_.on_wipe("staff desk", [this] { staff_.citizen_left(); });
  // Today's sessions by mode count each session once: the next citizen counts afresh.
  citizen_.on_wipe("session modes", [this] {
    modes_.session_ended();
    touched_ = false;
  });
}

KioskCore::~KioskCore() = default;

void KioskCore::start(bool attract, bool announce) {
  if (attract) {
    browser_.show_attract();
    return;
  }
  session_.activity(Clock::now());
  browser_.start_over(settings_.home, announce);
}

Outcome KioskCore::routed(Command command) {
  return router_.command(command);
}

std::optional<Outcome> KioskCore::begin_input(Clock::time_point now) {
  announcer_.speaker().stop();  // speech interrupts on every key and touch
  say_all_.stop();
  input_at_ = now;
  staff_.activity(now);  // staff working a session they took over
  // The input that starts or extends the session does nothing else.
  if (const auto e = session_.activity(now); e != Session::Event::None) {
    return on_session_event(e, now);
  }
  return std::nullopt;
}

Outcome KioskCore::command(Command command, Clock::time_point now) {
  if (updating_) return update_busy();
  if (staff_.wants(command)) {
    // Staff mode is not the citizen's activity: it neither starts nor extends a session.
    announcer_.speaker().stop();
    say_all_.stop();
    input_at_ = now;
    return staff_.command(command, now);
  }
  // A developer's command under a staff screen goes to the host without starting a session.
  if (staff_.showing()) return router_.command(command);
  if (const auto taken = begin_input(now)) return *taken;
  toolbar_.input_seen(command);
  review_.input_seen(command);
  const Outcome o = router_.command(command);
  if (o == Outcome::NotMine) announcer_.edge();
  // Typing ended by a key (Enter, Esc): the on-screen keyboard goes too.
  return keyboard_.follow() == Outcome::Redraw ? Outcome::Redraw : o;
}

Outcome KioskCore::text(const std::string& utf8, Clock::time_point now) {
  // SDL sends a text event after the key event of every printable key (H, W, R, Space …):
  // unless a field is being typed into, that key was a command and its words must go on.
  if (updating_) return Outcome::Unchanged;  // its key already said why nothing happens
  if (staff_.showing()) {                    // PIN digits
    announcer_.speaker().stop();
    return staff_.text(utf8, now);
  }
  if (!router_.takes_text()) return Outcome::Unchanged;
  if (const auto taken = begin_input(now)) return *taken;
  return router_.text(utf8);
}

Outcome KioskCore::touch(ui::Point at, Clock::time_point now) {
  if (updating_) return update_busy();
  if (staff_.showing()) {
    announcer_.speaker().stop();
    input_at_ = now;
    return staff_.touch(at, now);
  }
  touched_ = true;  // a touch session (counted by note_usage once the session runs)
  if (const auto taken = begin_input(now)) return *taken;
  review_.input_seen(std::nullopt);  // a touch may move the focus: the review starts over
  // A key of the on-screen keyboard types on (its 确定 ends typing and hides it).
  if (const auto key = keyboard_.touch(at, headphones_in_)) return *key;
  // A touch anywhere ends typing into a field: 返回 then goes back, and later keys are commands.
  forms_.stop_editing();
  const bool keyboard_went = keyboard_.follow() == Outcome::Redraw;  // and its keyboard goes
  if (const auto button = view_.button_at(at)) {
    const auto command = static_cast<Command>(*button);
    // In audio mode (and with 指读 on) a button is said first, with a focus ring, and pressed
    // by a second touch (touch-talk).
    if ((headphones_in_ || toolbar_.point_to_read()) && last_touched_button_ != button) {
      last_touched_button_ = button;
      view_.set_focused_button(button);
      announcer_.button(std::string(info(command).zh));
      return Outcome::Redraw;
    }
    last_touched_button_.reset();
    view_.set_focused_button(std::nullopt);
    toolbar_.input_seen(command);
    const Outcome o = router_.command(command);
    if (o == Outcome::NotMine) announcer_.edge();
    return o == Outcome::NotMine && !keyboard_went ? Outcome::Unchanged : Outcome::Redraw;
  }
  last_touched_button_.reset();
  toolbar_.input_seen(std::nullopt);
  // 指读: the page item touched is said, never activated.
  if (toolbar_.point_to_read()) return toolbar_.point_at(at, true);
  view_.set_focused_button(std::nullopt);
  // A touch that starts typing into a field brings the on-screen keyboard up.
  const Outcome o = keyboard_.after_touch(browser_.touch(at, headphones_in_));
  return keyboard_went ? Outcome::Redraw : o;
}

Outcome KioskCore::scroll(int dy, Clock::time_point now) {
  if (updating_) return Outcome::Unchanged;
  if (staff_.showing()) return view_.scroll_by(dy) ? Outcome::Redraw : Outcome::Unchanged;
  if (const auto taken = begin_input(now)) return *taken;
  return view_.scroll_by(dy) ? Outcome::Redraw : Outcome::Unchanged;
}

Outcome KioskCore::wheel(int notches, Clock::time_point now) {
  // Three lines a notch, as desktops do.
  const int line = static_cast<int>(ui::LayoutParams::kLineSpacing * view_.layout().body_px);
  return scroll(notches * 3 * std::max(line, 1), now);
}

Outcome KioskCore::pointer_moved(ui::Point at) {
  // 指读: what the mouse rests on is said.
  const Outcome read = toolbar_.point_to_read() ? toolbar_.point_at(at, false) : Outcome::Unchanged;
  if (!view_.guide_lines()) return read;
  view_.set_pointer(at);
  return Outcome::Redraw;
}

std::optional<Command> KioskCore::key_to_command(const KeyMap& keys, SDL_Keycode key,
                                                 Uint16 mod) const {
  return router_.key_to_command(keys, key, mod);
}

Outcome KioskCore::card_event(drivers::CardEvent event, Clock::time_point now) {
  // Staff screens are up: a card would open the citizen's pages beneath them. It is left
  // unread (a SAM reader's card is read again when placed again). So does an update.
  if (staff_.showing() || updating_) return Outcome::Unchanged;
  if (CardFlow::is_activity(event)) {
    const auto e = session_.activity(now);
    // A card placed on the attract screen starts the session quietly: the card speaks.
    if (e == Session::Event::Started) {
      browser_.start_over(settings_.home, false);
    } else if (e == Session::Event::Extended) {
      on_session_event(e, now);
    }
  }
  return cards_.on_event(std::move(event));
}

Outcome KioskCore::headphones(bool inserted, Clock::time_point now, bool citizen) {
  announcer_.speaker().stop();
  say_all_.stop();
  headphones_in_ = inserted;
  if (updating_) {
    announcer_.speaker().set_private_listening(inserted);
    return citizen && inserted ? update_busy() : Outcome::Unchanged;
  }
  if (!citizen || staff_.showing()) {  // under a staff screen: no session starts, nothing said
    announcer_.speaker().set_private_listening(inserted);
    return Outcome::Unchanged;
  }
  Outcome outcome = Outcome::Unchanged;
  if (inserted) {
    const auto e = session_.activity(now);
    // Plugged in at the attract screen: the session starts, and the audio-mode help is heard
    // before anything else (the start page waits for the first key).
    if (e == Session::Event::Started) {
      browser_.start_over(settings_.home, false);
      outcome = Outcome::Redraw;
    }
    if (e == Session::Event::Extended) outcome = on_session_event(e, now);
  }
  announcer_.speaker().set_private_listening(inserted);
  announcer_.headphones(inserted);
  return outcome;
}

Outcome KioskCore::tick(Clock::time_point now) {
  Outcome update = follow_update(now);
  if (updating_) return update;
  if (follow_staff_ack(now) == Outcome::Redraw) update = Outcome::Redraw;
  note_usage();
  if (staff_.showing()) {
    // The citizen's page and session wait beneath the staff screens: no page arrives over
    // them and no session timer runs.
    const Outcome desk = staff_.tick(now);
    return desk == Outcome::Redraw ? desk : update;
  }
  Outcome o = staff_.tick(now);  // a taken-over session staff walked away from
  if (update == Outcome::Redraw) o = Outcome::Redraw;
  if (browser_.poll(now) == Outcome::Redraw) o = Outcome::Redraw;
  if (const auto arrival = browser_.take_arrival()) {
    if (service_.arrived(*arrival) == Outcome::Redraw) o = Outcome::Redraw;
  }
  if (service_.poll() == Outcome::Redraw) o = Outcome::Redraw;
  if (pin_.poll() == Outcome::Redraw) o = Outcome::Redraw;
  if (review_.poll() == Outcome::Redraw) o = Outcome::Redraw;  // an image's text recognised
  if (say_all_.follow() == Outcome::Redraw) o = Outcome::Redraw;
  if (on_session_event(session_.tick(now), now) == Outcome::Redraw) o = Outcome::Redraw;
  if (keyboard_.follow() == Outcome::Redraw) o = Outcome::Redraw;  // a page replaced the field
  if (session_.state() == Session::State::IdleWarning) {
    const int left = session_.seconds_left(now);
    if (left != last_countdown_) {
      show_countdown(now);
      o = Outcome::Redraw;
    }
  }
  return o;
}

void KioskCore::show_countdown(Clock::time_point now) {
  last_countdown_ = session_.seconds_left(now);
  view_.set_caption_override("还剩" + std::to_string(last_countdown_) +
                             "秒将结束本次服务，按任意键继续");
  view_.set_title_status("还剩" + std::to_string(last_countdown_) + "秒");
}

Outcome KioskCore::on_session_event(Session::Event event, Clock::time_point now) {
  switch (event) {
    case Session::Event::None:
      return Outcome::Unchanged;
    case Session::Event::Started:
      browser_.start_over(settings_.home, true);  // its title is said when it arrives
      return Outcome::Redraw;
    case Session::Event::Warned:
      show_countdown(now);
      announcer_.idle_warning(session_.seconds_left(now));
      return Outcome::Redraw;
    case Session::Event::Extended:
      last_countdown_ = -1;
      view_.set_caption_override({});
      view_.set_title_status({});
      announcer_.session_extended();
      return Outcome::Redraw;
    case Session::Event::Ended:
      last_countdown_ = -1;
      // The citizen who called has gone: their call closes with the wipe (StaffDesk).
      view_.set_title_status({});
      citizen_.wipe();
      browser_.show_attract();
      announcer_.session_ended();
      return Outcome::Redraw;
  }
  return Outcome::Unchanged;
}

void KioskCore::end_session() {
  on_session_event(session_.end(), Clock::now());
}

std::optional<KioskCore::Clock::time_point> KioskCore::next_deadline() const {
  std::optional<Clock::time_point> soonest = updates_.next_poll();
  auto sooner = [&soonest](std::optional<Clock::time_point> d) {
    if (d && (!soonest || *d < *soonest)) soonest = d;
  };
  if (updating_) return soonest;
  sooner(staff_ack_.next_poll());  // the hall's acknowledgement of a call
  // Under a staff screen the citizen's timers and loads wait: only the desk's idle end counts.
  if (staff_.showing()) {
    sooner(staff_.next_deadline());
    return soonest;
  }
  sooner(update_notice_until_);
  for (const auto& d : {browser_.next_deadline(), session_.next_deadline(),
                        say_all_.next_deadline(), staff_.next_deadline()}) {
    if (d && (!soonest || *d < *soonest)) soonest = d;
  }
  return soonest;
}

std::optional<Command> KioskCore::take_host_command() {
  if (host_commands_.empty()) return std::nullopt;
  const Command c = host_commands_.front();
  host_commands_.pop_front();
  return c;
}

void KioskCore::resize(int width, int height) {
  view_.resize(width, height);
  keyboard_.relayout();
}

void KioskCore::draw() {
  screen_.draw(view_.screen_view());
}

bool KioskCore::wait_until_loaded(std::chrono::milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  // Under a staff screen no page arrives (it waits for the citizen's screen to come back).
  while (browser_.loading() && !staff_.showing()) {
    if (Clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    tick();
  }
  return !browser_.loading();
}

// Staff mode: what the desk may ask of the core, the self-test, the health report, and keys
// (the PIN screen and held keys).
StaffDesk::Hooks KioskCore::staff_hooks(SDL_Renderer* renderer) {
  StaffDesk::Hooks h;
  h.health = [this] { return health_report(); };
  h.self_test = [this, renderer] { return self_test(renderer); };
  h.citizen_here = [this] { return session_.state() != Session::State::Welcome; };
  h.end_session = [this] { end_session(); };
  h.take_over = [this] { return session_.take_over(); };
  h.hand_back = [this](Clock::time_point now) { session_.hand_back(now); };
  h.update_offered = [this] { return updates_.offer() ? updates_.offer()->version : ""; };
  h.install_update = [this] { return install_update(); };
  h.resume = [this](Clock::time_point now) {
    if (session_.state() == Session::State::IdleWarning) {
      last_countdown_ = -1;  // the countdown went with the staff screen; the clock restarts
      view_.set_caption_override({});
      view_.set_title_status({});
    }
    session_.resume(now);
  };
  return h;
}

std::vector<StaffCheck> KioskCore::self_test(SDL_Renderer* renderer) {
  const HealthReport h = health_report();
  std::vector<StaffCheck> checks;
  checks.push_back({"语音", h.speech.ok, h.speech.detail});
  // The display: a frame drawn and one pixel of it read back from the renderer.
  draw();
  Uint32 pixel = 0;
  const SDL_Rect one{0, 0, 1, 1};
  const bool read_back =
      SDL_RenderReadPixels(renderer, &one, SDL_PIXELFORMAT_ARGB8888, &pixel, sizeof pixel) == 0;
  checks.push_back(
      {"显示", read_back && h.display.ok,
       h.display.detail + (read_back ? "; frame read back" : "; frame not read back")});
  checks.push_back({"读卡器", h.readers.ok, h.readers.detail});
  checks.push_back({"网络", h.network.ok, h.network.detail});
  return checks;
}

// A USB stick's update (kiosk/stick_update.hpp): staff confirmed it with no citizen served (or
// there is no staff mode and nobody is served).
// The hall sees and hears that it runs and not to switch off before the installer may start.
bool KioskCore::install_update() {
  if (!updates_.offer() || session_.state() != Session::State::Welcome) return false;
  const std::string version = updates_.offer()->version;
  if (const auto consented = updates_.consent(); !consented) {
    std::fprintf(stderr, "kioskd: update %s cannot start: %s\n", version.c_str(),
                 consented.error().technician.c_str());
    return false;
  }
  std::fprintf(stderr, "kioskd: update %s starts (nobody is served%s)\n", version.c_str(),
               staff_.showing() ? ", staff confirmed it" : "");
  updating_ = true;
  update_notice_until_.reset();
  say_all_.stop();
  view_.set_caption_override({});
  view_.set_title_status({});
  view_.set_document(update_running_page(version));
  announcer_.update_running();
  return true;
}

Outcome KioskCore::update_busy() {
  announcer_.speaker().stop();
  announcer_.update_running();
  return Outcome::Unchanged;
}

Outcome KioskCore::follow_update(Clock::time_point now) {
  Outcome o = Outcome::Unchanged;
  if (update_notice_until_ && now >= *update_notice_until_) {
    update_notice_until_.reset();
    if (session_.state() == Session::State::Welcome && !staff_.showing()) {
      browser_.show_attract();
      o = Outcome::Redraw;
    }
  }
  switch (updates_.poll(now)) {
    case UpdateWatch::Change::Offered:
    case UpdateWatch::Change::Withdrawn:
      staff_.refresh();  // staff looking at the menu see it come and go
      return staff_.showing() ? Outcome::Redraw : o;
    case UpdateWatch::Change::Finished: {
      const UpdateOutcome& end = *updates_.outcome();
      std::fprintf(stderr, "kioskd: update %s %s%s\n", end.version.c_str(),
                   end.installed ? "installed; the installer reboots" : "failed: ",
                   end.installed ? "" : end.reason.c_str());
      view_.set_document(update_finished_page(end.installed, end.reason));
      announcer_.update_finished(end.installed);
      // Installed: the screen stays until the reboot. Not installed: the kiosk serves again
      // on its old system once the hall has read why.
      updating_ = end.installed;
      if (!end.installed) update_notice_until_ = now + std::chrono::seconds(15);
      return Outcome::Redraw;
    }
    case UpdateWatch::Change::None:
      break;
  }
  // A kiosk without staff mode (no PIN provisioned) has nobody to confirm: the update starts
  // by itself once no citizen is served, shown and said all the same.
  if (updates_.offer() && settings_.staff_pin_hash.empty() && !staff_.showing() &&
      install_update()) {
    return Outcome::Redraw;
  }
  return o;
}

int KioskCore::sessions_today() const {
  return session_.sessions_today();
}

HealthReport KioskCore::health_report() const {
  HealthReport r = health_source_ ? health_source_() : HealthReport{};
  r.staff_called = staff_called();
  r.sessions_today = sessions_today();
  if (const auto wait = staff_.last_wait()) r.staff_ack_s = static_cast<long>(wait->count());
  const UsageFacts u = usage();
  r.citizen_served = u.citizen_served;
  r.audio_sessions_today = u.audio_sessions_today;
  r.large_type_sessions_today = u.large_type_sessions_today;
  r.touch_sessions_today = u.touch_sessions_today;
  r.repaired_pages = browser_.repairs().pages();  // scheme, host and path only: never a query
  return r;
}

UsageFacts KioskCore::usage() const {
  const auto now = std::chrono::system_clock::now();
  return {session_.serving(), modes_.today(SessionModes::Mode::Audio, now),
          modes_.today(SessionModes::Mode::LargeType, now),
          modes_.today(SessionModes::Mode::Touch, now), browser_.repairs().recorded()};
}

void KioskCore::note_usage() {
  if (!session_.serving() || staff_.showing()) return;
  const auto now = std::chrono::system_clock::now();
  if (headphones_in_ || toolbar_.point_to_read()) modes_.seen(SessionModes::Mode::Audio, now);
  if (view_.zoom() > 1.0) modes_.seen(SessionModes::Mode::LargeType, now);
  if (touched_) modes_.seen(SessionModes::Mode::Touch, now);
}

// The hall's dashboard acknowledged the call (the fleet agent's hand-over file): the citizen
// who called hears and reads that someone is on the way. No call open (the citizen left, staff
// are here already): the file is only taken away.
Outcome KioskCore::follow_staff_ack(Clock::time_point now) {
  if (!staff_ack_.poll(now) || !staff_called() || staff_.showing()) return Outcome::Unchanged;
  std::fprintf(stderr, "kioskd: the hall acknowledged the call for staff\n");
  view_.set_caption_override(staff_words::coming());
  announcer_.staff_coming();
  return Outcome::Redraw;
}

Outcome KioskCore::key(const KeyMap& keys, SDL_Keycode key, Uint16 mod, bool repeat,
                       Clock::time_point now) {
  const KeyHold::Result held = hold_.down(keys, key, repeat, now);
  if (held.fired) return command(*held.fired, now);
  if (held.swallow) return Outcome::Unchanged;
  if (staff_.showing()) {
    input_at_ = now;
    announcer_.speaker().stop();
    if (const Outcome o = staff_.key(key, now); o != Outcome::NotMine) return o;
  }
  if (const auto c = key_to_command(keys, key, mod)) return command(*c, now);
  return Outcome::Unchanged;
}

}  // namespace kiosk
