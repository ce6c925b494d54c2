#include "key_hold.hpp"

namespace kiosk {

KeyHold::Result KeyHold::down(const KeyMap& keys, SDL_Keycode key, bool repeat,
                              Clock::time_point now) {
  const auto command = keys.held(key);
  if (!repeat || key != key_) {
    // A fresh press (or another key while one is held): the clock starts again; the press
    // itself keeps its ordinary meaning.
    key_ = key;
    since_ = now;
    fired_ = false;
    return {};
  }
  if (!command) return {};  // an ordinary key's auto-repeat: as before
  if (!fired_ && now - since_ >= kHoldTime) {
    fired_ = true;
    return {true, command};
  }
  return {true, std::nullopt};
}

void KeyHold::up(SDL_Keycode key) {
  if (key == key_) {
    key_ = SDLK_UNKNOWN;
    fired_ = false;
  }
}

}  // namespace kiosk
