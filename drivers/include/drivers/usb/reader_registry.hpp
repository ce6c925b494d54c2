// Which USB devices the kiosk treats as readers: a VID:PID allowlist (from the board profile),
// each entry naming the reader kind and, for SAM modules behind a USB-serial bridge, the chip.
// Nothing outside the allowlist is opened.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/usb/serial_bridge.hpp"

namespace drivers::usb {

enum class ReaderKind { Ccid, SamVendorBulk, SamSerial };

struct AllowedReader {
  std::uint16_t vid = 0;
  std::uint16_t pid = 0;
  ReaderKind kind = ReaderKind::Ccid;
  BridgeChip chip = BridgeChip::Ftdi;  // SamSerial only
  std::string label() const;           // "0403:6001 sam-ftdi"
};

// "08e6:4433 ccid", "0400:c35a sam-bulk", "0403:6001 sam-ftdi", "1a86:7523 sam-ch340",
// "067b:2303 sam-pl2303", "10c4:ea60 sam-cp210x", "xxxx:yyyy sam-acm".
struct AllowParse {
  std::optional<AllowedReader> reader;
  std::string error;
};
AllowParse parse_allow_entry(std::string_view entry);

// The readers named in the product documentation: QEMU's CCID reader (GemPC433 ids), the
// vendor-bulk SAM module and SAM modules behind the four common bridges.
std::vector<AllowedReader> default_allowlist();

std::optional<AllowedReader> match(const std::vector<AllowedReader>& allow, std::uint16_t vid,
                                   std::uint16_t pid);

}  // namespace drivers::usb
