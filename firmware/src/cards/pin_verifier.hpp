// Where a smart card's PIN goes to be checked: kioskd's CardReaders sends VERIFY on its own
// thread (the card I/O never runs on the UI thread); tests put an emulated card behind it.
#pragma once

#include <optional>

#include "drivers/iso7816/apdu.hpp"
#include "drivers/secure_buffer.hpp"
#include "kiosk/result.hpp"

namespace kiosk {

class PinVerifier {
 public:
  virtual ~PinVerifier() = default;
  // Sends VERIFY with `pin` to the inserted smart card, off the caller's thread; the PIN is
  // wiped once sent.
  virtual void verify(drivers::SecureString pin) = 0;
  // The card's answer (its status word, described), or an Error when no card could answer.
  virtual std::optional<Result<drivers::iso7816::SwText>> take_pin_result() = 0;
};

}  // namespace kiosk
