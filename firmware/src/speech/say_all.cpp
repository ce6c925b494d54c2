#include "say_all.hpp"

namespace kiosk {

void SayAll::start() {
  announcer_.say_all(view_);
  active_ = true;
}

Outcome SayAll::follow() {
  if (!active_) return Outcome::Unchanged;
  const Speaker& speaker = announcer_.speaker();
  const auto at = speaker.say_all_position();
  if (!at) {
    if (!speaker.speaking()) active_ = false;
    return Outcome::Unchanged;
  }
  if (*at >= view_.document().blocks.size() || view_.focus().block == *at) {
    return Outcome::Unchanged;
  }
  view_.set_focus({*at, -1});
  return Outcome::Redraw;
}

}  // namespace kiosk
