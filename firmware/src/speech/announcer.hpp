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

  // The accessibility toolbar (无障碍工具条)
  void big_cursor(bool on);
  void traditional_caption(bool on);
  void speech(bool on);  // said before muting, after unmuting
  void point_to_read(bool on);
  void toolbar_shown(bool shown);
  void toolbar_page(int page, int pages);  // 0-based page
  void settings_reset();
  // 区域跳转: the region's name and how many items it holds, then the item it starts with.
  void region(const ui::ReadingView& view, const std::string& name, int count,
              const std::string& unit);
  // 指读: what is under the finger or the mouse, said without activating it.
  void pointed(const std::string& text);
  // 帮助, layer by layer: this item; this screen (`regions` named); the keys (each toolbar
  // item's name with its Alt+letter).
  void help_item(const ui::ReadingView& view);
  void help_screen(const ui::ReadingView& view, const std::vector<std::string>& regions);
  void help_keys(const std::vector<std::pair<std::string, char>>& toolbar_keys);

  // Review (announcer_review.cpp): a character with what tells it apart (`description`:
  // 主张的张; empty for none), a word or a sentence; `edge`: nothing further, the tone first.
  void review_char(const std::string& ch, const std::string& description, bool edge);
  void review_text(const std::string& text, bool edge);
  void review_nothing();  // the item has no text
  // Text in an image, recognised on request: started, the text (marked as recognised), why
  // not (`citizen_sentence`), or the focused item has no image.
  void image_text_started();
  void image_text(const std::string& text);
  void image_text_failed(const std::string& citizen_sentence);
  void image_text_no_image();

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

  // The on-screen keyboard. `talk`: a touch in audio mode, said first and pressed by a second.
  void keyboard(const std::string& layout);  // shown or switched: 屏幕键盘，拼音
  void key(const std::string& label, bool talk);
  void candidate(int number, const std::string& text, bool talk);  // 第1个，办理
  void candidate_page(int page);
  void pinyin_unavailable();
  void pinyin_not_ready();  // a letter pressed while rime is still being set up

  // Captchas
  void captcha_code(const std::string& code);
  void captcha_unavailable();
  void audio_captcha(std::shared_ptr<const std::vector<std::int16_t>> pcm);
  void audio_captcha_unavailable();

  // Pages on their way
  // A link or form was followed: a soft tick at once (the page's title follows when shown).
  void page_requested();
  void loading();
  void load_cancelled();
  // Back on a page holding the citizen's entries: a second Back leaves, anything else stays.
  void back_would_lose_entries();
  void load_failed(const std::string& citizen_sentence);
  void refused_link();

  // Cards: the sentences come from cards/card_wording; `error` sounds the error tone first.
  void card(const std::string& sentence, bool error);

  // A PIN digit typed or deleted: a tone, never the digit.
  void pin_digit();

  // A service page that needs the ID card: the page, then the card prompt (from card_wording),
  // in one utterance so the prompt does not cut the page's words.
  void identify_prompt(const ui::ReadingView& view, const std::string& card_sentence);

  // 好差评
  void rating_offered();
  void rating_choice(const std::string& level, int position, int count);
  void rating_sent();
  void rating_failed();
  void rating_not_offered();  // the rating asked for before any receipt

  // Audio mode (EZ Access): headphones in, or out again
  void headphones(bool inserted);

  // Help from staff
  void staff_called();
  void staff_coming();  // the hall acknowledged the call (the fleet agent's hand-over)

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

  // A USB-stick update (announcer_update.cpp; the words in update_wording.cpp, shown too)
  void update_after_session();  // staff chose it while a citizen is served
  void update_running();        // said when it starts and again at every key or touch
  void update_finished(bool installed);

  // 暂停服务: the board profile cannot be used (the maintenance screen); said when the screen
  // appears and again on every key or touch. `citizen_sentence` empty: the standard one.
  void out_of_service(const std::string& citizen_sentence);

  // Session
  void idle_warning(int seconds_left);
  void session_extended();
  void session_ended();

 private:
  void say(const std::string& text, Reason reason, tts::Earcon first = tts::Earcon::None);
  Speaker& speaker_;
};

}  // namespace kiosk
