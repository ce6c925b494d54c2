// The kiosk application: board profile -> fonts and text size, the reading view, actions
// from keys and touches, and the frame drawn for them.
#pragma once

#include <SDL.h>

#include <memory>
#include <string>
#include <vector>

#include "actions.hpp"
#include "board/profile.hpp"
#include "drivers/card_watcher.hpp"
#include "forms.hpp"
#include "page_fetcher.hpp"
#include "speech_output.hpp"
#include "ui/fonts.hpp"
#include "ui/layout.hpp"
#include "ui/physical_size.hpp"
#include "ui/reading_view.hpp"
#include "ui/screen_renderer.hpp"

namespace kiosk {

ui::FontRequest font_request_for(const board::BoardProfile& profile);
ui::ScreenGeometry screen_geometry(const board::DisplayProfile& display);

struct BodySize {
  int px = 0;             // what the kiosk uses at zoom 100%
  int profile_px = 0;     // what the profile asked for
  int minimum_px = 0;     // the smallest size whose capitals reach 4.8 mm on this screen
  double capital_mm = 0;  // capital height of `px` on this screen
};

// The profile's body size, raised where needed so capitals are >= 4.8 mm on its screen.
BodySize body_size_for(const board::BoardProfile& profile, const ui::FontCollection& fonts);

ui::ViewSettings view_settings_for(const board::BoardProfile& profile, int body_px);

enum class Outcome { Unchanged, Redraw, Screenshot, Quit };

class KioskApp {
 public:
  KioskApp(SDL_Renderer* renderer, const ui::FontCollection& fonts,
           const ui::ViewSettings& settings);

  // Service pages are fetched through this; without it only built-in pages can be shown.
  void attach_fetcher(PageFetcher* fetcher) { fetcher_ = fetcher; }
  // Opens a URL (resolved against the current page) as a new page; a refusal or a failure
  // becomes a page that says what happened. Returns whether the page itself was shown.
  bool open_url(const std::string& url);
  const std::string& current_url() const { return url_; }

  // Form fields: Enter on a text field starts typing into it (typed characters arrive here,
  // each echoed by speech), Enter or Esc ends it; Enter toggles a checkbox; Enter on a submit
  // button checks required fields and sends the form through the session.
  Outcome text_input(const std::string& utf8);
  bool editing() const { return editing_.has_value(); }
  bool text_only() const { return text_only_; }
  const PageForms& forms() const { return forms_; }

  // The citizen has left (idle timeout, staff): forget the pages, form entries and cookies,
  // reset speech to its defaults, and start again from `home` (or the welcome page).
  void end_session(const std::string& home);

  // A reader event (card_flow.cpp): an ID card fills the page's name and ID-number fields when
  // it has them, or shows the masked card; errors are shown and spoken. The card's data stays
  // only until the card is taken away or the session ends.
  Outcome card_event(drivers::CardEvent event);
  const drivers::IdCard* id_card() const { return id_card_ ? &*id_card_ : nullptr; }

  // Speech is optional: without it the kiosk is visual only.
  void attach_speech(SpeechOutput* speech) { speech_ = speech; }
  // A key press: speech stops at once, then the action runs and its result is spoken.
  Outcome key(const Action& action);

  void resize(int width, int height);
  Outcome perform(const Action& action);
  Outcome touch(ui::Point at);
  Outcome pointer_moved(ui::Point at);
  // Called often while speech runs on (say-all): moves the focus to the item being heard.
  Outcome tick();
  bool saying_all() const { return saying_all_; }
  void draw();
  void show(ui::Document doc);

  ui::ReadingView& view() { return view_; }
  ui::TextLayouter& layouter() { return layouter_; }
  ui::ScreenRenderer& renderer() { return screen_; }

 private:
  Outcome activate();
  Outcome touch_target(const ui::FocusTarget& target);
  struct ViewSnapshot {
    ui::FocusTarget focus;
    std::uint64_t document = 0;
    double zoom = 1.0;
    std::string_view scheme;
    bool guides = false;
    bool caption = false;
  };
  ViewSnapshot snapshot() const;
  void announce_changes(const ViewSnapshot& before, Outcome outcome, const Action& action);

  ui::TextLayouter layouter_;
  ui::ReadingView view_;
  ui::ScreenRenderer screen_;
  struct HistoryEntry {
    ui::Document document;
    std::string url;
    PageForms forms;
    std::string html;
  };
  void show_page(ui::Document doc, std::string url, PageForms forms = {});
  bool show_fetched(FetchResult fetched);
  // The run that shows a form field in the current document.
  std::optional<ui::FocusTarget> field_run(a11y::NodeId dom) const;
  void refresh_field(const FormField& field);
  Outcome activate_field(a11y::NodeId id);
  Outcome submit(int form);
  Outcome edit_key(const Action& action);
  Outcome spell_captcha(const std::string& speak_src);
  Outcome play_audio_captcha(const std::string& wav_url);
  std::vector<HistoryEntry> history_;
  std::string url_;  // of the page shown; empty for built-in pages
  PageForms forms_;  // of the page shown
  std::optional<a11y::NodeId> editing_;
  std::string html_;  // of the page shown, to rebuild it in text-only mode
  bool text_only_ = false;
  PageFetcher* fetcher_ = nullptr;
  SpeechOutput* speech_ = nullptr;
  bool saying_all_ = false;
  std::optional<drivers::IdCard> id_card_;  // wiped (SecureString) when reset
};

}  // namespace kiosk
