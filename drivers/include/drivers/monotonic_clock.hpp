// The monotonic time the protocol bounds (per-command deadlines, time-extension limits) are
// measured with. Production code leaves it empty and gets std::chrono::steady_clock; tests inject
// a clock they advance themselves, so a "60 s" bound is checked without sleeping for 60 s.
#pragma once

#include <chrono>
#include <functional>

namespace drivers {

using MonotonicClock = std::function<std::chrono::steady_clock::time_point()>;

inline std::chrono::steady_clock::time_point now(const MonotonicClock& clock) {
  return clock ? clock() : std::chrono::steady_clock::now();
}

}  // namespace drivers
