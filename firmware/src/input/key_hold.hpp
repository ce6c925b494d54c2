// Holding a key down as a command of its own ("Hold+Keypad *" in a board's [keys]): an EZ
// keypad has no Ctrl or Alt, so the staff key on a production cabinet is a long press. The
// keyboard's auto-repeat while the key is held tells how long it has been down; the repeats of
// a key that has a hold binding do nothing else (holding 重复 does not repeat the item 50 times).
#pragma once

#include <SDL.h>

#include <chrono>
#include <optional>

#include "command.hpp"
#include "keymap.hpp"

namespace kiosk {

class KeyHold {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr auto kHoldTime = std::chrono::seconds(3);

  struct Result {
    bool swallow = false;          // a repeat of a hold key: no command of its own
    std::optional<Command> fired;  // held long enough: the hold binding's command, once
  };
  // A key-down event; `repeat`: the keyboard's auto-repeat while the key stays down.
  Result down(const KeyMap& keys, SDL_Keycode key, bool repeat, Clock::time_point now);
  void up(SDL_Keycode key);

 private:
  SDL_Keycode key_ = SDLK_UNKNOWN;
  Clock::time_point since_{};
  bool fired_ = false;
};

}  // namespace kiosk
