// Sessions started today (for the staff menu and the health report): counted at each session
// start, starting again from one on the first session of a new local day.
#pragma once

#include <chrono>

namespace kiosk {

class DailyCount {
 public:
  // `now` decides the local calendar day.
  void add(std::chrono::system_clock::time_point now);
  int today(std::chrono::system_clock::time_point now) const;

 private:
  long day_ = -1;
  int count_ = 0;
};

}  // namespace kiosk
