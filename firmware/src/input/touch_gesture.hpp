// One finger on the screen becomes a tap or a swipe. A finger that moves less than the slop
// before it lifts is a tap at the point it went down (elderly hands tremble; the tap fires on
// lifting, never on a timer, so there is no double-tap trap); one that moves further scrolls
// the page with it, and lifting it does nothing else. Mice and touch screens both arrive as
// SDL mouse events (SDL turns the first finger into the mouse), so this is the only place
// that tells the two gestures apart.
#pragma once

#include <optional>

#include "ui/geometry.hpp"

namespace kiosk {

class TouchGesture {
 public:
  // 24 px at 1080p is about 6.5 mm on the 21.5-inch board: more than a tremor, less than a swipe.
  static constexpr int kSlopPx = 24;

  void down(ui::Point at);
  // While the finger is down: how far the page moves with it (content pixels, positive: the
  // page goes up, as the finger does), once the finger has left the slop; nullopt otherwise.
  std::optional<int> moved(ui::Point at);
  // The finger lifts: the tap's point, or nullopt after a swipe (or without a down).
  std::optional<ui::Point> up(ui::Point at);
  bool pressed() const { return pressed_; }

 private:
  bool pressed_ = false;
  bool swiping_ = false;
  ui::Point start_{};
  int last_y_ = 0;
};

}  // namespace kiosk
