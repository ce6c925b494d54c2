// Commands go to the focused region: the regions are offered each command from the top of the
// stack down (field being edited → page → toolbar and speech settings → the kiosk itself) until
// one handles it. Edit mode lives here and nowhere else: while the top region takes text,
// printable keys become text and Esc ends typing.
#pragma once

#include <SDL.h>

#include <optional>
#include <vector>

#include "keymap.hpp"
#include "region.hpp"

namespace kiosk {

class Router {
 public:
  // Regions, top first. They are owned elsewhere and outlive the router.
  explicit Router(std::vector<Region*> regions) : regions_(std::move(regions)) {}

  Outcome command(Command command);
  Outcome text(const std::string& utf8);
  bool takes_text() const;
  // A key from the keyboard: nullopt when it is text for a field (it comes again as text) or
  // means nothing here.
  std::optional<Command> key_to_command(const KeyMap& keys, SDL_Keycode key, Uint16 mod) const;

 private:
  std::vector<Region*> regions_;
};

}  // namespace kiosk
