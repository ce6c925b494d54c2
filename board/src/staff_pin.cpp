#include "board/staff_pin.hpp"

#include <crypt.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace board {
namespace {

struct FreeDeleter {
  void operator()(void* p) const { std::free(p); }
};

std::string weakness(const std::string& pin) {
  if (pin.size() < 6 || pin.size() > 12) return "a staff PIN has 6 to 12 digits";
  if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return "a staff PIN has digits only (the kiosk keypad has no letters)";
  }
  bool same = true;
  bool up = true;
  bool down = true;
  for (std::size_t i = 1; i < pin.size(); ++i) {
    same = same && pin[i] == pin[0];
    up = up && pin[i] == pin[i - 1] + 1;
    down = down && pin[i] == pin[i - 1] - 1;
  }
  if (same || up || down) return "a staff PIN must not be one repeated digit or a plain run";
  return {};
}

}  // namespace

PinHashResult hash_staff_pin(const std::string& pin) {
  if (std::string why = weakness(pin); !why.empty()) return {{}, why};
  // yescrypt with libxcrypt's default cost; the salt comes from the kernel's random source.
  std::unique_ptr<char, FreeDeleter> setting(crypt_gensalt_ra("$y$", 0, nullptr, 0));
  if (!setting) return {{}, std::string("cannot make a salt: ") + std::strerror(errno)};
  crypt_data data{};
  const char* hashed = crypt_r(pin.c_str(), setting.get(), &data);
  const std::string out = hashed != nullptr ? hashed : "";
  explicit_bzero(&data, sizeof data);
  if (out.empty() || out[0] == '*') return {{}, "crypt(3) refused to hash the PIN"};
  return {out, {}};
}

bool verify_staff_pin(const std::string& pin, const std::string& hash) {
  if (hash.empty() || pin.empty()) return false;
  crypt_data data{};
  const char* hashed = crypt_r(pin.c_str(), hash.c_str(), &data);
  bool ok = hashed != nullptr && hashed[0] != '*' && std::strlen(hashed) == hash.size();
  // Constant-time comparison: a PIN check must not leak how many characters matched.
  unsigned char diff = 0;
  for (std::size_t i = 0; ok && i < hash.size(); ++i) {
    diff |= static_cast<unsigned char>(hashed[i] ^ hash[i]);
  }
  ok = ok && diff == 0;
  explicit_bzero(&data, sizeof data);
  return ok;
}

}  // namespace board
