#include "touch_gesture.hpp"

#include <cstdlib>

namespace kiosk {

void TouchGesture::down(ui::Point at) {
  pressed_ = true;
  swiping_ = false;
  start_ = at;
  last_y_ = at.y;
}

std::optional<int> TouchGesture::moved(ui::Point at) {
  if (!pressed_) return std::nullopt;
  if (!swiping_ && std::abs(at.y - start_.y) <= kSlopPx && std::abs(at.x - start_.x) <= kSlopPx) {
    return std::nullopt;
  }
  if (!swiping_) {
    swiping_ = true;
    last_y_ = start_.y;  // the page follows the finger from where it went down
  }
  const int dy = last_y_ - at.y;
  last_y_ = at.y;
  if (dy == 0) return std::nullopt;
  return dy;
}

std::optional<ui::Point> TouchGesture::up(ui::Point at) {
  if (!pressed_) return std::nullopt;
  moved(at);
  pressed_ = false;
  if (swiping_) return std::nullopt;
  return start_;
}

}  // namespace kiosk
