#include "session_modes.hpp"

namespace kiosk {

void SessionModes::seen(Mode mode, std::chrono::system_clock::time_point now) {
  bool& already = mode == Mode::Audio       ? seen_.audio
                  : mode == Mode::LargeType ? seen_.large_type
                                            : seen_.touch;
  if (already) return;
  already = true;
  counts_[index(mode)].add(now);
}

int SessionModes::today(Mode mode, std::chrono::system_clock::time_point now) const {
  return counts_[index(mode)].today(now);
}

}  // namespace kiosk
