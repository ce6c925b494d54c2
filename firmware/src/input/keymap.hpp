// Keys to commands: the command table's default keys, the board's [keys] on top (an EZ keypad's
// "Keypad 5" for enter), and developer commands only on boards that allow them.
#pragma once

#include <SDL.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "command.hpp"
#include "kiosk/result.hpp"

namespace kiosk {

struct KeyChord {
  SDL_Keycode key = SDLK_UNKNOWN;
  bool shift = false;
  bool ctrl = false;
  bool alt = false;
  // "Hold+Keypad *": the key held down (kHoldTime), not pressed: an EZ keypad has no chords.
  bool hold = false;
  friend bool operator==(const KeyChord&, const KeyChord&) = default;
};

// "Shift+Tab", "Ctrl+Q", "Ctrl+Alt+S", "Alt+Z", "Keypad 2", "Hold+Keypad *": SDL key names with
// optional modifier prefixes.
std::optional<KeyChord> parse_chord(std::string_view text);

class KeyMap {
 public:
  using Bindings = std::vector<std::pair<std::string, std::vector<std::string>>>;
  // Fails with "[keys] NAME: …" on an unknown command or key name.
  static Result<KeyMap> create(const Bindings& board_keys, bool developer_keys);
  std::optional<Command> lookup(SDL_Keycode key, Uint16 modifiers) const;
  // The command bound to holding `key` down ("Hold+…"), if any.
  std::optional<Command> held(SDL_Keycode key) const;

 private:
  struct Entry {
    KeyChord chord;
    Command command;
  };
  std::vector<Entry> board_;     // checked first: the board's own keys win
  std::vector<Entry> defaults_;  // from the command table
};

}  // namespace kiosk
