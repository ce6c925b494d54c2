// The citizen session as a state machine. Welcome: nobody is using the kiosk (no timers run,
// so nothing is ever said to an empty hall). Active: a key, a touch or a card started it.
// IdleWarning: no activity for the profile's warning time — seen (a countdown) and heard; any
// activity extends it (up to kMaxExtensions times). Ending: the end time passed, or the
// citizen chose 结束: everything personal is wiped and the kiosk goes back to Welcome.
// Staff: a member of staff has taken the citizen's session over (接管): no timers run, nothing
// is wiped; handing it back (交还) makes it Active again with a fresh idle clock.
#pragma once

#include <chrono>
#include <optional>

#include "board/profile.hpp"
#include "daily_count.hpp"

namespace kiosk {

class Session {
 public:
  using Clock = std::chrono::steady_clock;
  enum class State { Welcome, Active, IdleWarning, Staff };
  enum class Event { None, Started, Warned, Extended, Ended };
  static constexpr int kMaxExtensions = 10;

  explicit Session(const board::SessionProfile& profile);

  // A key, a touch, a card placed: the citizen is here.
  Event activity(Clock::time_point now);
  // Called every loop turn: the warning and the end arrive here.
  Event tick(Clock::time_point now);
  // 结束, staff, or the last extension used up.
  Event end();
  // Staff take the running session over (false: there is none) and hand it back.
  bool take_over();
  void hand_back(Clock::time_point now);
  // The staff menu was open over the session (its timers held): the idle clock starts again
  // from `now`, without counting an extension and without starting a session.
  void resume(Clock::time_point now);

  State state() const { return state_; }
  // A citizen is being served (the session runs, warned of idleness or not).
  bool serving() const { return state_ == State::Active || state_ == State::IdleWarning; }
  // Seconds until the session ends (for the countdown on screen).
  int seconds_left(Clock::time_point now) const;
  // When tick() next has something to do, if anything.
  std::optional<Clock::time_point> next_deadline() const;
  std::chrono::seconds warning_after() const { return warning_; }
  std::chrono::seconds end_after() const { return end_; }
  // Sessions started since local midnight (the staff menu, the health report).
  int sessions_today() const { return today_.today(std::chrono::system_clock::now()); }

 private:
  std::chrono::seconds warning_;
  std::chrono::seconds end_;
  State state_ = State::Welcome;
  Clock::time_point last_activity_{};
  int extensions_ = 0;
  DailyCount today_;
};

const char* to_string(Session::State state);

}  // namespace kiosk
