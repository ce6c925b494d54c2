// Run-time synthetic ID numbers for the privacy tests; see synthetic_pii.hpp for why.
#include "synthetic_pii.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>

namespace kiosk_test {

namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64 finaliser
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

std::uint64_t fresh_pii_seed() {
  static std::atomic<std::uint64_t> counter{0};
  const auto now =
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  return mix(now ^ (static_cast<std::uint64_t>(getpid()) << 32) ^ counter.fetch_add(1));
}

char synthetic_id_digit(std::uint64_t seed, std::size_t i) {
  const std::uint64_t x = mix(seed + i);
  const auto digit = i == 0 ? 1 + x % 9 : x % 10;  // no leading zero
  return static_cast<char>('0' + digit);
}

std::string synthetic_id_number(std::uint64_t seed) {
  std::string id;
  id.reserve(kSyntheticIdDigits);
  for (std::size_t i = 0; i < kSyntheticIdDigits; ++i) id.push_back(synthetic_id_digit(seed, i));
  return id;
}

std::u16string synthetic_id_number_utf16(std::uint64_t seed) {
  std::u16string id;
  id.reserve(kSyntheticIdDigits);
  for (std::size_t i = 0; i < kSyntheticIdDigits; ++i)
    id.push_back(static_cast<char16_t>(synthetic_id_digit(seed, i)));
  return id;
}

}  // namespace kiosk_test
