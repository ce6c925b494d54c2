#include "pin_entry.hpp"

#include "card_wording.hpp"

namespace kiosk {

Outcome PinEntry::requested(bool card_in) {
  requested_ = true;
  if (card_in) return start();
  view_.set_caption_override(card_wording::pin_insert_card());
  announcer_.identify_prompt(view_, card_wording::pin_insert_card());
  return Outcome::Redraw;
}

bool PinEntry::card_inserted() {
  if (!requested_ || entering_ || checking_) return false;
  start();
  return true;
}

void PinEntry::card_removed() {
  if (entering_ || checking_) {
    stop();
    checking_ = false;  // an answer still on its way is for a card that is gone
  }
}

void PinEntry::withdrawn() {
  requested_ = false;
  stop();
}

Outcome PinEntry::start() {
  digits_.wipe();
  entering_ = true;
  show_dots();
  announcer_.card(card_wording::pin_prompt(), false);
  return Outcome::Redraw;
}

void PinEntry::stop() {
  digits_.wipe();
  entering_ = false;
}

void PinEntry::show_dots() {
  // Only how many digits there are, never which.
  std::string dots;
  for (std::size_t i = 0; i < digits_.reveal().size(); ++i) dots += "●";
  view_.set_caption_override("请输入密码：" + dots);
}

Outcome PinEntry::text(const std::string& utf8) {
  if (!entering_) return Outcome::NotMine;
  for (const char c : utf8) {
    if (c < '0' || c > '9' || digits_.reveal().size() >= kMaxDigits) {
      announcer_.edge();
      continue;
    }
    const char digit[1] = {c};
    digits_.append(std::string_view(digit, 1));
    announcer_.pin_digit();
  }
  show_dots();
  return Outcome::Redraw;
}

Outcome PinEntry::command(Command command) {
  if (!entering_) return Outcome::NotMine;
  switch (command) {
    case Command::Back:
      if (digits_.empty()) {
        stop();
        requested_ = false;
        view_.set_caption_override(card_wording::pin_cancelled());
        announcer_.card(card_wording::pin_cancelled(), false);
        return Outcome::Redraw;
      }
      digits_.truncate(digits_.reveal().size() - 1);
      announcer_.pin_digit();
      show_dots();
      return Outcome::Redraw;
    case Command::Activate: {
      if (digits_.reveal().size() < kMinDigits) {
        announcer_.card(card_wording::pin_too_short(), true);
        return Outcome::Unchanged;
      }
      if (verifier_ == nullptr) {
        stop();
        announcer_.card(card_wording::pin_unavailable(), true);
        return Outcome::Redraw;
      }
      verifier_->verify(std::move(digits_));
      digits_.wipe();
      entering_ = false;
      checking_ = true;
      view_.set_caption_override(card_wording::pin_checking());
      announcer_.card(card_wording::pin_checking(), false);
      return Outcome::Redraw;
    }
    default:
      // 结束, 呼叫 and the rest keep working; the digits stay for when the citizen comes back.
      return Outcome::NotMine;
  }
}

Outcome PinEntry::poll() {
  if (verifier_ == nullptr) return Outcome::Unchanged;
  auto result = verifier_->take_pin_result();
  if (!result || !checking_) return Outcome::Unchanged;
  checking_ = false;
  if (!result->ok()) {
    const std::string said =
        result->error().citizen.empty() ? card_wording::pin_unavailable() : result->error().citizen;
    view_.set_caption_override(said);
    announcer_.card(said, true);
    return Outcome::Redraw;
  }
  using R = drivers::iso7816::SwReason;
  const drivers::iso7816::SwText& sw = **result;
  if (sw.reason == R::Done) {
    requested_ = false;
    view_.set_caption_override(card_wording::pin_accepted());
    announcer_.card(card_wording::pin_accepted(), false);
    return Outcome::Redraw;
  }
  const std::string said = card_wording::card_status(sw);
  if (sw.reason == R::PinWrong) {
    // Tries left: the entry starts again, after the reason.
    digits_.wipe();
    entering_ = true;
    view_.set_caption_override(said);
    announcer_.card(said + "。" + card_wording::pin_prompt(), true);
    return Outcome::Redraw;
  }
  requested_ = false;  // blocked, or a card that cannot do it: nothing more to type
  view_.set_caption_override(said);
  announcer_.card(said, true);
  return Outcome::Redraw;
}

void PinEntry::forget() {
  withdrawn();
  checking_ = false;
}

}  // namespace kiosk
