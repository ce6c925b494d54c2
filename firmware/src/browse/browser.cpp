#include "browser.hpp"

#include <cstdio>

#include "builtin_pages.hpp"
#include "drivers/secure_buffer.hpp"

namespace kiosk {
namespace {

std::optional<ui::ViewCommand> reading_move(Command c) {
  using V = ui::ViewCommand;
  switch (c) {
    case Command::NextItem:
      return V::NextItem;
    case Command::PreviousItem:
      return V::PreviousItem;
    case Command::NextLink:
      return V::NextLink;
    case Command::PreviousLink:
      return V::PreviousLink;
    case Command::NextHeading:
      return V::NextHeading;
    case Command::PreviousHeading:
      return V::PreviousHeading;
    case Command::NextLinkOnly:
      return V::NextLinkOnly;
    case Command::PreviousLinkOnly:
      return V::PreviousLinkOnly;
    case Command::NextFormField:
      return V::NextFormField;
    case Command::PreviousFormField:
      return V::PreviousFormField;
    case Command::NextTable:
      return V::NextTable;
    case Command::PreviousTable:
      return V::PreviousTable;
    case Command::NextList:
      return V::NextList;
    case Command::PreviousList:
      return V::PreviousList;
    default:
      return std::nullopt;
  }
}

bool ends_with(const std::string& s, const char* tail) {
  const std::string t(tail);
  return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

}  // namespace

Browser::Browser(ui::ReadingView& view, Announcer& announcer, Loader& loader, FormEditor& forms,
                 std::function<Outcome(Command)> run_command)
    : view_(view),
      announcer_(announcer),
      loader_(loader),
      forms_(forms),
      captcha_(view, announcer),
      run_command_(std::move(run_command)) {}

void Browser::remember_current() {
  HistoryEntry e;
  e.url = url_;
  e.focus = view_.focus();
  e.text_only = text_only_;
  e.forms = forms_.detach();
  if (url_.empty()) {
    e.builtin = view_.document();
  } else {
    e.html = std::move(html_);
  }
  history_.push(std::move(e));
}

void Browser::set_page(ui::Document doc, std::string url, std::string html, PageForms forms,
                       bool reword) {
  back_armed_ = false;
  drivers::secure_wipe(html_.data(), html_.size());
  captcha_.forget();
  view_.set_document(std::move(doc));
  url_ = std::move(url);
  html_ = std::move(html);
  forms_.attach(std::move(forms), reword);
}

void Browser::set_fetched_page(FetchedPage fetched, std::optional<PageForms> restored) {
  back_armed_ = false;
  drivers::secure_wipe(html_.data(), html_.size());
  captcha_.forget();
  const PageMarks& marks = fetched.page.marks;
  const HistoryEntry* before = history_.top();
  // A changed document is laid out again here (receipts are short).
  const bool changed = marks.any() && hook_ &&
                       hook_(fetched.page.document, marks, before ? &before->forms : nullptr);
  if (fetched.layout && !changed) {
    // Laid out on the loader's thread: showing even a 4 MB page costs this thread little.
    view_.set_document(std::move(fetched.page.document), std::move(*fetched.layout),
                       fetched.layout_params);
  } else {
    view_.set_document(std::move(fetched.page.document));
  }
  url_ = std::move(fetched.url);
  html_ = std::move(fetched.html);
  const bool reword = restored.has_value();
  forms_.attach(restored ? std::move(*restored) : std::move(fetched.page.forms), reword);
}

void Browser::show(ui::Document doc) {
  // The newest thing wins: a page or a captcha still on its way is not shown over this one;
  // the start page still loading goes beneath it in the history.
  if (pending_ && pending_->purpose == Purpose::Home) {
    pending_->purpose = Purpose::HomeBehind;
  } else if (pending_) {
    drop_pending();
    view_.set_caption_override({});
  }
  remember_current();
  set_page(std::move(doc), {}, {}, {}, false);
}

void Browser::show_attract() {
  loader_.cancel();
  pending_.reset();
  set_page(attract_page(), {}, {}, {}, false);
  history_.clear();
  text_only_ = false;
}

void Browser::start_over(const std::string& home, bool announce) {
  loader_.cancel();
  pending_.reset();
  set_page(welcome_page(), {}, {}, {}, false);
  history_.clear();
  text_only_ = false;
  home_ = home;
  announce_home_ = announce;
  if (home.empty()) {
    if (announce) announcer_.page(view_);
    return;
  }
  if (!loader_.allowed(home)) {
    std::fprintf(stderr, "kioskd: home page %s is not on the board's allowlist\n",
                 loggable_url(home).c_str());
    return;
  }
  request({LoadRequest::Kind::Page, home, {}, false, 0, {}}, Purpose::Home);
}

bool Browser::page_request() const {
  return pending_ && (pending_->purpose == Purpose::Navigate ||
                      pending_->purpose == Purpose::Home || pending_->purpose == Purpose::Back);
}

void Browser::open(const std::string& link) {
  const std::string url = url_.empty() ? link : resolve_url(url_, link);
  if (url.empty() || !loader_.allowed(url)) {
    // A foreign site or a word that is no URL at all (control:…, view:…): nothing opens.
    std::fprintf(stderr, "kioskd: link refused: %s\n",
                 loggable_url(url.empty() ? link : url).c_str());
    view_.set_caption_override("这个链接不能在自助终端上打开");
    announcer_.refused_link();
    return;
  }
  request({LoadRequest::Kind::Page, url, {}, text_only_, 0, {}}, Purpose::Navigate);
}

void Browser::drop_pending() {
  if (!pending_) return;
  loader_.cancel();
  Pending p = std::move(*pending_);
  pending_.reset();
  if (p.purpose == Purpose::Back && p.restore) {
    text_only_ = p.text_only_before;
    history_.push(std::move(*p.restore));
  } else if (p.purpose == Purpose::TextOnly && p.restore) {
    text_only_ = p.text_only_before;
    forms_.attach(std::move(p.restore->forms), false);  // the page shown never changed
  }
}

void Browser::request(LoadRequest r, Purpose purpose, std::optional<HistoryEntry> restore) {
  drop_pending();
  const bool text_only_before = text_only_;  // Back and text-only set their own
  const std::string captcha_url = r.url;
  if (r.kind == LoadRequest::Kind::Page || r.kind == LoadRequest::Kind::Post ||
      r.kind == LoadRequest::Kind::Reparse) {
    r.layout = view_.layout_params();
  }
  const std::uint64_t id = loader_.start(std::move(r));
  // The citizen followed a link, sent a form, went back or started a session from the attract
  // screen: the press is acknowledged now, not when the page arrives (20-300 ms of silence
  // after a key felt like a key not taken).
  if (purpose == Purpose::Navigate || purpose == Purpose::Back || purpose == Purpose::TextOnly ||
      (purpose == Purpose::Home && announce_home_)) {
    announcer_.page_requested();
  }
  pending_ =
      Pending{purpose, id, Clock::now(), false, captcha_url, std::move(restore), text_only_before};
}

std::optional<Browser::Clock::time_point> Browser::next_deadline() const {
  if (!pending_ || pending_->announced || !page_request()) return std::nullopt;
  return pending_->since + kSayLoadingAfter;
}

Outcome Browser::poll(Clock::time_point now) {
  if (!pending_) return Outcome::Unchanged;
  auto result = loader_.take();
  if (!result) {
    if (!pending_->announced && now - pending_->since >= kSayLoadingAfter && page_request() &&
        (pending_->purpose != Purpose::Home || announce_home_)) {
      pending_->announced = true;
      view_.set_caption_override("正在打开，请稍候……按返回键停止");
      announcer_.loading();
      return Outcome::Redraw;
    }
    return Outcome::Unchanged;
  }
  Pending pending = std::move(*pending_);
  pending_.reset();
  if (!result->payload.ok()) {
    const Error& e = result->payload.error();
    std::fprintf(stderr, "kioskd: %s\n", e.technician.c_str());
    if (pending.purpose == Purpose::CaptchaText || pending.purpose == Purpose::CaptchaAudio) {
      captcha_.unavailable(pending.purpose == Purpose::CaptchaAudio);
      return Outcome::Redraw;
    }
    if (pending.purpose == Purpose::Home) {
      // The welcome page stays; the gateway may come later (the technician reads why).
      std::fprintf(stderr, "kioskd: home page not shown (is the service gateway running?)\n");
      if (announce_home_) announcer_.page(view_);
      return Outcome::Redraw;
    }
    show_error(e);
    return Outcome::Redraw;
  }
  LoadPayload& payload = *result->payload;
  if (auto* text = std::get_if<std::string>(&payload)) {
    captcha_.code_arrived(pending.captcha_url, std::move(*text));
    return Outcome::Redraw;
  }
  if (auto* pcm = std::get_if<Pcm>(&payload)) {
    captcha_.audio_arrived(std::move(*pcm));
    return Outcome::Redraw;
  }
  show_loaded(std::move(std::get<FetchedPage>(payload)), pending);
  return Outcome::Redraw;
}

void Browser::show_loaded(FetchedPage fetched, Pending& pending) {
  if (!fetched.page.ok) std::fprintf(stderr, "kioskd: %s\n", fetched.page.error.c_str());
  switch (pending.purpose) {
    case Purpose::Navigate:
    case Purpose::Home: {
      if (pending.purpose == Purpose::Navigate) remember_current();
      const bool announce = pending.purpose == Purpose::Navigate || announce_home_;
      repairs_.record(fetched.url, fetched.page.repair);
      arrival_ = PageArrival{fetched.page.marks, announce};
      set_fetched_page(std::move(fetched), std::nullopt);
      view_.set_caption_override({});
      // A marked page is said by the service room, together with what it asks.
      if (announce && !arrival_->marks.any()) announcer_.page(view_);
      return;
    }
    case Purpose::Back:
    case Purpose::TextOnly: {
      // The same page again: the citizen's entries and reading position come back with it.
      HistoryEntry& e = *pending.restore;
      arrival_ = PageArrival{fetched.page.marks, false};
      set_fetched_page(std::move(fetched), e.forms.fields.empty()
                                               ? std::nullopt
                                               : std::optional<PageForms>(std::move(e.forms)));
      const auto blocks = view_.document().blocks.size();
      if (blocks > 0) {
        view_.set_focus(
            {std::min<std::uint32_t>(e.focus.block, static_cast<std::uint32_t>(blocks - 1)),
             pending.purpose == Purpose::Back ? e.focus.run : -1});
      }
      view_.set_caption_override({});
      if (pending.purpose == Purpose::Back) {
        announcer_.page(view_);
      } else {
        announcer_.text_only(text_only_);
      }
      return;
    }
    case Purpose::HomeBehind: {
      // Beneath the page the kiosk showed over it: Back leads to the service's start page.
      HistoryEntry e;
      e.url = std::move(fetched.url);
      e.html = std::move(fetched.html);
      e.text_only = text_only_;
      history_.replace_top(std::move(e));
      return;
    }
    case Purpose::CaptchaText:
    case Purpose::CaptchaAudio:
      return;
  }
}

void Browser::show_error(const Error& error) {
  remember_current();
  set_page(message_page("无法打开页面", (error.citizen.empty() ? std::string("这个页面无法打开。")
                                                               : error.citizen) +
                                            "请按返回键回到上一页。需要帮助时，请告诉工作人员。"),
           {}, {}, {}, false);
  view_.set_caption_override({});
  announcer_.load_failed(error.citizen.empty() ? "这个页面无法打开。" : error.citizen);
}

Outcome Browser::command(Command command) {
  if (command != Command::Back) back_armed_ = false;  // anything else: the citizen stays
  if (const auto move = reading_move(command)) {
    const ui::FocusTarget before = view_.focus();
    view_.set_pointer(std::nullopt);  // keys move the guide lines back to the focus
    if (!view_.apply(*move)) {
      announcer_.edge();  // the end of the list: a tone, and the focus stays
      return Outcome::Unchanged;
    }
    const ui::FocusTarget now = view_.focus();
    // Tab past the last link comes back to the first.
    const bool wrapped =
        command == Command::NextLink &&
        (now.block < before.block || (now.block == before.block && now.run <= before.run));
    announcer_.focus(view_, wrapped);
    return Outcome::Redraw;
  }
  switch (command) {
    case Command::Activate:
      return activate();
    case Command::Back:
      return back();
    case Command::TextOnly:
      return toggle_text_only();
    case Command::ResetSettings:
      // 重置 puts text-only back too; the toolbar goes on to reset the rest and says so.
      if (text_only_) toggle_text_only();
      return Outcome::NotMine;
    case Command::Home:
      return go_home();
    case Command::SpellFocused: {
      // On a captcha the spell key spells the code, not the label: the code heard, or (not
      // heard yet) the code fetched as Enter fetches it, spelled when it arrives. An item
      // holding only the captcha (reached with the arrow keys) counts, as it does for Enter.
      const ui::InlineRun* link = view_.focused_link();
      if (link == nullptr && !view_.document().blocks.empty()) {
        int links = 0;
        for (const auto& run : view_.document().blocks[view_.focus().block].runs) {
          if (run.kind != ui::InlineKind::Link) continue;
          ++links;
          link = &run;
        }
        if (links != 1) link = nullptr;
      }
      if (link != nullptr && std::holds_alternative<ui::CaptchaTarget>(link->target)) {
        return activate();
      }
      return Outcome::NotMine;
    }
    default:
      return Outcome::NotMine;
  }
}

Outcome Browser::activate() {
  if (view_.focused_link() == nullptr && !view_.document().blocks.empty()) {
    // Enter on an item that holds exactly one link or field (a form field reached with F, a
    // list item that is a link) acts on it, as a citizen expects.
    const ui::Block& block = view_.document().blocks[view_.focus().block];
    int links = 0;
    std::int32_t only = -1;
    for (std::size_t r = 0; r < block.runs.size(); ++r) {
      if (block.runs[r].kind == ui::InlineKind::Link) {
        ++links;
        only = static_cast<std::int32_t>(r);
      }
    }
    if (links == 1) view_.set_focus({view_.focus().block, only});
  }
  const ui::InlineRun* link = view_.focused_link();
  if (link == nullptr) {
    announcer_.edge();
    return Outcome::Unchanged;
  }
  const ui::LinkTarget target = link->target;  // the page may change under us
  return follow(target);
}

Outcome Browser::jump_to_anchor(const std::string& fragment) {
  // "#" and "#top" are the top of the page, as in every browser.
  const ui::Anchor* anchor = view_.document().anchor(fragment);
  std::optional<std::uint32_t> block;
  if (anchor != nullptr) block = anchor->block;
  if (fragment.empty() || fragment == "top") block = 0;
  if (!block || !view_.set_focus({*block, -1})) {
    announcer_.focus(view_);  // nothing to jump to: the link stays focused and is said again
    return Outcome::Unchanged;
  }
  announcer_.focus(view_);
  return Outcome::Redraw;
}

Outcome Browser::follow(const ui::LinkTarget& target) {
  struct Visitor {
    Browser& b;
    Outcome operator()(const std::monostate&) const {
      b.announcer_.edge();
      return Outcome::Unchanged;
    }
    Outcome operator()(const ui::UrlTarget& t) const {
      const std::string url = b.url_.empty() ? t.url : resolve_url(b.url_, t.url);
      // An in-page anchor (#materials, or this page's own URL with a fragment): the same page,
      // never the site's home.
      const bool same_page = !b.url_.empty() && loggable_url(url) == loggable_url(b.url_) &&
                             url.find('#') != std::string::npos &&
                             url.find('?') == std::string::npos;
      if ((!t.url.empty() && t.url.front() == '#') || same_page) {
        const std::string& written = !t.url.empty() && t.url.front() == '#' ? t.url : url;
        return b.jump_to_anchor(written.substr(written.find('#') + 1));
      }
      if (ends_with(loggable_url(url), ".wav") && b.loader_.allowed(url)) {
        b.request(
            {LoadRequest::Kind::Audio, url, {}, false, b.announcer_.speaker().sample_rate(), {}},
            Purpose::CaptchaAudio);
        return Outcome::Unchanged;
      }
      b.open(t.url);
      return Outcome::Redraw;
    }
    Outcome operator()(const ui::ControlTarget& t) const {
      const auto a = b.forms_.activate(t.node);
      if (!a.submit_form) return a.outcome;
      const Form& form = b.forms_.forms().forms[static_cast<std::size_t>(*a.submit_form)];
      const std::string action = resolve_url(b.url_, form.action.empty() ? b.url_ : form.action);
      if (action.empty() || !b.loader_.allowed(action)) {
        b.announcer_.refused_link();
        return Outcome::Unchanged;
      }
      std::string body = b.forms_.forms().encoded(*a.submit_form);
      if (form.method == "post") {
        b.request({LoadRequest::Kind::Post, action, std::move(body), b.text_only_, 0, {}},
                  Purpose::Navigate);
      } else {
        const std::string base = action.substr(0, action.find('?'));
        b.request({LoadRequest::Kind::Page, base + "?" + body, {}, b.text_only_, 0, {}},
                  Purpose::Navigate);
        drivers::secure_wipe(body.data(), body.size());
      }
      return Outcome::Unchanged;
    }
    Outcome operator()(const ui::CaptchaTarget& t) const {
      const std::string url = resolve_url(b.url_, t.speak_url);
      if (b.captcha_.spell_known(url)) return Outcome::Redraw;
      if (url.empty() || !b.loader_.allowed(url)) {
        b.captcha_.unavailable(false);
        return Outcome::Redraw;
      }
      b.request({LoadRequest::Kind::Text, url, {}, false, 0, {}}, Purpose::CaptchaText);
      return Outcome::Unchanged;
    }
    Outcome operator()(const ui::AudioCaptchaTarget& t) const {
      const std::string url = resolve_url(b.url_, t.wav_url);
      if (url.empty() || !b.loader_.allowed(url)) {
        b.captcha_.unavailable(true);
        return Outcome::Redraw;
      }
      b.request(
          {LoadRequest::Kind::Audio, url, {}, false, b.announcer_.speaker().sample_rate(), {}},
          Purpose::CaptchaAudio);
      return Outcome::Unchanged;
    }
    Outcome operator()(const ui::BuiltinTarget& t) const {
      if (t.id == kNotOfferedHere) {
        const std::string what = b.view_.focused_text();
        b.show(message_page(what,
                            "本事项暂未在自助终端开放。请按返回键回到首页，或到人工窗口办理，"
                            "工作人员会协助您。"));
        b.announcer_.not_offered(what);
        return Outcome::Redraw;
      }
      return b.run_command_ ? b.run_command_(static_cast<Command>(t.id)) : Outcome::Unchanged;
    }
  };
  return std::visit(Visitor{*this}, target);
}

Outcome Browser::back() {
  if (page_request()) {
    drop_pending();
    view_.set_caption_override({});
    announcer_.load_cancelled();
    return Outcome::Redraw;
  }
  // What the citizen entered here would be lost: the first Back asks, the second leaves.
  if (forms_.has_entries() && !history_.empty() && !back_armed_) {
    back_armed_ = true;
    view_.set_caption_override("再按一次返回键离开本页");
    announcer_.back_would_lose_entries();
    return Outcome::Redraw;
  }
  back_armed_ = false;
  if (pending_) drop_pending();  // a captcha on its way, or the start page behind this one
  auto entry = history_.pop();
  if (!entry) {
    announcer_.edge();
    return Outcome::Unchanged;
  }
  if (entry->builtin) {
    set_page(std::move(*entry->builtin), {}, {}, std::move(entry->forms), false);
    if (!view_.document().blocks.empty()) view_.set_focus(entry->focus);
    announcer_.page(view_);
    return Outcome::Redraw;
  }
  // The entry keeps its HTML until the page is back: a Back cancelled on the way restores it.
  LoadRequest r{LoadRequest::Kind::Reparse, entry->url, entry->html, entry->text_only, 0, {}};
  const bool before = text_only_;
  text_only_ = entry->text_only;
  request(std::move(r), Purpose::Back, std::move(entry));
  pending_->text_only_before = before;
  return Outcome::Unchanged;
}

Outcome Browser::go_home() {
  // Back still returns to where the citizen was.
  if (home_.empty()) {
    show(welcome_page());
    announcer_.page(view_);
    return Outcome::Redraw;
  }
  if (url_ == home_) {
    announcer_.page(view_);
    return Outcome::Unchanged;
  }
  request({LoadRequest::Kind::Page, home_, {}, text_only_, 0, {}}, Purpose::Navigate);
  return Outcome::Unchanged;
}

Outcome Browser::toggle_text_only() {
  drop_pending();
  const bool before = text_only_;
  text_only_ = !text_only_;
  if (html_.empty()) {  // built-in pages have no images: only the setting changes
    announcer_.text_only(text_only_);
    return Outcome::Unchanged;
  }
  // Built again in place; the form entries and the reading position stay.
  HistoryEntry keep;
  keep.focus = view_.focus();
  keep.forms = forms_.detach();
  request({LoadRequest::Kind::Reparse, url_, html_, text_only_, 0, {}}, Purpose::TextOnly,
          std::move(keep));
  pending_->text_only_before = before;
  return Outcome::Unchanged;
}

Outcome Browser::touch(ui::Point at, bool talk) {
  const auto target = view_.target_at(at);
  if (!target) return Outcome::Unchanged;
  const bool moved = view_.set_focus(*target);
  if (target->run >= 0 && (!talk || !moved)) {
    activate();
    return Outcome::Redraw;
  }
  if (moved || talk) announcer_.focus(view_);
  return redraw_if(moved);
}

void Browser::wipe() {
  loader_.cancel();
  pending_.reset();
  history_.clear();
  captcha_.forget();
  forms_.wipe();
  drivers::secure_wipe(html_.data(), html_.size());
  html_.clear();
  // A GET form's answer keeps the citizen's values in its URL: wiped, and the buffer let go.
  drivers::secure_wipe(url_.data(), url_.size());
  std::string().swap(url_);
  text_only_ = false;
}

}  // namespace kiosk
