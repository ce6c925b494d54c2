#include "staff_gate.hpp"

#include <string.h>

#include "board/staff_pin.hpp"

namespace kiosk {

StaffGate::Attempt StaffGate::try_pin(const drivers::SecureString& pin, Clock::time_point now) {
  if (pin_hash_.empty()) return {Verdict::NotProvisioned, 0, {}};
  if (now < locked_until_) {
    return {Verdict::Locked, 0, std::chrono::ceil<std::chrono::seconds>(locked_until_ - now)};
  }
  // crypt(3) wants a C string: the copy (on the stack for a short PIN) is wiped at once.
  std::string clear(pin.reveal());
  const bool right = board::verify_staff_pin(clear, pin_hash_);
  explicit_bzero(clear.data(), clear.size());
  if (right) {
    wrong_ = 0;
    return {Verdict::Open, kTries, {}};
  }
  if (++wrong_ >= kTries) {
    wrong_ = 0;
    locked_until_ = now + kLockout;
    return {Verdict::Locked, 0, std::chrono::duration_cast<std::chrono::seconds>(kLockout)};
  }
  return {Verdict::Wrong, kTries - wrong_, {}};
}

}  // namespace kiosk
