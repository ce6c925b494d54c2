#include "keymap.hpp"

namespace kiosk {

std::optional<KeyChord> parse_chord(std::string_view text) {
  KeyChord chord;
  for (;;) {
    if (text.rfind("Shift+", 0) == 0) {
      chord.shift = true;
      text.remove_prefix(6);
    } else if (text.rfind("Ctrl+", 0) == 0) {
      chord.ctrl = true;
      text.remove_prefix(5);
    } else if (text.rfind("Alt+", 0) == 0) {
      chord.alt = true;
      text.remove_prefix(4);
    } else if (text.rfind("Hold+", 0) == 0) {
      chord.hold = true;
      text.remove_prefix(5);
    } else {
      break;
    }
  }
  // "+" alone is the plus key, not a modifier separator.
  chord.key = SDL_GetKeyFromName(std::string(text).c_str());
  if (chord.key == SDLK_UNKNOWN) return std::nullopt;
  return chord;
}

Result<KeyMap> KeyMap::create(const Bindings& board_keys, bool developer_keys) {
  KeyMap map;
  for (const auto& c : command_table()) {
    if (c.group == CommandGroup::Developer && !developer_keys) continue;
    for (auto key : c.keys) {
      if (key.empty()) continue;
      if (auto chord = parse_chord(key)) map.defaults_.push_back({*chord, c.command});
    }
  }
  for (const auto& [name, keys] : board_keys) {
    const auto command = command_named(name);
    if (!command) {
      return technician_error("[keys] " + name +
                              ": unknown command (kioskd --help lists the names)");
    }
    if (info(*command).group == CommandGroup::Developer && !developer_keys) {
      return technician_error("[keys] " + name +
                              ": a developer command; set [board] developer_keys = true");
    }
    for (const auto& key : keys) {
      const auto chord = parse_chord(key);
      if (!chord) {
        return technician_error("[keys] " + name + ": unknown key name \"" + key +
                                "\" (SDL key names, e.g. \"Keypad 2\")");
      }
      map.board_.push_back({*chord, *command});
    }
  }
  return map;
}

std::optional<Command> KeyMap::lookup(SDL_Keycode key, Uint16 modifiers) const {
  const bool shift = (modifiers & KMOD_SHIFT) != 0;
  const bool ctrl = (modifiers & KMOD_CTRL) != 0;
  const bool alt = (modifiers & KMOD_ALT) != 0;
  // A chord with Alt needs Alt; one without it does not care (Alt+Down is still Down).
  const auto alt_ok = [alt](const Entry& e) { return !e.chord.alt || alt; };
  // A board key without modifiers in its name matches whatever modifiers are held.
  for (const auto& e : board_) {
    if (e.chord.hold) continue;  // a press is not a hold
    if (e.chord.key == key && (!e.chord.ctrl || ctrl) && (!e.chord.shift || shift) && alt_ok(e)) {
      return e.command;
    }
  }
  // Defaults: the exact chord first (Shift+Tab before Tab, Alt+H before H), then the key with
  // Shift or Alt ignored ("+" is Shift+= on many layouts).
  for (const auto& e : defaults_) {
    if (e.chord.hold) continue;
    if (e.chord.key == key && e.chord.ctrl == ctrl && e.chord.alt == alt &&
        e.chord.shift == shift) {
      return e.command;
    }
  }
  for (const auto& e : defaults_) {
    if (e.chord.hold) continue;
    // Alt held on a key no Alt chord claims changes nothing (Alt+Down is still Down).
    if (e.chord.key == key && e.chord.ctrl == ctrl && (e.chord.alt == alt || !e.chord.alt) &&
        !e.chord.shift) {
      return e.command;
    }
  }
  return std::nullopt;
}

std::optional<Command> KeyMap::held(SDL_Keycode key) const {
  for (const auto* list : {&board_, &defaults_}) {
    for (const auto& e : *list) {
      if (e.chord.hold && e.chord.key == key) return e.command;
    }
  }
  return std::nullopt;
}

}  // namespace kiosk
