// kioskd's side of the fleet agent's hand-over (fleet/agent.hpp): the hall's dashboard
// acknowledged the citizen's call for staff, and the agent wrote RuntimePaths::staff_ack().
// Looked at once a second, never more (a stat); a file seen is removed, so each
// acknowledgement is heard once. kioskd never talks to the network itself.
#pragma once

#include <chrono>
#include <optional>

#include "kiosk/runtime_paths.hpp"

namespace kiosk {

class StaffAckWatch {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr auto kPollEvery = std::chrono::seconds(1);

  // No directory: nothing is ever acknowledged from afar (a developer's run, most tests).
  explicit StaffAckWatch(RuntimePaths paths) : paths_(std::move(paths)) {}

  // True once per hand-over file (then removed).
  bool poll(Clock::time_point now);
  std::optional<Clock::time_point> next_poll() const;

 private:
  RuntimePaths paths_;
  std::optional<Clock::time_point> polled_;
  bool stuck_ = false;  // a file that could not be removed was heard already
};

}  // namespace kiosk
