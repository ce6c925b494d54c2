// 连读 (say-all): read on from the focus to the end of the page, the highlight and the scroll
// following the voice, until any key. The Speaker reports which item it is saying; this moves
// the view's focus there.
#pragma once

#include <chrono>
#include <optional>

#include "announcer.hpp"
#include "input/region.hpp"
#include "ui/reading_view.hpp"

namespace kiosk {

class SayAll {
 public:
  SayAll(ui::ReadingView& view, Announcer& announcer) : view_(view), announcer_(announcer) {}
  void start();
  void stop() { active_ = false; }
  bool active() const { return active_; }
  // The focus follows the item being heard; ends when the speaker falls silent.
  Outcome follow();
  // When follow() next has something to do: when the next text starts being heard, as the
  // speech already synthesised tells; soon when that is not known yet.
  std::optional<std::chrono::steady_clock::time_point> next_deadline() const;

 private:
  ui::ReadingView& view_;
  Announcer& announcer_;
  bool active_ = false;
};

}  // namespace kiosk
