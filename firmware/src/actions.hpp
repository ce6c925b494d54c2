// What a key, a touch or a script step asks the kiosk to do. Keys map to actions here, so
// the board's keypad map (issue 7) only has to name actions.
#pragma once

#include <SDL.h>

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ui/reading_view.hpp"

namespace kiosk {

enum class AppAction {
  Activate,
  Back,
  Screenshot,
  Quit,
  SpeakSlower,
  SpeakFaster,
  SpeakQuieter,
  SpeakLouder,
  SpellFocused,  // captchas and codes: again and again, each time slower
  RepeatFocused,
  WhereAmI,  // the item's position (第3项，共12项) and the page title
  SayAll,    // 连读: read on from the focus to the end, until any key
  TextOnly,  // 纯文本: the page without images and decoration, and back
  // Emulated readers (boards with [readers] emulated = true): handled by kioskd, which owns them.
  PlaceVirtualIdCard,      // Ctrl+1: a synthetic resident ID card on the SAM reader
  InsertVirtualSmartCard,  // Ctrl+2: a synthetic social-security card in the CCID reader
  RemoveVirtualCards,      // Ctrl+0: both taken away
  WaitForCard,             // script only: wait until the card readers report something
};

using Action = std::variant<ui::ViewCommand, AppAction>;

std::optional<Action> action_for_key(SDL_Keycode key, Uint16 modifiers);

// The board's key map ([keys] in its profile) over the defaults above.
class KeyMap {
 public:
  // Fails (with "[keys] NAME: ...") on an unknown action or key name.
  static std::optional<KeyMap> from_bindings(
      const std::vector<std::pair<std::string, std::vector<std::string>>>& bindings,
      std::string& error);
  std::optional<Action> lookup(SDL_Keycode key, Uint16 modifiers) const;

 private:
  std::vector<std::pair<SDL_Keycode, Action>> overrides_;
};

// Script step names for `kioskd --keys down,tab,enter,...` (tests, demos, bench).
std::optional<Action> action_for_name(std::string_view name);

}  // namespace kiosk
