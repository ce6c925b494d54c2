// What the kiosk does when a reader reports something: an ID card fills the page's name and
// ID-number fields when it has them (the clear value goes only into those fields, kept in
// wiped buffers) or shows the masked card; errors are shown and spoken. The card's data
// belongs to the session (CitizenData): gone at removal, at 结束 and at the timeout.
#pragma once

#include "browse/browser.hpp"
#include "browse/form_editor.hpp"
#include "drivers/card_watcher.hpp"
#include "input/region.hpp"
#include "pin_entry.hpp"
#include "session/citizen_data.hpp"
#include "speech/announcer.hpp"
#include "ui/reading_view.hpp"

namespace kiosk {

class CardFlow {
 public:
  CardFlow(CitizenData& citizen, Browser& browser, FormEditor& forms, ui::ReadingView& view,
           Announcer& announcer, PinEntry& pin)
      : citizen_(citizen),
        browser_(browser),
        forms_(forms),
        view_(view),
        announcer_(announcer),
        pin_(pin) {}

  Outcome on_event(drivers::CardEvent event);
  // A service page asked for the ID card (its identify mark): the page and the prompt are said
  // and shown, and the next card read is for that page (confirmed masked, then 请取回您的身份证).
  // A card already read in this session fills the page at once. A SAM reader cannot tell the
  // card was lifted: its data stays until 结束, the timeout, or the next card read.
  Outcome identify_requested();
  // Another page is shown, or the session ended: the prompt no longer stands.
  void prompt_withdrawn() { awaiting_identify_ = false; }
  bool awaiting_identify() const { return awaiting_identify_; }
  // A smart card is in a CCID reader (as the events told).
  bool smart_card_in() const { return smart_card_in_; }
  // Whether the event means the citizen is acting (keeps the session alive).
  static bool is_activity(const drivers::CardEvent& event);

 private:
  void tell(const std::string& caption, const std::string& sentence, bool error);
  CitizenData& citizen_;
  Browser& browser_;
  FormEditor& forms_;
  ui::ReadingView& view_;
  Announcer& announcer_;
  PinEntry& pin_;
  bool awaiting_identify_ = false;
  bool smart_card_in_ = false;
};

}  // namespace kiosk
