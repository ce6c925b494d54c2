// How citizens used the kiosk today, for the hall (issue 16's status): sessions in audio mode
// (headphones plugged in, or 指读 point-to-read chosen), in large type (zoomed above 100 %) and
// by touch (touched at least once). Each session counts once per mode, the moment the mode is
// first seen in it; one session may count in several. Like DailyCount, the counts start again
// on the first session of a new local day.
#pragma once

#include <chrono>

#include "session/daily_count.hpp"

namespace kiosk {

// What the health report says about citizens (kioskd rewrites the report when it changes).
struct UsageFacts {
  bool citizen_served = false;
  int audio_sessions_today = 0;
  int large_type_sessions_today = 0;
  int touch_sessions_today = 0;
  long repaired_pages_recorded = 0;  // moves when the browser had to repair a page
  bool operator==(const UsageFacts&) const = default;
};

class SessionModes {
 public:
  enum class Mode { Audio, LargeType, Touch };

  // Seen in the session being served: counted unless this session counted it already.
  void seen(Mode mode, std::chrono::system_clock::time_point now);
  // The session ended: the next one counts afresh.
  void session_ended() { seen_ = {}; }
  int today(Mode mode, std::chrono::system_clock::time_point now) const;

 private:
  struct PerMode {
    bool audio = false;
    bool large_type = false;
    bool touch = false;
  };
  static int index(Mode mode) { return static_cast<int>(mode); }
  PerMode seen_;
  DailyCount counts_[3];
};

}  // namespace kiosk
