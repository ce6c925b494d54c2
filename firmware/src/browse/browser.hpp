// The service pages, as a screen reader's browse mode hosts them: the page shown and its forms,
// the history, links followed by their typed target, pages loaded off the UI thread with
// feedback ("正在打开" after 300 ms, Esc stops), text-only mode. It is the page region: reading
// commands move the view's focus and the Announcer says where it went.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "captcha.hpp"
#include "form_editor.hpp"
#include "history.hpp"
#include "input/region.hpp"
#include "loader.hpp"
#include "repair_log.hpp"
#include "speech/announcer.hpp"
#include "ui/reading_view.hpp"

namespace kiosk {

// A fetched page has been shown: its marks, and whether it was newly opened (not Back or
// text-only). KioskCore hands it to the service room. A newly opened page with marks is not
// announced by the Browser: whoever takes the arrival says it (with the ID prompt, or the
// receipt read in full).
struct PageArrival {
  PageMarks marks;
  bool fresh = false;
};

// Before a fetched page with marks is shown, the service room may change its document (a
// receipt's personal values masked, the rating link added); true when it did. `sent`: the
// forms of the page before it (what the citizen sent), if any.
using PageHook = std::function<bool(ui::Document&, const PageMarks&, const PageForms* sent)>;

class Browser final : public Region {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr auto kSayLoadingAfter = std::chrono::milliseconds(300);

  // `run_command` carries out a command a built-in page's link names (the welcome page's 放大).
  Browser(ui::ReadingView& view, Announcer& announcer, Loader& loader, FormEditor& forms,
          std::function<Outcome(Command)> run_command);

  // A page the kiosk wrote itself (welcome, a card read, an error): shown at once.
  void show(ui::Document doc);
  // Opens a URL (resolved against the page shown) off the UI thread.
  void open(const std::string& url);
  // The attract screen of an idle kiosk: nothing of the last session left to go back to.
  void show_attract();
  // The session's start page: history forgotten, then `home` opened (or the welcome page);
  // `announce`: its title is said when it arrives (not after 本次服务已结束).
  void start_over(const std::string& home, bool announce);

  Outcome command(Command command) override;
  // Touch or click: the item under the point gets the focus; a link or field is activated.
  // With `talk` (touch-talk, EZ Access): the first touch only says the item, touching the
  // item that already has the focus activates it — no double-tap timing to get right.
  Outcome touch(ui::Point at, bool talk = false);
  // Results from the loader, and the "still loading" feedback; call every loop turn.
  Outcome poll(Clock::time_point now);
  bool loading() const { return pending_.has_value(); }
  // The next moment poll() has something to do (the 300 ms feedback), if any.
  std::optional<Clock::time_point> next_deadline() const;

  void set_page_hook(PageHook hook) { hook_ = std::move(hook); }
  // The fetched page shown since the last call, once.
  std::optional<PageArrival> take_arrival() { return std::exchange(arrival_, std::nullopt); }

  const std::string& url() const { return url_; }
  // Pages opened that had to be repaired (the health report's repaired_pages).
  const RepairLog& repairs() const { return repairs_; }
  bool text_only() const { return text_only_; }
  std::size_t history_size() const { return history_.size(); }
  std::size_t history_bytes() const { return history_.bytes(); }
  // Every page, entry and code of this session forgotten (values wiped).
  void wipe();

 private:
  // An in-page link: focus moves to the anchor's block on the same page (the page stays).
  Outcome jump_to_anchor(const std::string& fragment);
  // HomeBehind: the start page still loading when the kiosk showed a page of its own over it
  // (a card read on the attract screen); it goes into the history beneath that page.
  enum class Purpose { Navigate, Home, HomeBehind, Back, TextOnly, CaptchaText, CaptchaAudio };
  struct Pending {
    Purpose purpose;
    std::uint64_t id;
    Clock::time_point since;
    bool announced = false;
    std::string captcha_url;
    std::optional<HistoryEntry> restore;  // Back / text-only: forms and focus to put back
    bool text_only_before = false;        // the setting to put back if it is cancelled
  };

  Outcome activate();
  Outcome follow(const ui::LinkTarget& target);
  Outcome back();
  Outcome toggle_text_only();
  Outcome go_home();
  void request(LoadRequest request, Purpose purpose, std::optional<HistoryEntry> restore = {});
  bool page_request() const;
  // Cancels what is loading; a Back or text-only switch that never arrived leaves the history,
  // the forms and the setting as they were.
  void drop_pending();
  void remember_current();
  void show_loaded(FetchedPage page, Pending& pending);
  void show_error(const Error& error);
  void set_page(ui::Document doc, std::string url, std::string html, PageForms forms, bool reword);
  // A page from the loader; `restored`: the citizen's entries put back (Back, text-only).
  void set_fetched_page(FetchedPage fetched, std::optional<PageForms> restored);

  ui::ReadingView& view_;
  Announcer& announcer_;
  Loader& loader_;
  FormEditor& forms_;
  Captcha captcha_;
  std::function<Outcome(Command)> run_command_;
  History history_;
  std::string home_;  // the session's start page; empty: the built-in welcome page
  std::string url_;   // of the page shown; empty for built-in pages
  std::string html_;  // of the page shown, for Back and text-only
  bool text_only_ = false;
  std::optional<Pending> pending_;
  bool announce_home_ = true;
  PageHook hook_;
  std::optional<PageArrival> arrival_;
  bool back_armed_ = false;  // Back asked once on a page with entries; the next Back leaves
  RepairLog repairs_;
};

}  // namespace kiosk
