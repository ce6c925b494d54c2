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

std::optional<std::chrono::steady_clock::time_point> SayAll::next_deadline() const {
  if (!active_) return std::nullopt;
  const auto now = std::chrono::steady_clock::now();
  if (const auto until = announcer_.speaker().until_next_say_all_text()) {
    return now + *until + std::chrono::milliseconds(1);
  }
  return now + std::chrono::milliseconds(100);  // not synthesised yet, or the last text
}

}  // namespace kiosk
