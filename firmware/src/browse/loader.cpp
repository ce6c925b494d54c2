#include "loader.hpp"

#include <cstdio>

#include "drivers/secure_buffer.hpp"
#include "style_sheets.hpp"
#include "tts/wav_decode.hpp"

// GCC 12 reports a shared_ptr inside the moved-from std::variant payload as "maybe
// uninitialized" at -O2 (a known false positive of its variant move analysis); the code reads
// only the active alternative.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace kiosk {
namespace {

void wipe(std::string& s) {
  drivers::secure_wipe(s.data(), s.size());
  s.clear();
}

// Parsing a page (gumbo, the accessibility tree) leaves pieces of its text in dead stack frames
// of this thread; a receipt that echoes the citizen's phone number left it there after the
// session (the memory scan found it). Zeroed at the session's end, below the current frame.
[[gnu::noinline]] void scrub_stack() {
  unsigned char area[256 * 1024];
  drivers::secure_wipe(area, sizeof area);
}

Error fetch_error(const FetchResult& r) {
  return Error{r.error, r.user_message};
}

}  // namespace

Loader::Loader(FetchPolicy policy, std::function<void()> wake,
               const ui::FontCollection* layout_fonts)
    : policy_(std::move(policy)),
      wake_(std::move(wake)),
      layout_fonts_(layout_fonts),
      thread_([this] { run(); }) {}

Loader::~Loader() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cancel_ = true;
  wakeup_.notify_all();
  thread_.join();
}

std::uint64_t Loader::start(LoadRequest request) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = next_id_++;
  if (running_ != 0) cancel_ = true;  // the running transfer stops at its next progress call
  pending_.emplace(id, std::move(request));
  wanted_ = id;
  done_.reset();
  wakeup_.notify_all();
  return id;
}

void Loader::cancel() {
  std::lock_guard lock(mutex_);
  wanted_ = 0;
  if (pending_) wipe(pending_->second.body);
  pending_.reset();
  done_.reset();
  if (running_ != 0) cancel_ = true;
}

bool Loader::busy() const {
  std::lock_guard lock(mutex_);
  return wanted_ != 0 && !done_;
}

std::optional<LoadResult> Loader::take() {
  std::lock_guard lock(mutex_);
  if (!done_ || done_->id != wanted_) return std::nullopt;
  std::optional<LoadResult> out = std::move(done_);
  done_.reset();
  wanted_ = 0;
  return out;
}

void Loader::end_session() {
  cancel();
  std::lock_guard lock(mutex_);
  forget_cookies_ = true;
  wakeup_.notify_all();
}

bool Loader::allowed(const std::string& url) const {
  return origin_allowed(url, policy_.allowed_origins);
}

void Loader::run() {
  PageFetcher fetcher(policy_);  // lives on this thread only: curl handles are not shared
  fetcher.set_cancel_flag(&cancel_);
  std::optional<ui::TextLayouter> layouter;
  if (layout_fonts_ != nullptr) layouter.emplace(*layout_fonts_);
  // The page as the citizen will see it: fields worded by the kiosk, then laid out.
  auto finish = [&](FetchedPage& page, const LoadRequest& r) {
    label_fields(page.page.document, page.page.forms);
    // A receipt echoes what the citizen sent: it is masked on the UI thread first (the service
    // room's page hook), so its clear text is never shaped here (caches outlive a page).
    if (layouter && r.layout && !page.page.marks.receipt) {
      page.layout = layouter->layout(page.page.document, *r.layout);
      page.layout_params = *r.layout;
    }
  };
  // The page's linked style sheets, fetched here with the page (style_sheets.hpp); on Back and
  // text-only (Reparse) they are fetched again, as the HTML is kept but not its sheets.
  auto sheets_for = [&](const std::string& page_url) -> LinkedSheetFetch {
    return [&fetcher, page_url, timeout = policy_.total_timeout_ms](const a11y::Dom& dom) {
      const auto hrefs = linked_style_sheets(dom);
      if (hrefs.empty()) return std::vector<std::string>{};
      FetchedSheets got = fetch_style_sheets(fetcher, page_url, hrefs, timeout);
      for (const auto& why : got.skipped) std::fprintf(stderr, "kioskd: %s\n", why.c_str());
      return std::move(got.sheets);
    };
  };
  for (;;) {
    std::pair<std::uint64_t, LoadRequest> job;
    {
      std::unique_lock lock(mutex_);
      wakeup_.wait(lock, [&] { return stop_ || pending_ || forget_cookies_; });
      if (stop_) return;
      if (forget_cookies_) {
        fetcher.end_session();
        if (layouter) layouter->clear_cache();  // its shaping cache saw the citizen's pages
        scrub_stack();
        forget_cookies_ = false;
      }
      if (!pending_) continue;
      job = std::move(*pending_);
      pending_.reset();
      running_ = job.first;
      cancel_ = false;
    }
    LoadResult result = [&] {
      LoadRequest& r = job.second;
      if (r.kind == LoadRequest::Kind::Reparse) {
        FetchedPage page{r.url,
                         {},
                         load_html(r.body, loggable_url(r.url), r.text_only, sheets_for(r.url)),
                         {},
                         {}};
        page.html = std::move(r.body);
        finish(page, r);
        return LoadResult{job.first, r.kind, LoadPayload(std::move(page))};
      }
      const FetchResult f =
          r.kind == LoadRequest::Kind::Post ? fetcher.post_form(r.url, r.body) : fetcher.get(r.url);
      wipe(r.body);
      if (!f.ok) return LoadResult{job.first, r.kind, fetch_error(f)};
      switch (r.kind) {
        case LoadRequest::Kind::Text:
          return LoadResult{job.first, r.kind, LoadPayload(f.body)};
        case LoadRequest::Kind::Audio: {
          auto pcm = std::make_shared<std::vector<std::int16_t>>();
          std::string error;
          if (!tts::decode_wav(f.body, r.sample_rate, *pcm, error)) {
            return LoadResult{job.first, r.kind,
                              Error{"audio " + loggable_url(r.url) + ": " + error, {}}};
          }
          return LoadResult{job.first, r.kind, LoadPayload(Pcm(std::move(pcm)))};
        }
        default: {
          FetchedPage page{f.url,
                           f.body,
                           load_html(f.body, loggable_url(f.url), r.text_only, sheets_for(f.url)),
                           {},
                           {}};
          finish(page, r);
          return LoadResult{job.first, r.kind, LoadPayload(std::move(page))};
        }
      }
    }();
    {
      std::lock_guard lock(mutex_);
      running_ = 0;
      if (result.id != wanted_) continue;  // cancelled or replaced meanwhile: never shown
      done_ = std::move(result);
    }
    if (wake_) wake_();
  }
}

}  // namespace kiosk
