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
    case SDLK_1:
      if (ctrl) return AppAction::PlaceVirtualIdCard;
      return std::nullopt;
    case SDLK_2:
      if (ctrl) return AppAction::InsertVirtualSmartCard;
      return std::nullopt;
    case SDLK_0:
      if (ctrl) return AppAction::RemoveVirtualCards;
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

std::optional<Action> action_for_name(std::string_view name) {
  static const std::array<std::pair<std::string_view, Action>, 38> kNames{{
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
      {"place-id-card", AppAction::PlaceVirtualIdCard},
      {"insert-smart-card", AppAction::InsertVirtualSmartCard},
      {"remove-cards", AppAction::RemoveVirtualCards},
      {"wait-card", AppAction::WaitForCard},
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

std::optional<KeyMap> KeyMap::from_bindings(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& bindings,
    std::string& error) {
  KeyMap map;
  for (const auto& [name, keys] : bindings) {
    const auto action = action_for_name(name);
    if (!action) {
      error = "[keys] " + name + ": unknown action (see kioskd --help for the names)";
      return std::nullopt;
    }
    for (const auto& key : keys) {
      const SDL_Keycode code = SDL_GetKeyFromName(key.c_str());
      if (code == SDLK_UNKNOWN) {
        error = "[keys] " + name + ": unknown key name \"" + key +
                "\" (SDL key names, e.g. \"Keypad 2\")";
        return std::nullopt;
      }
      map.overrides_.emplace_back(code, *action);
    }
  }
  return map;
}

std::optional<Action> KeyMap::lookup(SDL_Keycode key, Uint16 modifiers) const {
  for (const auto& [code, action] : overrides_) {
    if (code == key) return action;
  }
  return action_for_key(key, modifiers);
}

}  // namespace kiosk
