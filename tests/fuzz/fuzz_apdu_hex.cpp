// libFuzzer target: any bytes as an APDU typed in hex (`kioskctl cards --apdu`,
// drivers::iso7816::parse_apdu_hex). Never crashes, and does what its header says:
//  - accepted exactly when the text is hex digits with spaces or colons, an even number of
//    digits and 4 bytes or more (judged here independently);
//  - the bytes are the digits read in pairs: printing them again (iso7816::hex) gives the
//    text's digits upper-cased, and the printed forms ("00 A4", "00:A4", "00A4") parse back to
//    the same bytes;
//  - the command's parsed shape never claims more data than the bytes hold.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "drivers/iso7816/apdu.hpp"
#include "drivers/iso7816/atr.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string digits;
  bool clean = true;
  for (char c : text) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
      digits += c >= 'a' ? static_cast<char>(c - 'a' + 'A') : c;
    } else if (c != ' ' && c != ':') {
      clean = false;
    }
  }
  const bool acceptable = clean && digits.size() % 2 == 0 && digits.size() >= 8;
  const auto bytes = drivers::iso7816::parse_apdu_hex(text);
  if (bytes.has_value() != acceptable) std::abort();
  if (!bytes) return 0;
  if (drivers::iso7816::hex(*bytes, '\0') != digits) std::abort();
  for (char sep : {' ', ':', '\0'}) {
    const auto again = drivers::iso7816::parse_apdu_hex(drivers::iso7816::hex(*bytes, sep));
    if (!again || *again != *bytes) std::abort();
  }
  if (const auto shape = drivers::iso7816::parse_command(*bytes)) {
    if (shape->data.size() + 4 > bytes->size()) std::abort();
  }
  return 0;
}
