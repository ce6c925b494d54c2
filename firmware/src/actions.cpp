#include "actions.hpp"

#include <array>
#include <utility>

namespace kiosk {

using ui::ViewCommand;

std::optional<Action> action_for_key(SDL_Keycode key, Uint16 mod) {
  const bool shift = (mod & KMOD_SHIFT) != 0;
  const bool ctrl = (mod & KMOD_CTRL) != 0;
  switch (key) {
    case SDLK_DOWN:
      return ViewCommand::NextItem;
    case SDLK_UP:
      return ViewCommand::PreviousItem;
    case SDLK_TAB:
      return shift ? ViewCommand::PreviousLink : ViewCommand::NextLink;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
      return AppAction::Activate;
    case SDLK_ESCAPE:
    case SDLK_BACKSPACE:
    case SDLK_AC_BACK:
      return AppAction::Back;
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS:
      return ViewCommand::ZoomIn;
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
      return ViewCommand::ZoomOut;
    case SDLK_F2:
      return ViewCommand::NextScheme;
    case SDLK_F3:
      return ViewCommand::ToggleGuideLines;
    case SDLK_F4:
      return ViewCommand::ToggleCaptionBar;
    case SDLK_PAGEDOWN:
      return ViewCommand::CaptionNextPage;
    case SDLK_PAGEUP:
      return ViewCommand::CaptionPreviousPage;
    case SDLK_F5:
      return AppAction::SpeakSlower;
    case SDLK_F6:
      return AppAction::SpeakFaster;
    case SDLK_F7:
      return AppAction::SpeakQuieter;
    case SDLK_F8:
      return AppAction::SpeakLouder;
    case SDLK_F9:
      return AppAction::SpellFocused;
    case SDLK_F1:
    case SDLK_SPACE:
      return AppAction::RepeatFocused;
    case SDLK_F12:
    case SDLK_PRINTSCREEN:
      return AppAction::Screenshot;
    case SDLK_q:
      if (ctrl) return AppAction::Quit;
      return std::nullopt;
    case SDLK_h:
      return shift ? ViewCommand::PreviousHeading : ViewCommand::NextHeading;
    case SDLK_k:
      return shift ? ViewCommand::PreviousLinkOnly : ViewCommand::NextLinkOnly;
    case SDLK_f:
      return shift ? ViewCommand::PreviousFormField : ViewCommand::NextFormField;
    case SDLK_t:
      return shift ? ViewCommand::PreviousTable : ViewCommand::NextTable;
    case SDLK_l:
      return shift ? ViewCommand::PreviousList : ViewCommand::NextList;
    case SDLK_w:
      return AppAction::WhereAmI;
    case SDLK_r:
      return AppAction::SayAll;
    default:
      return std::nullopt;
  }
}

std::optional<Action> action_for_name(std::string_view name) {
  static const std::array<std::pair<std::string_view, Action>, 34> kNames{{
      {"down", ViewCommand::NextItem},
      {"up", ViewCommand::PreviousItem},
      {"tab", ViewCommand::NextLink},
      {"shift-tab", ViewCommand::PreviousLink},
      {"zoom-in", ViewCommand::ZoomIn},
      {"zoom-out", ViewCommand::ZoomOut},
      {"scheme", ViewCommand::NextScheme},
      {"guides", ViewCommand::ToggleGuideLines},
      {"caption", ViewCommand::ToggleCaptionBar},
      {"caption-next", ViewCommand::CaptionNextPage},
      {"caption-prev", ViewCommand::CaptionPreviousPage},
      {"enter", AppAction::Activate},
      {"back", AppAction::Back},
      {"screenshot", AppAction::Screenshot},
      {"quit", AppAction::Quit},
      {"slower", AppAction::SpeakSlower},
      {"faster", AppAction::SpeakFaster},
      {"quieter", AppAction::SpeakQuieter},
      {"louder", AppAction::SpeakLouder},
      {"spell", AppAction::SpellFocused},
      {"repeat", AppAction::RepeatFocused},
      {"where", AppAction::WhereAmI},
      {"say-all", AppAction::SayAll},
      {"text-only", AppAction::TextOnly},
      {"heading", ViewCommand::NextHeading},
      {"prev-heading", ViewCommand::PreviousHeading},
      {"link", ViewCommand::NextLinkOnly},
      {"prev-link", ViewCommand::PreviousLinkOnly},
      {"field", ViewCommand::NextFormField},
      {"prev-field", ViewCommand::PreviousFormField},
      {"table", ViewCommand::NextTable},
      {"prev-table", ViewCommand::PreviousTable},
      {"list", ViewCommand::NextList},
      {"prev-list", ViewCommand::PreviousList},
  }};
  for (const auto& [n, a] : kNames) {
    if (n == name) return a;
  }
  return std::nullopt;
}

}  // namespace kiosk
