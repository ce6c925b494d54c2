// The headphone jack as an input device: the board's [audio] headphone_jack evdev node reports
// SW_HEADPHONE_INSERT, read here with libevdev without blocking (the main loop polls it every
// turn, and its fd can wake the loop). A plug going in starts audio mode (EZ Access): speech
// goes to the headphones and the kiosk says how to use the keys.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "kiosk/result.hpp"

struct libevdev;

namespace kiosk {

// What a switch event means for the jack: the new state, or nothing for other events.
std::optional<bool> jack_state_from_event(unsigned type, unsigned code, int value);

class HeadphoneJack {
 public:
  // Fails with a reason a technician can act on (no such node, not a jack switch, no access).
  static Result<std::unique_ptr<HeadphoneJack>> open(const std::string& path);
  ~HeadphoneJack();
  HeadphoneJack(const HeadphoneJack&) = delete;
  HeadphoneJack& operator=(const HeadphoneJack&) = delete;

  bool inserted() const { return inserted_; }
  // Reads what arrived; the new state when it changed.
  std::optional<bool> poll();
  int fd() const { return fd_; }

 private:
  HeadphoneJack() = default;
  int fd_ = -1;
  libevdev* dev_ = nullptr;
  bool inserted_ = false;
};

}  // namespace kiosk
