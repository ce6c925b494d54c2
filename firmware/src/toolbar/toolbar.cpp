#include "toolbar.hpp"

namespace kiosk {

Outcome Toolbar::command(Command command) {
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
    default:
      return Outcome::NotMine;
  }
}

void Toolbar::reset() {
  view_.set_zoom(profile_.zoom);
  view_.set_scheme(profile_.scheme != nullptr ? *profile_.scheme : ui::color_schemes().front());
  if (view_.guide_lines() != profile_.guide_lines) view_.apply(ui::ViewCommand::ToggleGuideLines);
  if (view_.caption_bar() != profile_.caption_bar) view_.apply(ui::ViewCommand::ToggleCaptionBar);
  view_.set_caption_override({});
  announcer_.speaker().reset_for_next_citizen();
}

}  // namespace kiosk
