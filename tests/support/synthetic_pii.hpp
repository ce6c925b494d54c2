// Made-up personal data for privacy tests, built digit by digit at run time: a literal would
// sit in .rodata (and in the test's own scans), and a fixed value could match leftovers of an
// earlier test. Never real data: the numbers follow no national ID checksum.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace kiosk_test {

inline constexpr std::size_t kSyntheticIdDigits = 18;

// A seed that differs between calls and between runs.
std::uint64_t fresh_pii_seed();

// The 18-digit number for `seed` (same seed, same digits), in one heap block sized up front so
// no partial copy is left behind by growth.
std::string synthetic_id_number(std::uint64_t seed);
std::u16string synthetic_id_number_utf16(std::uint64_t seed);

// The i-th digit (0-based) of synthetic_id_number(seed), for callers that fill their own buffer.
char synthetic_id_digit(std::uint64_t seed, std::size_t i);

}  // namespace kiosk_test
