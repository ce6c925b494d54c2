// The one place that decides what the kiosk says, and why (NVDA's speech presentation layer):
// every room reports *what happened* here — a focus move, a page, a setting, a keystroke in a
// field, a card, a timeout — and the Announcer turns it into words for the Speaker, each with
// its Reason. Nothing else in the kiosk composes sentences for the voice, so an action's own
// message is never overwritten by a guess made after it (the old snapshot diffing did that).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "speaker.hpp"
#include "ui/reading_view.hpp"

namespace kiosk {

class Announcer {
 public:
  explicit Announcer(Speaker& speaker) : speaker_(speaker) {}
  Speaker& speaker() { return speaker_; }

  // Reading
  void page(const ui::ReadingView& view);
  void focus(const ui::ReadingView& view, bool wrapped = false);
  void edge();                           // nothing there: a tone, no words
  void button(const std::string& name);  // a title-bar button touched once (touch-talk)
  void repeat(const ui::ReadingView& view);
  void where_am_i(const ui::ReadingView& view);
  void spell_focused(const ui::ReadingView& view);
  void say_all(const ui::ReadingView& view);

  // Settings (each change said at its new value)
  void zoom(double zoom, bool bigger);
  void scheme(const ui::ColorScheme& scheme);
  void guide_lines(bool on);
  void caption_bar(bool on);
  void text_only(bool on);
  void rate(std::optional<int> step, bool faster);
  void volume(std::optional<int> step, bool louder);

  // Form fields
  void editing_started(const std::string& field_label);
  // `echo` is what was typed, or for a sensitive field only its position (已输入第3位).
  void typed(const std::string& echo);
  void deleted(const std::string& echo);
  void editing_ended_empty();
  void editing_ended(const std::string& shown_value);
  void checked(bool on);
  void option(const std::string& text, int position, int count);
  void control_unavailable();
  void fields_missing(std::size_t count, const std::string& first_label);
  void not_offered(const std::string& what);

  // Captchas
  void captcha_code(const std::string& code);
  void captcha_unavailable();
  void audio_captcha(std::shared_ptr<const std::vector<std::int16_t>> pcm);
  void audio_captcha_unavailable();

  // Pages on their way
  void loading();
  void load_cancelled();
  void load_failed(const std::string& citizen_sentence);
  void refused_link();

  // Cards: the sentences come from cards/card_wording; `error` sounds the error tone first.
  void card(const std::string& sentence, bool error);

  // Audio mode (EZ Access): headphones in, or out again
  void headphones(bool inserted);

  // Help from staff
  void staff_called();

  // Staff mode (announcer_staff.cpp; the words in staff_wording.cpp, shown on its pages too)
  void staff_pin_prompt();
  void staff_pin_digit();  // a tone for every digit and every deletion: never the digit
  void staff_pin_wrong(int tries_left);
  void staff_locked(int minutes);
  void staff_not_provisioned();
  void staff_screen(const ui::ReadingView& view);  // a staff page shown
  void staff_left(bool timed_out);
  void staff_taking_over();  // the citizen hears that staff are helping
  void staff_handed_back();
  void staff_self_test(const std::vector<std::string>& failed);  // test sentence, then results
  void staff_acknowledged(long seconds);
  void staff_no_session();
  void staff_ended_session();

  // Session
  void idle_warning(int seconds_left);
  void session_extended();
  void session_ended();

 private:
  void say(const std::string& text, Reason reason, tts::Earcon first = tts::Earcon::None);
  Speaker& speaker_;
};

}  // namespace kiosk
