#include "router.hpp"

namespace kiosk {

Outcome Router::command(Command command) {
  for (Region* r : regions_) {
    const Outcome o = r->command(command);
    if (o != Outcome::NotMine) return o;
  }
  return Outcome::NotMine;
}

Outcome Router::text(const std::string& utf8) {
  for (Region* r : regions_) {
    if (r->takes_text()) return r->text(utf8);
  }
  return Outcome::NotMine;
}

bool Router::takes_text() const {
  for (const Region* r : regions_) {
    if (r->takes_text()) return true;
  }
  return false;
}

std::optional<Command> Router::key_to_command(const KeyMap& keys, SDL_Keycode key,
                                              Uint16 mod) const {
  if (takes_text()) {
    // While typing, printable keys arrive as text input and Esc ends typing like Enter.
    if (key == SDLK_ESCAPE) return Command::Activate;
    if (key >= 32 && key < 127 && (mod & (KMOD_CTRL | KMOD_ALT)) == 0) return std::nullopt;
  }
  return keys.lookup(key, mod);
}

}  // namespace kiosk
