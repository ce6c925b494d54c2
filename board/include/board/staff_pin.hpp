// The staff PIN is kept only as a salted, slow crypt(3) hash (yescrypt) in the board profile:
// `kioskctl provision` makes it, the staff menu checks a typed PIN against it.
#pragma once

#include <string>

namespace board {

struct PinHashResult {
  std::string hash;   // "$y$..." on success
  std::string error;  // what is wrong with the PIN, or why hashing failed
};

// A staff PIN is 6 to 12 digits, not all the same digit and not a plain run (123456).
PinHashResult hash_staff_pin(const std::string& pin);
bool verify_staff_pin(const std::string& pin, const std::string& hash);

}  // namespace board
