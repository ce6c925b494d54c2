#include "kiosk_app.hpp"

#include <algorithm>

#include <cstdio>

#include "page_loader.hpp"
#include "sample_pages.hpp"
#include "tts/wav_decode.hpp"

namespace kiosk {

ui::FontRequest font_request_for(const board::BoardProfile& profile) {
  ui::FontRequest request;
  for (const auto& family : profile.font_families) {
    ui::FontSource src{family, "", ""};
    for (const auto& file : profile.font_files) {
      if (file.family == family) src.path = file.path;
    }
    if (family.rfind("Noto Sans CJK", 0) == 0)
      src.debian_package = "fonts-noto-cjk";
    else if (family.rfind("Noto Sans", 0) == 0)
      src.debian_package = "fonts-noto-core";
    request.regular.push_back(src);
  }
  // Bold comes from fontconfig by family; explicit files name regular faces only.
  for (const auto& family : profile.font_families) request.bold.push_back({family, "", ""});
  return request;
}

ui::ScreenGeometry screen_geometry(const board::DisplayProfile& d) {
  ui::ScreenGeometry g{d.width_px, d.height_px, d.width_mm, d.height_mm};
  if (d.rotation == 90 || d.rotation == 270) {
    std::swap(g.width_px, g.height_px);
    std::swap(g.width_mm, g.height_mm);
  }
  return g;
}

BodySize body_size_for(const board::BoardProfile& profile, const ui::FontCollection& fonts) {
  // The smallest capital any face in the chain draws decides the minimum.
  double cap_em = 1.0;
  for (ui::FaceId id : fonts.chain(ui::FontWeight::Regular)) {
    cap_em = std::min(cap_em, fonts.metrics(id).cap_height_em);
  }
  const ui::ScreenGeometry screen = screen_geometry(profile.display);
  BodySize s;
  s.profile_px = profile.text.body_px;
  s.minimum_px = ui::min_font_px_for_capital_height(ui::kMinCapitalHeightMm, cap_em, screen);
  s.px = std::max(s.profile_px, s.minimum_px);
  s.capital_mm = ui::capital_height_mm(s.px, cap_em, screen);
  return s;
}

ui::ViewSettings view_settings_for(const board::BoardProfile& profile, int body_px) {
  ui::ViewSettings s;
  s.body_px = body_px;
  s.zoom = profile.text.zoom_percent / 100.0;
  s.scheme = ui::find_color_scheme(profile.text.scheme);
  s.guide_lines = profile.text.guide_lines;
  s.caption_bar = profile.text.caption_bar;
  return s;
}

KioskApp::KioskApp(SDL_Renderer* renderer, const ui::FontCollection& fonts,
                   const ui::ViewSettings& settings)
    : layouter_(fonts), view_(layouter_, settings), screen_(renderer, fonts) {
  int w = 0;
  int h = 0;
  SDL_GetRendererOutputSize(renderer, &w, &h);
  view_.resize(w, h);
  view_.set_document(welcome_page());
}

void KioskApp::resize(int width, int height) {
  view_.resize(width, height);
}

void KioskApp::show(ui::Document doc) {
  show_page(std::move(doc), {});
}

void KioskApp::show_page(ui::Document doc, std::string url, PageForms forms) {
  history_.push_back({view_.document(), url_, std::move(forms_), std::move(html_)});
  html_.clear();
  view_.set_document(std::move(doc));
  url_ = std::move(url);
  forms_ = std::move(forms);
  editing_.reset();
}

bool KioskApp::show_fetched(FetchResult fetched) {
  if (!fetched.ok) {
    std::fprintf(stderr, "kioskd: %s\n", fetched.error.c_str());
    ui::Document page;
    page.title = "无法打开页面";
    page.blocks.push_back(ui::make_heading(1, "无法打开页面"));
    page.blocks.push_back(ui::make_paragraph(fetched.user_message));
    page.blocks.push_back(ui::make_paragraph("请按返回键回到上一页。需要帮助时，请告诉工作人员。"));
    show_page(std::move(page), {});
    return false;
  }
  LoadedPage page = load_html(fetched.body, fetched.url, text_only_);
  if (!page.ok) std::fprintf(stderr, "kioskd: %s\n", page.error.c_str());
  show_page(std::move(page.document), fetched.url, std::move(page.forms));
  html_ = std::move(fetched.body);
  return page.ok;
}

void KioskApp::end_session(const std::string& home) {
  history_.clear();
  forms_ = {};
  id_card_.reset();
  editing_.reset();
  saying_all_ = false;
  url_.clear();
  if (fetcher_ != nullptr) fetcher_->end_session();
  if (speech_ != nullptr) speech_->end_session();
  view_.set_document(welcome_page());
  if (!home.empty()) open_url(home);
  history_.clear();  // nothing to go back to from the start page
}

bool KioskApp::open_url(const std::string& link) {
  const std::string url = url_.empty() ? link : resolve_url(url_, link);
  if (fetcher_ == nullptr || url.empty()) {
    FetchResult none;
    none.error = "no fetcher or a malformed link: " + link;
    none.user_message = "自助终端没有连接政务服务网站，这个页面不能打开。";
    return show_fetched(std::move(none));
  }
  return show_fetched(fetcher_->get(url));
}

std::optional<ui::FocusTarget> KioskApp::field_run(a11y::NodeId dom) const {
  const std::string target = "control:" + std::to_string(dom);
  const ui::Document& doc = view_.document();
  for (std::uint32_t b = 0; b < doc.blocks.size(); ++b) {
    for (std::size_t r = 0; r < doc.blocks[b].runs.size(); ++r) {
      if (doc.blocks[b].runs[r].target == target)
        return ui::FocusTarget{b, static_cast<std::int32_t>(r)};
    }
  }
  return std::nullopt;
}

void KioskApp::refresh_field(const FormField& field) {
  if (const auto at = field_run(field.dom)) {
    view_.update_run_text(at->block, static_cast<std::size_t>(at->run), PageForms::label(field));
  }
}

Outcome KioskApp::activate_field(a11y::NodeId id) {
  FormField* f = forms_.field(id);
  if (f == nullptr || f->states.disabled) return Outcome::Unchanged;
  if (f->submits) return submit(f->form);
  if (f->states.checkable) {
    f->states.checked = !f->states.checked;
    if (f->role == "radio" && f->states.checked) {
      for (auto& other : forms_.fields) {
        if (&other != f && other.role == "radio" && other.name == f->name &&
            other.form == f->form) {
          other.states.checked = false;
          refresh_field(other);
        }
      }
    }
    refresh_field(*f);
    if (speech_ != nullptr) speech_->say(f->states.checked ? "已选中" : "未选中");
    return Outcome::Redraw;
  }
  if (!f->options.empty()) {
    // Enter moves a select to its next option, round the list, and says it.
    f->selected = (f->selected + 1) % static_cast<int>(f->options.size());
    f->value = f->options[static_cast<std::size_t>(f->selected)].second;
    refresh_field(*f);
    if (speech_ != nullptr) {
      speech_->say(f->options[static_cast<std::size_t>(f->selected)].first + "，第" +
                   std::to_string(f->selected + 1) + "项，共" + std::to_string(f->options.size()) +
                   "项");
    }
    return Outcome::Redraw;
  }
  if (f->role == "textbox" || f->role == "searchbox" || f->role == "spinbutton" ||
      f->role.empty()) {
    editing_ = id;
    if (speech_ != nullptr) speech_->say("请输入" + f->label + "，输入完按确认键");
    return Outcome::Redraw;
  }
  if (speech_ != nullptr) speech_->say("这个选项暂时不能在自助终端上选择，请工作人员协助您。");
  return Outcome::Unchanged;
}

Outcome KioskApp::text_input(const std::string& utf8) {
  if (!editing_) return Outcome::Unchanged;
  FormField* f = forms_.field(*editing_);
  if (f == nullptr || utf8.empty()) return Outcome::Unchanged;
  f->value += utf8;
  refresh_field(*f);
  // Echo what was typed: 七, A, 张 — each key is confirmed by ear.
  if (speech_ != nullptr) speech_->say(utf8);
  return Outcome::Redraw;
}

Outcome KioskApp::edit_key(const Action& action) {
  FormField* f = forms_.field(*editing_);
  const auto* app_action = std::get_if<AppAction>(&action);
  if (f != nullptr && app_action != nullptr && *app_action == AppAction::Back) {
    if (f->value.empty()) {
      editing_.reset();
      if (speech_ != nullptr) speech_->say("结束输入");
      return Outcome::Redraw;
    }
    // Backspace deletes the last character (a whole UTF-8 sequence).
    std::size_t cut = f->value.size() - 1;
    while (cut > 0 && (static_cast<unsigned char>(f->value[cut]) & 0xC0) == 0x80) --cut;
    const std::string removed = f->value.substr(cut);
    f->value.erase(cut);
    refresh_field(*f);
    if (speech_ != nullptr) speech_->say("删除" + removed);
    return Outcome::Redraw;
  }
  // Any other key ends typing; Enter just ends it, others then do their usual job.
  editing_.reset();
  if (f != nullptr && speech_ != nullptr) {
    speech_->say(f->value.empty() ? "未填写" : "已填写：" + f->value);
  }
  if (app_action != nullptr && *app_action == AppAction::Activate) return Outcome::Redraw;
  return perform(action);
}

Outcome KioskApp::submit(int form) {
  if (form < 0 || form >= static_cast<int>(forms_.forms.size())) return Outcome::Unchanged;
  const auto missing = forms_.missing(form);
  if (!missing.empty()) {
    // Validation errors are spoken and focus moves to the first field to fill in.
    if (const auto at = field_run(missing.front()->dom)) view_.set_focus(*at);
    if (speech_ != nullptr) {
      speech_->say("还有" + std::to_string(missing.size()) + "项必填内容没有填写。请填写" +
                       missing.front()->label,
                   tts::Earcon::Error);
    }
    return Outcome::Redraw;
  }
  const Form& f = forms_.forms[static_cast<std::size_t>(form)];
  const std::string action = resolve_url(url_, f.action.empty() ? url_ : f.action);
  if (fetcher_ == nullptr || action.empty()) return Outcome::Unchanged;
  const std::string body = forms_.encoded(form);
  if (f.method == "post") {
    show_fetched(fetcher_->post_form(action, body));
  } else {
    const std::string base = action.substr(0, action.find('?'));
    show_fetched(fetcher_->get(base + "?" + body));
  }
  return Outcome::Redraw;
}

Outcome KioskApp::play_audio_captcha(const std::string& wav_url) {
  if (fetcher_ == nullptr) return Outcome::Unchanged;
  const FetchResult r = fetcher_->get(resolve_url(url_, wav_url));
  auto pcm = std::make_shared<std::vector<std::int16_t>>();
  std::string error;
  if (!r.ok || speech_ == nullptr ||
      !tts::decode_wav(r.body, speech_->engine().ring().sample_rate(), *pcm, error)) {
    std::fprintf(stderr, "kioskd: audio captcha %s: %s\n", wav_url.c_str(),
                 r.ok ? error.c_str() : r.error.c_str());
    if (speech_ != nullptr)
      speech_->say("语音验证码暂时无法播放，请向工作人员求助。", tts::Earcon::Error);
    return Outcome::Unchanged;
  }
  tts::SpeechSegment intro;
  intro.text = "语音验证码";
  intro.pause_after_ms = 300;
  tts::SpeechSegment audio;
  audio.pcm = std::move(pcm);
  speech_->engine().speak(tts::Utterance{{intro, audio}, tts::Priority::Interrupt, 0});
  view_.set_caption_override("正在播放语音验证码，按确认键再听一遍");
  return Outcome::Redraw;
}

Outcome KioskApp::spell_captcha(const std::string& speak_src) {
  if (fetcher_ == nullptr) return Outcome::Unchanged;
  const FetchResult r = fetcher_->get(resolve_url(url_, speak_src));
  if (!r.ok || r.body.empty() || r.body.size() > 64) {
    if (speech_ != nullptr)
      speech_->say("验证码暂时无法收听，请向工作人员求助。", tts::Earcon::Error);
    return Outcome::Unchanged;
  }
  std::string code = r.body;
  while (!code.empty() && (code.back() == '\n' || code.back() == '\r' || code.back() == ' '))
    code.pop_back();
  // Shown enlarged, spaced out, in the caption bar; spoken character by character.
  std::string spaced;
  for (char c : code) {
    if (!spaced.empty() && (static_cast<unsigned char>(c) & 0xC0) != 0x80) spaced += "  ";
    spaced += c;
  }
  view_.set_caption_override(spaced);
  if (speech_ != nullptr) speech_->spell(code);
  return Outcome::Redraw;
}

Outcome KioskApp::perform(const Action& action) {
  if (const auto* command = std::get_if<ui::ViewCommand>(&action)) {
    view_.set_pointer(std::nullopt);  // keys move the guide lines back to the focus
    return view_.apply(*command) ? Outcome::Redraw : Outcome::Unchanged;
  }
  switch (std::get<AppAction>(action)) {
    case AppAction::Activate:
      return activate();
    case AppAction::Back:
      if (history_.empty()) return Outcome::Unchanged;
      view_.set_document(std::move(history_.back().document));
      url_ = std::move(history_.back().url);
      forms_ = std::move(history_.back().forms);
      html_ = std::move(history_.back().html);
      editing_.reset();
      history_.pop_back();
      return Outcome::Redraw;
    case AppAction::Screenshot:
      return Outcome::Screenshot;
    case AppAction::Quit:
      return Outcome::Quit;
    case AppAction::SpeakSlower:
    case AppAction::SpeakFaster:
    case AppAction::SpeakQuieter:
    case AppAction::SpeakLouder:
    case AppAction::SpellFocused:
    case AppAction::RepeatFocused:
    case AppAction::WhereAmI:
    case AppAction::SayAll:
      return Outcome::Unchanged;  // speech only: handled in key()
    case AppAction::PlaceVirtualIdCard:
    case AppAction::InsertVirtualSmartCard:
    case AppAction::RemoveVirtualCards:
    case AppAction::WaitForCard:
      return Outcome::Unchanged;  // the emulated readers belong to kioskd
    case AppAction::TextOnly: {
      text_only_ = !text_only_;
      if (html_.empty()) return Outcome::Unchanged;  // built-in pages have no images
      // Rebuild the page in place; the form entries and the reading position stay.
      LoadedPage page = load_html(html_, url_, text_only_);
      const std::uint32_t block = view_.focus().block;
      view_.set_document(std::move(page.document));
      if (!view_.document().blocks.empty()) {
        view_.set_focus({std::min<std::uint32_t>(
                             block, static_cast<std::uint32_t>(view_.document().blocks.size() - 1)),
                         -1});
      }
      for (const auto& f : forms_.fields) refresh_field(f);
      return Outcome::Redraw;
    }
  }
  return Outcome::Unchanged;
}

KioskApp::ViewSnapshot KioskApp::snapshot() const {
  return {view_.focus(),     view_.document_generation(), view_.zoom(),
          view_.scheme().id, view_.guide_lines(),         view_.caption_bar()};
}

Outcome KioskApp::tick() {
  if (!saying_all_ || speech_ == nullptr) return Outcome::Unchanged;
  if (speech_->engine().idle() && speech_->engine().ring().backlog() == 0) {
    saying_all_ = false;
    return Outcome::Unchanged;
  }
  const auto block = speech_->say_all_block();
  if (!block || *block >= view_.document().blocks.size() || view_.focus().block == *block) {
    return Outcome::Unchanged;
  }
  view_.set_focus({*block, -1});  // the highlight and the scroll follow the voice
  return Outcome::Redraw;
}

Outcome KioskApp::key(const Action& action) {
  if (speech_ != nullptr) speech_->stop();  // speech interrupts on every key
  saying_all_ = false;
  if (editing_) {
    const ViewSnapshot before = snapshot();
    const Outcome outcome = edit_key(action);
    if (!editing_)
      announce_changes(before, outcome == Outcome::Redraw ? Outcome::Screenshot : outcome, action);
    return outcome;
  }
  if (const auto* app_action = std::get_if<AppAction>(&action); app_action && speech_) {
    switch (*app_action) {
      case AppAction::SpeakSlower:
      case AppAction::SpeakFaster:
        if (!speech_->change_rate(*app_action == AppAction::SpeakFaster ? 1 : -1)) {
          speech_->earcon(tts::Earcon::Error);
        }
        return Outcome::Unchanged;
      case AppAction::SpeakQuieter:
      case AppAction::SpeakLouder:
        if (!speech_->change_volume(*app_action == AppAction::SpeakLouder ? 1 : -1)) {
          speech_->earcon(tts::Earcon::Error);
        }
        return Outcome::Unchanged;
      case AppAction::SpellFocused:
        speech_->spell(view_.focused_text());
        return Outcome::Unchanged;
      case AppAction::RepeatFocused:
        speech_->say(describe_focus(view_));
        return Outcome::Unchanged;
      case AppAction::WhereAmI:
        speech_->say(describe_position(view_));
        return Outcome::Unchanged;
      case AppAction::SayAll:
        speech_->say_all(view_.document(), view_.focus().block);
        saying_all_ = true;
        return Outcome::Unchanged;
      case AppAction::TextOnly: {
        const Outcome o = perform(action);
        speech_->say(text_only_ ? "纯文本模式，开" : "纯文本模式，关");
        return o;
      }
      default:
        break;
    }
  }
  const ViewSnapshot before = snapshot();
  const Outcome outcome = perform(action);
  announce_changes(before, outcome, action);
  return outcome;
}

void KioskApp::announce_changes(const ViewSnapshot& before, Outcome outcome, const Action& action) {
  if (speech_ == nullptr) return;
  const auto* command = std::get_if<ui::ViewCommand>(&action);
  if (outcome == Outcome::Unchanged) {
    // Nothing moved (the end of the list, nothing to activate): say so without words.
    speech_->earcon(tts::Earcon::Error);
    return;
  }
  if (outcome != Outcome::Redraw) return;
  const ViewSnapshot now = snapshot();
  if (now.document != before.document) {
    // A new page: its title, then the first item, and the text under a first heading.
    const ui::Document& doc = view_.document();
    std::string text = doc.title + "。" + describe_focus(view_);
    if (doc.blocks.size() > 1 && doc.blocks.front().kind == ui::BlockKind::Heading) {
      text += "。" + doc.blocks[1].plain_text();
    }
    speech_->say(text);
  } else if (now.zoom != before.zoom) {
    speech_->say(std::string(now.zoom > before.zoom ? "放大到" : "缩小到") + "百分之" +
                 std::to_string(static_cast<int>(now.zoom * 100 + 0.5)));
  } else if (now.scheme != before.scheme) {
    speech_->say(std::string(view_.scheme().name_zh));
  } else if (now.guides != before.guides) {
    speech_->say(now.guides ? "十字光标，开" : "十字光标，关");
  } else if (now.caption != before.caption) {
    speech_->say(now.caption ? "大字幕，开" : "大字幕，关");
  } else if (!(now.focus == before.focus)) {
    // Tab past the last link comes back to the first: a tone says it wrapped.
    const bool wrapped =
        command != nullptr && *command == ui::ViewCommand::NextLink &&
        (now.focus.block < before.focus.block ||
         (now.focus.block == before.focus.block && now.focus.run <= before.focus.run));
    speech_->say(describe_focus(view_), wrapped ? tts::Earcon::FocusWrap : tts::Earcon::None);
  }
}

Outcome KioskApp::activate() {
  if (view_.focused_link() == nullptr && !view_.document().blocks.empty()) {
    // Enter on an item that holds exactly one link or field (a form field reached with F,
    // a list item that is a link) acts on it, as a citizen expects.
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
  if (link == nullptr) return Outcome::Unchanged;
  const std::string& target = link->target;
  using ui::ViewCommand;
  if (target == "view:zoom-in") return perform(ViewCommand::ZoomIn);
  if (target == "view:zoom-out") return perform(ViewCommand::ZoomOut);
  if (target == "view:scheme") return perform(ViewCommand::NextScheme);
  if (target == "view:guides") return perform(ViewCommand::ToggleGuideLines);
  if (target == "view:caption") return perform(ViewCommand::ToggleCaptionBar);
  const bool audio = target.size() > 4 && target.compare(target.size() - 4, 4, ".wav") == 0;
  if (target.rfind("service:", 0) != 0 && target.rfind("control:", 0) != 0 &&
      target.rfind("captcha", 0) != 0 && !audio) {
    open_url(target);  // a link on a service page
    return Outcome::Redraw;
  }
  if (target.rfind("control:", 0) == 0) {
    return activate_field(static_cast<a11y::NodeId>(std::stoul(target.substr(8))));
  }
  if (target.rfind("captcha:", 0) == 0) return spell_captcha(target.substr(8));
  if (target.rfind("captcha-audio:", 0) == 0) return play_audio_captcha(target.substr(14));
  if (target.size() > 4 && target.compare(target.size() - 4, 4, ".wav") == 0) {
    return play_audio_captcha(target);  // the audio link itself
  }
  // Service flows arrive with later issues; say so plainly instead of showing nothing.
  ui::Document page;
  page.title = link->text;
  page.blocks.push_back(ui::make_heading(1, link->text));
  page.blocks.push_back(ui::make_paragraph(
      "本事项暂未在自助终端开放。请按返回键回到首页，或到人工窗口办理，工作人员会协助您。"));
  show(std::move(page));
  return Outcome::Redraw;
}

Outcome KioskApp::touch(ui::Point at) {
  auto target = view_.target_at(at);
  if (!target) return Outcome::Unchanged;
  if (speech_ != nullptr) speech_->stop();
  const ViewSnapshot before = snapshot();
  const Outcome outcome = touch_target(*target);
  announce_changes(before, outcome, ui::ViewCommand::NextItem);
  return outcome;
}

Outcome KioskApp::touch_target(const ui::FocusTarget& target) {
  const bool moved = view_.set_focus(target);
  if (target.run >= 0) {
    activate();
    return Outcome::Redraw;
  }
  return moved ? Outcome::Redraw : Outcome::Unchanged;
}

Outcome KioskApp::pointer_moved(ui::Point at) {
  if (!view_.guide_lines()) return Outcome::Unchanged;
  view_.set_pointer(at);
  return Outcome::Redraw;
}

void KioskApp::draw() {
  screen_.draw(view_.screen_view());
}

}  // namespace kiosk
