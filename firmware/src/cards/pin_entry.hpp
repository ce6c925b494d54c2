// A smart card's PIN, entered on the keypad: a page marked data-kiosk-pin asks for it once a
// smart card is inserted. Each digit is a tone, never a word, and the screen shows only dots;
// Back deletes a digit, Enter sends the PIN (to the PinVerifier, off the UI thread), Back on an
// empty entry gives up. The card's answer is said: accepted, wrong with the tries left (the
// entry starts again), or blocked with what to do. The digits live in a wiped buffer and are
// gone once sent, at card removal and at the session's end.
#pragma once

#include "input/region.hpp"
#include "pin_verifier.hpp"
#include "speech/announcer.hpp"
#include "ui/reading_view.hpp"

namespace kiosk {

class PinEntry final : public Region {
 public:
  static constexpr std::size_t kMinDigits = 4;
  static constexpr std::size_t kMaxDigits = 12;

  PinEntry(ui::ReadingView& view, Announcer& announcer) : view_(view), announcer_(announcer) {}
  void set_verifier(PinVerifier* verifier) { verifier_ = verifier; }

  // The page asks for the PIN (its mark): entry starts now if a card is in, else at insertion.
  Outcome requested(bool card_in);
  // A smart card went in or out (the cards room tells); true when the PIN entry took it.
  bool card_inserted();
  void card_removed();
  // Another page: the request no longer stands.
  void withdrawn();
  bool requested() const { return requested_; }
  bool entering() const { return entering_; }
  bool checking() const { return checking_; }

  Outcome command(Command command) override;
  Outcome text(const std::string& utf8) override;
  bool takes_text() const override { return entering_; }
  // The card's answer; call every loop turn.
  Outcome poll();
  // The session ended.
  void forget();

 private:
  Outcome start();
  void stop();
  void show_dots();

  ui::ReadingView& view_;
  Announcer& announcer_;
  PinVerifier* verifier_ = nullptr;
  drivers::SecureString digits_;
  bool requested_ = false;
  bool entering_ = false;
  bool checking_ = false;
};

}  // namespace kiosk
