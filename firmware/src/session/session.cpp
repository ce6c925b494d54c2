#include "session.hpp"

#include <algorithm>

namespace kiosk {

Session::Session(const board::SessionProfile& profile)
    : warning_(std::chrono::seconds(profile.idle_warning_s)),
      // At least 20 s between the warning and the end, to hear it and press a key.
      end_(std::max(std::chrono::seconds(profile.idle_end_s),
                    std::chrono::seconds(profile.idle_warning_s + 20))) {}

Session::Event Session::activity(Clock::time_point now) {
  last_activity_ = now;
  switch (state_) {
    case State::Welcome:
      state_ = State::Active;
      extensions_ = 0;
      today_.add(std::chrono::system_clock::now());
      return Event::Started;
    case State::IdleWarning:
      state_ = State::Active;
      ++extensions_;
      return Event::Extended;
    case State::Active:
    case State::Staff:
      return Event::None;
  }
  return Event::None;
}

Session::Event Session::tick(Clock::time_point now) {
  if (state_ == State::Welcome || state_ == State::Staff) return Event::None;
  const auto idle = now - last_activity_;
  if (idle >= end_) return end();
  if (state_ == State::Active && idle >= warning_) {
    if (extensions_ >= kMaxExtensions) return end();
    state_ = State::IdleWarning;
    return Event::Warned;
  }
  return Event::None;
}

Session::Event Session::end() {
  if (state_ == State::Welcome) return Event::None;
  state_ = State::Welcome;
  extensions_ = 0;
  return Event::Ended;
}

bool Session::take_over() {
  if (state_ == State::Welcome) return false;
  state_ = State::Staff;
  return true;
}

void Session::hand_back(Clock::time_point now) {
  if (state_ != State::Staff) return;
  state_ = State::Active;
  last_activity_ = now;
}

void Session::resume(Clock::time_point now) {
  if (serving()) {
    state_ = State::Active;
    last_activity_ = now;
  }
}

int Session::seconds_left(Clock::time_point now) const {
  const auto left = end_ - (now - last_activity_);
  return static_cast<int>(std::max<long>(
      0, std::chrono::duration_cast<std::chrono::seconds>(left + std::chrono::milliseconds(999))
             .count()));
}

std::optional<Session::Clock::time_point> Session::next_deadline() const {
  switch (state_) {
    case State::Active:
      return last_activity_ + warning_;
    case State::IdleWarning:
      // Once a second, for the countdown on screen.
      return std::min(last_activity_ + end_, Clock::now() + std::chrono::seconds(1));
    case State::Welcome:
    case State::Staff:
      return std::nullopt;
  }
  return std::nullopt;
}

const char* to_string(Session::State state) {
  switch (state) {
    case Session::State::Welcome:
      return "welcome";
    case Session::State::Active:
      return "active";
    case Session::State::IdleWarning:
      return "idle-warning";
    case Session::State::Staff:
      return "staff";
  }
  return "?";
}

}  // namespace kiosk
