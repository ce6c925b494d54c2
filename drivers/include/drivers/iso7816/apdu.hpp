// ISO/IEC 7816-4 command and response APDUs: encoding (short and extended), the commands the
// kiosk uses, status-word meanings and the one trace formatter every log goes through, which
// never shows a PIN (VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER are redacted).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/secure_buffer.hpp"

namespace drivers::iso7816 {

struct Apdu {
  std::uint8_t cla = 0x00;
  std::uint8_t ins = 0;
  std::uint8_t p1 = 0;
  std::uint8_t p2 = 0;
  std::vector<std::uint8_t> data;
  std::optional<std::size_t> le;  // 256 (short) / 65536 (extended) = "all available"
  bool extended = false;          // chosen automatically when Lc > 255 or Le > 256

  // Encoding wipes nothing: callers that carry a PIN use SecureBytes around it.
  std::vector<std::uint8_t> encode() const;
  bool needs_extended() const { return extended || data.size() > 255 || le.value_or(0) > 256; }
};

// The parsed shape of an encoded command (for T=0 mapping and for the emulator).
struct CommandShape {
  std::uint8_t cla = 0, ins = 0, p1 = 0, p2 = 0;
  std::span<const std::uint8_t> data;
  std::optional<std::size_t> le;
  int iso_case = 1;  // 1..4
  bool extended = false;
};
std::optional<CommandShape> parse_command(std::span<const std::uint8_t> apdu);

// A command APDU as a technician types it (`kioskctl cards --apdu "00 A4 04 00 07 …"`): two hex
// digits a byte, either case, with spaces or colons anywhere between digits ignored ("00A4",
// "00 a4", "00:A4"); nullopt for any other character, an odd number of digits or fewer than
// 4 bytes (no command is shorter).
std::optional<std::vector<std::uint8_t>> parse_apdu_hex(std::string_view text);

Apdu select_by_aid(std::span<const std::uint8_t> aid);
Apdu select_file(std::uint16_t fid);
Apdu read_binary(std::uint16_t offset, std::size_t le);
Apdu read_record(std::uint8_t record, std::uint8_t sfi, std::size_t le);
Apdu get_data(std::uint16_t tag, std::size_t le);
// The PIN is copied into the APDU; the caller wipes the encoded bytes after sending.
Apdu verify_pin(std::uint8_t reference, const SecureString& pin);

struct Response {
  SecureBytes data;  // may be personal data: wiped with the response
  std::uint16_t sw = 0;
  bool ok() const { return sw == 0x9000; }
};

// What a status word means to the application, as a code (drivers speak no human language;
// the firmware words it for the citizen).
enum class SwReason {
  Done,                        // 9000, 61xx, 6282
  Wait,                        // 6Cxx: the channel repeats the command with the right Le
  PinWrong,                    // 63Cx, x > 0: `tries_left` says how many
  PinWrongCardLocked,          // 63C0
  PinRequired,                 // 6982
  PinBlocked,                  // 6983
  PinUnusable,                 // 6984
  DataCorrupted,               // 6281
  CardDeactivated,             // 6283
  CardFailure,                 // 6581, 6F00
  CommandError,                // 6700, 6986, 6A86, 6B00, 64xx
  SecureMessagingUnsupported,  // 6882
  NotAllowedNow,               // 6985, other 69xx
  ServiceUnsupported,          // 6A81, 6D00, 6E00
  ApplicationNotFound,         // 6A82
  RecordNotFound,              // 6A83
  DataNotFound,                // 6A88
  Unknown,                     // anything else
};

struct SwText {
  std::string technician;
  SwReason reason = SwReason::Unknown;
  int tries_left = -1;  // PinWrong / PinWrongCardLocked only
};
SwText describe_sw(std::uint16_t sw);

// True for VERIFY (20), CHANGE REFERENCE DATA (24) and RESET RETRY COUNTER (2C).
bool carries_pin(std::span<const std::uint8_t> apdu);
// "00 A4 04 00 07 A0 00 ..." or, for PIN-bearing commands, "00 20 00 01 [PIN redacted, 6 bytes]".
std::string trace_command(std::span<const std::uint8_t> apdu);

}  // namespace drivers::iso7816
