// The door to staff mode: the PIN a member of staff types is checked against the profile's
// crypt(3) hash (never stored in clear); five wrong PINs in a row lock the door for five
// minutes, so a passer-by cannot guess it. The staff menu itself (device health, end the
// session, self-test, call-staff alerts) comes with the citizen-kiosk work.
#pragma once

#include <chrono>
#include <string>

#include "drivers/secure_buffer.hpp"

namespace kiosk {

class StaffGate {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int kTries = 5;
  static constexpr auto kLockout = std::chrono::minutes(5);

  explicit StaffGate(std::string pin_hash) : pin_hash_(std::move(pin_hash)) {}

  enum class Verdict { Open, Wrong, Locked, NotProvisioned };
  struct Attempt {
    Verdict verdict = Verdict::Wrong;
    int tries_left = 0;                 // after a wrong PIN
    std::chrono::seconds locked_for{};  // while locked
  };
  // The PIN is wiped by the caller's SecureString; nothing here keeps it.
  Attempt try_pin(const drivers::SecureString& pin, Clock::time_point now);

 private:
  std::string pin_hash_;
  int wrong_ = 0;
  Clock::time_point locked_until_{};
};

}  // namespace kiosk
