// Waking kioskd's UI loop from another thread (the page loader, the card readers): one SDL
// user event of a registered type. At most one is ever queued: the loop, once awake, picks up
// everything that arrived, and a queue that is not being read (a long --keys script runs
// before the loop) would otherwise keep one 272-byte SDL entry per wake until exit.
#pragma once

#include <SDL.h>

namespace kiosk {

inline void wake_ui(Uint32 event_type) {
  if (event_type == 0 || SDL_HasEvent(event_type)) return;
  SDL_Event e{};
  e.type = event_type;
  SDL_PushEvent(&e);
}

}  // namespace kiosk
