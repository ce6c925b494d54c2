#include "staff_desk.hpp"

#include "speech/staff_wording.hpp"

namespace kiosk {

StaffDesk::StaffDesk(ui::ReadingView& view, Announcer& announcer, std::string pin_hash, Hooks hooks)
    : view_(view), announcer_(announcer), gate_(std::move(pin_hash)), hooks_(std::move(hooks)) {}

bool StaffDesk::wants(Command command) const {
  if (command == Command::StaffMode) return true;
  return showing() && info(command).group != CommandGroup::Developer;
}

void StaffDesk::open(Screen screen, Clock::time_point now) {
  if (!showing()) {
    // The citizen's page stays beneath, as it is; nothing of it is shown while the desk is up.
    beneath_ = Beneath{view_.document(), view_.focus(), view_.caption_override()};
    // Nor the citizen's countdown or 工作人员协助中: leaving clears or hands back either way.
    view_.set_title_status({});
  }
  pin_.wipe();
  pin_message_.clear();
  last_input_ = now;
  show(screen);
}

void StaffDesk::show(Screen screen, bool announce) {
  screen_ = screen;
  view_.set_caption_override({});
  switch (screen) {
    case Screen::Closed:
      return;
    case Screen::Pin:
      view_.set_document(staff_pin_page(pin_.reveal().size(), pin_message_));
      if (announce) announcer_.staff_pin_prompt();
      return;
    case Screen::Menu: {
      int pending = 0;
      for (const auto& a : alerts_) pending += a.pending() ? 1 : 0;
      view_.set_document(
          staff_menu_page(hooks_.citizen_here(), taken_over_, pending, hooks_.update_offered()));
      break;
    }
    case Screen::Health:
      // A page to read line by line (Down): the focus starts at its top.
      view_.set_document(staff_health_page(hooks_.health()));
      if (announce) announcer_.staff_screen(view_);
      return;
    case Screen::SelfTest: {
      checks_ = hooks_.self_test();
      view_.set_document(staff_self_test_page(checks_));
      std::vector<std::string> failed;
      for (const auto& c : checks_) {
        if (!c.ok) failed.push_back(c.name);
      }
      if (announce) announcer_.staff_self_test(failed);
      return;
    }
    case Screen::Alerts:
      view_.set_document(staff_alerts_page(alerts_, now_));
      break;
  }
  view_.apply(ui::ViewCommand::NextLink);  // the first thing to choose has the focus
  if (announce) announcer_.staff_screen(view_);
}

void StaffDesk::restore() {
  if (!beneath_) return;
  view_.set_document(std::move(beneath_->doc));
  view_.set_focus(beneath_->focus);
  view_.set_caption_override(std::move(beneath_->caption));
  beneath_.reset();
}

Outcome StaffDesk::leave(Clock::time_point now, bool timed_out) {
  pin_.wipe();
  pin_message_.clear();
  checks_.clear();
  screen_ = Screen::Closed;
  restore();
  if (taken_over_) {
    // Staff walked away from a session they had taken over: it goes back to the citizen.
    taken_over_ = false;
    view_.set_title_status({});
    hooks_.hand_back(now);
    announcer_.staff_handed_back();
  } else {
    hooks_.resume(now);
    announcer_.staff_left(timed_out);
  }
  return Outcome::Redraw;
}

Outcome StaffDesk::command(Command command, Clock::time_point now) {
  now_ = now;
  last_input_ = now;
  if (!showing()) {
    if (command != Command::StaffMode) return Outcome::NotMine;
    // Staff who took the session over are already known: straight to the menu.
    open(taken_over_ ? Screen::Menu : Screen::Pin, now);
    return Outcome::Redraw;
  }
  if (command == Command::StaffMode) return leave(now, false);
  if (screen_ == Screen::Pin) {
    switch (command) {
      case Command::Activate:
        return pin_check(now);
      case Command::Back:
        return pin_delete(now);
      default:
        announcer_.edge();
        return Outcome::Unchanged;
    }
  }
  switch (command) {
    case Command::Activate:
      return activate(now);
    case Command::Back:
      return back(now);
    case Command::Home:
      show(Screen::Menu);
      return Outcome::Redraw;
    case Command::NextItem:
      return move(ui::ViewCommand::NextItem);
    case Command::PreviousItem:
      return move(ui::ViewCommand::PreviousItem);
    case Command::NextLink:
    case Command::NextLinkOnly:
      return move(ui::ViewCommand::NextLink);
    case Command::PreviousLink:
    case Command::PreviousLinkOnly:
      return move(ui::ViewCommand::PreviousLink);
    case Command::RepeatFocused:
    case Command::WhereAmI:
      announcer_.staff_screen(view_);
      return Outcome::Unchanged;
    default:
      announcer_.edge();  // the citizen's commands do nothing here
      return Outcome::Unchanged;
  }
}

Outcome StaffDesk::key(SDL_Keycode key, Clock::time_point now) {
  now_ = now;
  if (!showing()) return Outcome::NotMine;
  if (key == SDLK_ESCAPE) {
    // Esc is always back here, even when a citizen's field beneath was being typed into
    // (where the Router would make it Enter).
    now_ = now;
    last_input_ = now;
    return screen_ == Screen::Pin ? leave(now, false) : back(now);
  }
  if (screen_ != Screen::Pin) return Outcome::NotMine;
  keypad_text_ = 0;
  switch (key) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_KP_MULTIPLY:  // an EZ keypad's 5 is a digit here: * checks the PIN
      last_input_ = now;
      return pin_check(now);
    case SDLK_BACKSPACE:
    case SDLK_KP_MINUS:
      last_input_ = now;
      return pin_delete(now);
    default:
      break;
  }
  // A main-row digit types through its text event; as a key it is no command here (1–5 rate a
  // service elsewhere).
  if (key >= SDLK_0 && key <= SDLK_9) return Outcome::Unchanged;
  if ((key >= SDLK_KP_1 && key <= SDLK_KP_9) || key == SDLK_KP_0) {
    last_input_ = now;
    const char digit = key == SDLK_KP_0 ? '0' : static_cast<char>('1' + (key - SDLK_KP_1));
    // With Num Lock on the same digit also arrives as text: it must not count twice.
    keypad_text_ = digit;
    return pin_digit(digit);
  }
  return Outcome::NotMine;
}

Outcome StaffDesk::text(const std::string& utf8, Clock::time_point now) {
  now_ = now;
  if (screen_ != Screen::Pin) return Outcome::Unchanged;
  last_input_ = now;
  Outcome o = Outcome::Unchanged;
  for (const char c : utf8) {
    if (c < '0' || c > '9') continue;
    if (c == keypad_text_) {
      keypad_text_ = 0;
      continue;
    }
    if (pin_digit(c) == Outcome::Redraw) o = Outcome::Redraw;
  }
  keypad_text_ = 0;
  return o;
}

Outcome StaffDesk::pin_digit(char digit) {
  if (pin_.reveal().size() >= kMaxPinDigits) {
    announcer_.edge();
    return Outcome::Unchanged;
  }
  pin_.append(std::string_view(&digit, 1));
  pin_message_.clear();
  show(Screen::Pin, false);
  announcer_.staff_pin_digit();
  return Outcome::Redraw;
}

Outcome StaffDesk::pin_delete(Clock::time_point now) {
  if (pin_.empty()) return leave(now, false);
  pin_.truncate(pin_.reveal().size() - 1);
  show(Screen::Pin, false);
  announcer_.staff_pin_digit();
  return Outcome::Redraw;
}

Outcome StaffDesk::pin_check(Clock::time_point now) {
  if (pin_.empty()) {
    announcer_.staff_pin_prompt();
    return Outcome::Unchanged;
  }
  const StaffGate::Attempt a = gate_.try_pin(pin_, now);
  pin_.wipe();
  switch (a.verdict) {
    case StaffGate::Verdict::Open:
      show(Screen::Menu);
      return Outcome::Redraw;
    case StaffGate::Verdict::Wrong:
      pin_message_ = staff_words::pin_wrong(a.tries_left);
      announcer_.staff_pin_wrong(a.tries_left);
      break;
    case StaffGate::Verdict::Locked: {
      const int minutes = static_cast<int>((a.locked_for.count() + 59) / 60);
      pin_message_ = staff_words::locked(minutes);
      announcer_.staff_locked(minutes);
      break;
    }
    case StaffGate::Verdict::NotProvisioned:
      pin_message_ = staff_words::not_provisioned();
      announcer_.staff_not_provisioned();
      break;
  }
  show(Screen::Pin, false);
  return Outcome::Redraw;
}

Outcome StaffDesk::activate(Clock::time_point now) {
  const ui::InlineRun* link = view_.focused_link();
  const auto* target = link != nullptr ? std::get_if<ui::BuiltinTarget>(&link->target) : nullptr;
  if (target == nullptr) {
    announcer_.edge();
    return Outcome::Unchanged;
  }
  return choose(target->id, now);
}

Outcome StaffDesk::choose(int id, Clock::time_point now) {
  const int first_alert = static_cast<int>(StaffItem::Acknowledge);
  if (id >= first_alert) {
    const auto i = static_cast<std::size_t>(id - first_alert);
    if (i >= alerts_.size() || !alerts_[i].pending()) {
      announcer_.edge();
      return Outcome::Unchanged;
    }
    alerts_[i].acknowledged = now;
    last_wait_ = std::chrono::duration_cast<std::chrono::seconds>(now - alerts_[i].raised);
    show(Screen::Alerts, false);
    announcer_.staff_acknowledged(static_cast<long>(last_wait_->count()));
    return Outcome::Redraw;
  }
  switch (static_cast<StaffItem>(id)) {
    case StaffItem::Health:
      show(Screen::Health);
      break;
    case StaffItem::SelfTest:
      show(Screen::SelfTest);
      break;
    case StaffItem::Alerts:
      show(Screen::Alerts);
      break;
    case StaffItem::Menu:
      show(Screen::Menu);
      break;
    case StaffItem::EndSession:
      if (!hooks_.citizen_here()) {
        announcer_.staff_no_session();
        return Outcome::Unchanged;
      }
      // The wipe forgets the page beneath (citizen_left); the attract screen is beneath now.
      hooks_.end_session();
      beneath_ = Beneath{view_.document(), view_.focus(), view_.caption_override()};
      show(Screen::Menu, false);
      announcer_.staff_ended_session();
      break;
    case StaffItem::TakeOver:
      if (!hooks_.take_over()) {
        announcer_.staff_no_session();
        return Outcome::Unchanged;
      }
      taken_over_ = true;
      screen_ = Screen::Closed;
      restore();
      view_.set_title_status(staff_words::assisting());
      announcer_.staff_taking_over();
      break;
    case StaffItem::HandBack:
    case StaffItem::Leave:
      return leave(now, false);
    case StaffItem::InstallUpdate:
      // Never while a citizen is served, taken over or not: staff end the service first.
      if (hooks_.citizen_here()) {
        announcer_.update_after_session();
        return Outcome::Unchanged;
      }
      if (!hooks_.install_update()) {
        announcer_.edge();
        show(Screen::Menu, false);  // the offer went away meanwhile
        return Outcome::Redraw;
      }
      // The update screen is up in place of the desk; nothing goes back beneath it.
      pin_.wipe();
      checks_.clear();
      beneath_.reset();
      screen_ = Screen::Closed;
      break;
    case StaffItem::Acknowledge:
      break;
  }
  return Outcome::Redraw;
}

Outcome StaffDesk::back(Clock::time_point now) {
  if (screen_ == Screen::Menu) return leave(now, false);
  show(Screen::Menu);
  return Outcome::Redraw;
}

Outcome StaffDesk::move(ui::ViewCommand command) {
  if (!view_.apply(command)) {
    announcer_.edge();
    return Outcome::Unchanged;
  }
  announcer_.focus(view_);
  return Outcome::Redraw;
}

Outcome StaffDesk::touch(ui::Point at, Clock::time_point now) {
  now_ = now;
  last_input_ = now;
  if (const auto button = view_.button_at(at)) return command(static_cast<Command>(*button), now);
  if (screen_ == Screen::Pin) return Outcome::Unchanged;
  const auto target = view_.target_at(at);
  if (!target) return Outcome::Unchanged;
  view_.set_focus(*target);
  if (view_.focused_link() != nullptr) return activate(now);
  announcer_.focus(view_);
  return Outcome::Redraw;
}

Outcome StaffDesk::tick(Clock::time_point now) {
  now_ = now;
  if ((showing() || taken_over_) && now - last_input_ >= kIdle) return leave(now, true);
  return Outcome::Unchanged;
}

std::optional<StaffDesk::Clock::time_point> StaffDesk::next_deadline() const {
  if (showing() || taken_over_) return last_input_ + kIdle;
  return std::nullopt;
}

void StaffDesk::activity(Clock::time_point now) {
  if (taken_over_) last_input_ = now;
}

void StaffDesk::call_raised(Clock::time_point now) {
  now_ = now;
  if (alerts_.size() >= kMaxAlerts) alerts_.erase(alerts_.begin());
  alerts_.push_back(StaffAlert{now, std::chrono::system_clock::now(), std::nullopt, false});
  // Staff looking at the menu or the list see the new call at once.
  if (screen_ == Screen::Menu || screen_ == Screen::Alerts) show(screen_, false);
}

void StaffDesk::refresh() {
  if (screen_ == Screen::Menu) show(Screen::Menu, false);
}

bool StaffDesk::call_pending() const {
  for (const auto& a : alerts_) {
    if (a.pending()) return true;
  }
  return false;
}

void StaffDesk::citizen_left() {
  for (auto& a : alerts_) {
    if (a.pending()) a.citizen_left = true;
  }
  taken_over_ = false;
  beneath_.reset();  // a copy of the citizen's page: it goes with the rest
}

}  // namespace kiosk
