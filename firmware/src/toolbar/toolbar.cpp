#include "toolbar.hpp"

#include <cstdio>

#include "page_regions.hpp"

namespace kiosk {
namespace {

// The Alt+letter of a command, from its default keys ('\0' if none).
char alt_letter(Command command) {
  for (auto key : info(command).keys) {
    if (key.size() == 5 && key.rfind("Alt+", 0) == 0) return key[4];
  }
  return '\0';
}

}  // namespace

const std::vector<ToolbarItem>& Toolbar::items() {
  using C = Command;
  static const std::vector<ToolbarItem> kItems{
      {C::JumpRegion, "区域"},
      {C::Help, "帮助"},
      {C::ResetSettings, "重置"},
      {C::ToggleGuideLines, "十字线"},
      {C::TextOnly, "纯文本"},
      {C::ToggleBigCursor, "大鼠标"},
      {C::ZoomIn, "放大"},
      {C::ZoomOut, "缩小"},
      {C::NextScheme, "配色"},
      {C::ToggleSpeech, "声音"},
      {C::SpeakSlower, "语速慢"},
      {C::SpeakFaster, "语速快"},
      {C::TogglePointToRead, "指读"},
      {C::SayAll, "连读"},
      {C::ToggleCaptionBar, "字幕"},
      {C::ToggleTraditional, "简/繁"},
      {C::ToggleToolbar, "退出"},
  };
  return kItems;
}

ToolbarItem Toolbar::more_item() {
  return {Command::ToolbarNextPage, "更多"};
}

void Toolbar::show() {
  std::vector<ui::TitleButton> buttons;
  for (const auto& item : items()) buttons.push_back({static_cast<int>(item.command), item.label});
  view_.set_toolbar(std::move(buttons), {static_cast<int>(more_item().command), more_item().label});
  mark_buttons();
}

void Toolbar::mark_buttons() {
  auto mark = [&](Command c, bool on) { view_.set_button_on(static_cast<int>(c), on); };
  mark(Command::ToggleGuideLines, view_.guide_lines());
  mark(Command::ToggleCaptionBar, view_.caption_bar());
  mark(Command::ToggleBigCursor, big_cursor_);
  mark(Command::ToggleTraditional, traditional_);
  mark(Command::TogglePointToRead, point_to_read_);
  mark(Command::ToggleSpeech, !voice_.muted());
}

void Toolbar::input_seen(std::optional<Command> command) {
  if (command != Command::Help) help_layer_ = 0;
}

Outcome Toolbar::command(Command command) {
  const Outcome o = act(command);
  if (o != Outcome::NotMine) mark_buttons();
  return o;
}

Outcome Toolbar::act(Command command) {
  using V = ui::ViewCommand;
  Speaker& speaker = announcer_.speaker();
  switch (command) {
    case Command::ZoomIn:
    case Command::ZoomOut: {
      const double before = view_.zoom();
      if (!view_.apply(command == Command::ZoomIn ? V::ZoomIn : V::ZoomOut)) {
        announcer_.edge();
        return Outcome::Unchanged;
      }
      announcer_.zoom(view_.zoom(), view_.zoom() > before);
      return Outcome::Redraw;
    }
    case Command::NextScheme:
      view_.apply(V::NextScheme);
      if (big_cursor_) apply_cursor();  // the pointer takes the new scheme's colours
      announcer_.scheme(view_.scheme());
      return Outcome::Redraw;
    case Command::ToggleGuideLines:
      view_.apply(V::ToggleGuideLines);
      announcer_.guide_lines(view_.guide_lines());
      return Outcome::Redraw;
    case Command::ToggleCaptionBar:
      view_.apply(V::ToggleCaptionBar);
      announcer_.caption_bar(view_.caption_bar());
      return Outcome::Redraw;
    case Command::CaptionNextPage:
    case Command::CaptionPreviousPage:
      if (!view_.apply(command == Command::CaptionNextPage ? V::CaptionNextPage
                                                           : V::CaptionPreviousPage)) {
        announcer_.edge();
        return Outcome::Unchanged;
      }
      return Outcome::Redraw;
    case Command::SpeakSlower:
    case Command::SpeakFaster: {
      const bool faster = command == Command::SpeakFaster;
      announcer_.rate(speaker.step_rate(faster ? 1 : -1), faster);
      return Outcome::Unchanged;
    }
    case Command::SpeakQuieter:
    case Command::SpeakLouder: {
      const bool louder = command == Command::SpeakLouder;
      announcer_.volume(speaker.step_volume(louder ? 1 : -1), louder);
      return Outcome::Unchanged;
    }
    case Command::SpellFocused:
      announcer_.spell_focused(view_);
      return Outcome::Unchanged;
    case Command::RepeatFocused:
      announcer_.repeat(view_);
      return Outcome::Unchanged;
    case Command::WhereAmI:
      announcer_.where_am_i(view_);
      return Outcome::Unchanged;
    case Command::SayAll:
      say_all_.start();
      return Outcome::Unchanged;
    case Command::JumpRegion: {
      const auto regions = page_regions(view_.document());
      const PageRegion* next = next_region(regions, view_.focus().block);
      if (next == nullptr) {
        announcer_.edge();
        return Outcome::Unchanged;
      }
      view_.set_focus({next->first_block, -1});
      announcer_.region(view_, next->name, next->count, next->unit);
      return Outcome::Redraw;
    }
    case Command::Help: {
      if (help_layer_ == 0) {
        announcer_.help_item(view_);
      } else if (help_layer_ == 1) {
        std::vector<std::string> names;
        for (const auto& r : page_regions(view_.document())) names.push_back(r.name);
        announcer_.help_screen(view_, names);
      } else {
        std::vector<std::pair<std::string, char>> keys;
        for (const auto& item : items()) {
          if (const char letter = alt_letter(item.command)) {
            keys.emplace_back(std::string(info(item.command).zh), letter);
          }
        }
        announcer_.help_keys(keys);
      }
      help_layer_ = std::min(help_layer_ + 1, 2);
      return Outcome::Unchanged;
    }
    case Command::ResetSettings:
      restore_profile();
      announcer_.speaker().reset_for_next_citizen();
      // Mid-session the headphones are still in: keep their volume profile.
      announcer_.speaker().set_private_listening(announcer_.speaker().private_listening());
      announcer_.settings_reset();
      return Outcome::Redraw;
    case Command::ToggleBigCursor:
      big_cursor_ = !big_cursor_;
      apply_cursor();
      announcer_.big_cursor(big_cursor_);
      return Outcome::Unchanged;
    case Command::ToggleTraditional:
      toggle_traditional();
      return Outcome::Redraw;
    case Command::ToggleToolbar:
      view_.set_toolbar_shown(!view_.toolbar_shown());
      announcer_.toolbar_shown(view_.toolbar_shown());
      return Outcome::Redraw;
    case Command::ToolbarNextPage:
      if (view_.toolbar_pages() < 2) {
        announcer_.edge();
        return Outcome::Unchanged;
      }
      view_.next_toolbar_page();
      announcer_.toolbar_page(view_.toolbar_page(), view_.toolbar_pages());
      return Outcome::Redraw;
    case Command::ToggleSpeech:
      if (voice_.muted()) {
        voice_.set_muted(false);
        announcer_.speech(true);
      } else {
        announcer_.speech(false);  // the last words until speech is turned on again
        voice_.set_muted(true);
      }
      return Outcome::Unchanged;
    case Command::TogglePointToRead:
      point_to_read_ = !point_to_read_;
      last_pointed_.clear();
      if (!point_to_read_) view_.set_focused_button(std::nullopt);
      announcer_.point_to_read(point_to_read_);
      return Outcome::Redraw;
    default:
      return Outcome::NotMine;
  }
}

void Toolbar::toggle_traditional() {
  if (!converter_) {
    auto opened = TraditionalChinese::open();
    if (!opened) {
      std::fprintf(stderr, "kioskd: %s\n", opened.error().technician.c_str());
      announcer_.edge();
      return;
    }
    converter_.emplace(std::move(*opened));
  }
  traditional_ = !traditional_;
  if (traditional_) {
    view_.set_caption_transform(
        [this](const std::string& text) { return converter_->convert(text); });
  } else {
    view_.set_caption_transform({});
  }
  announcer_.traditional_caption(traditional_);
}

Outcome Toolbar::point_at(ui::Point at, bool always) {
  std::string text;
  std::optional<int> button = view_.button_at(at);
  if (button) {
    text = std::string(info(static_cast<Command>(*button)).zh) + "，按钮";
  } else if (const auto target = view_.target_at(at)) {
    const auto& block = view_.document().blocks[target->block];
    text = target->run >= 0 ? "链接，" + block.runs[static_cast<std::size_t>(target->run)].text
                            : block.plain_text();
  }
  const bool ring_moved = view_.focused_button() != button;
  view_.set_focused_button(button);
  if (text.empty() || (!always && text == last_pointed_)) {
    if (text.empty()) last_pointed_.clear();
    return ring_moved ? Outcome::Redraw : Outcome::Unchanged;
  }
  last_pointed_ = text;
  announcer_.speaker().stop();
  announcer_.pointed(text);
  return Outcome::Redraw;
}

void Toolbar::apply_cursor() {
  if (big_cursor_) {
    CursorPtr cursor = make_big_cursor(view_.scheme());
    if (cursor) SDL_SetCursor(cursor.get());
    cursor_ = std::move(cursor);  // the old one is no longer shown when it is freed
  } else if (cursor_) {
    SDL_SetCursor(SDL_GetDefaultCursor());
    cursor_.reset();
  }
}

void Toolbar::restore_profile() {
  view_.set_zoom(profile_.zoom);
  view_.set_scheme(profile_.scheme != nullptr ? *profile_.scheme : ui::color_schemes().front());
  if (view_.guide_lines() != profile_.guide_lines) view_.apply(ui::ViewCommand::ToggleGuideLines);
  if (view_.caption_bar() != profile_.caption_bar) view_.apply(ui::ViewCommand::ToggleCaptionBar);
  view_.set_caption_override({});
  voice_.set_muted(false);
  traditional_ = false;
  view_.set_caption_transform({});
  view_.set_toolbar_shown(true);
  while (view_.toolbar_page() != 0) view_.next_toolbar_page();
  view_.set_focused_button(std::nullopt);
  big_cursor_ = false;
  apply_cursor();
  point_to_read_ = false;
  last_pointed_.clear();
  help_layer_ = 0;
  mark_buttons();
}

void Toolbar::reset() {
  restore_profile();
  announcer_.speaker().reset_for_next_citizen();
}

}  // namespace kiosk
