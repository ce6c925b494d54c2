// Pages load off the UI thread: fetch (libcurl, the session's cookies), charset conversion,
// HTML parsing, the accessibility tree and the Document all happen on the loader's own thread,
// so the screen keeps drawing, keys keep working and the watchdog keeps being fed while a slow
// gateway trickles a page in. One request is in flight at a time (a citizen waits for one
// page); a new request or Esc cancels the one before, and a cancelled result is never shown.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "kiosk/result.hpp"
#include "page_fetcher.hpp"
#include "page_loader.hpp"
#include "ui/fonts.hpp"
#include "ui/layout.hpp"

namespace kiosk {

struct LoadRequest {
  enum class Kind {
    Page,     // GET a page and build its Document
    Post,     // POST a form (body urlencoded) and build the answer's Document
    Reparse,  // build a Document again from HTML already here (Back, text-only)
    Text,     // GET a short text (a captcha's characters)
    Audio,    // GET a WAV and decode it (an audio captcha)
  };
  Kind kind = Kind::Page;
  std::string url;
  std::string body;  // Post: the form; Reparse: the HTML. Personal: wiped once used
  bool text_only = false;
  int sample_rate = 22050;  // Audio: what the speaker plays
  // Page, Post, Reparse: also lay the page out here, for a view with these parameters.
  std::optional<ui::LayoutParams> layout;
};

struct FetchedPage {
  std::string url;   // after redirects
  std::string html;  // kept for Back and text-only without fetching again
  LoadedPage page;   // its fields already worded by the kiosk (masked where personal)
  std::optional<ui::DocumentLayout> layout;  // laid out with the request's parameters
  ui::LayoutParams layout_params;
};
using Pcm = std::shared_ptr<const std::vector<std::int16_t>>;
using LoadPayload = std::variant<FetchedPage, std::string, Pcm>;

struct LoadResult {
  std::uint64_t id = 0;
  LoadRequest::Kind kind = LoadRequest::Kind::Page;
  Result<LoadPayload> payload = Error{};
};

class Loader {
 public:
  // `wake` is called on the loader thread when a result is ready (it posts an SDL event).
  // `layout_fonts`, if given, lays pages out on the loader's thread, alive as long as the
  // Loader. It may be the UI's own collection: layout reads only HarfBuzz fonts (thread-safe
  // once made) and metrics measured at load; FreeType (rasterising) stays on the UI thread.
  Loader(FetchPolicy policy, std::function<void()> wake,
         const ui::FontCollection* layout_fonts = nullptr);
  ~Loader();
  Loader(const Loader&) = delete;
  Loader& operator=(const Loader&) = delete;

  // Starts `request`, cancelling any request still running; returns its id.
  std::uint64_t start(LoadRequest request);
  void cancel();
  bool busy() const;
  // The finished request's result, once (a cancelled one never comes back).
  std::optional<LoadResult> take();
  // The next citizen starts without the last one's cookies (done before the next request).
  void end_session();
  bool allowed(const std::string& url) const;

 private:
  void run();

  FetchPolicy policy_;
  std::function<void()> wake_;
  const ui::FontCollection* layout_fonts_;
  mutable std::mutex mutex_;
  std::condition_variable wakeup_;
  std::optional<std::pair<std::uint64_t, LoadRequest>> pending_;
  std::optional<LoadResult> done_;
  std::uint64_t next_id_ = 1;
  std::uint64_t wanted_ = 0;  // the id whose result may be shown; 0 after cancel
  std::uint64_t running_ = 0;
  bool forget_cookies_ = false;
  bool stop_ = false;
  std::atomic<bool> cancel_{false};
  std::thread thread_;  // last: starts after everything above exists
};

}  // namespace kiosk
