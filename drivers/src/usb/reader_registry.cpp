#include "drivers/usb/reader_registry.hpp"

#include <charconv>
#include <cstdio>

namespace drivers::usb {
namespace {

struct KindName {
  std::string_view name;
  ReaderKind kind;
  BridgeChip chip;
};
constexpr KindName kKinds[] = {
    {"ccid", ReaderKind::Ccid, BridgeChip::Ftdi},
    {"sam-bulk", ReaderKind::SamVendorBulk, BridgeChip::Ftdi},
    {"sam-ftdi", ReaderKind::SamSerial, BridgeChip::Ftdi},
    {"sam-ch340", ReaderKind::SamSerial, BridgeChip::Ch340},
    {"sam-pl2303", ReaderKind::SamSerial, BridgeChip::Pl2303},
    {"sam-cp210x", ReaderKind::SamSerial, BridgeChip::Cp210x},
    {"sam-acm", ReaderKind::SamSerial, BridgeChip::CdcAcm},
};

std::optional<std::uint16_t> hex16(std::string_view s) {
  if (s.size() != 4) return std::nullopt;
  std::uint16_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::string AllowedReader::label() const {
  char id[16];
  std::snprintf(id, sizeof id, "%04x:%04x", vid, pid);
  for (const auto& k : kKinds) {
    if (k.kind == kind && (kind != ReaderKind::SamSerial || k.chip == chip)) {
      return std::string(id) + " " + std::string(k.name);
    }
  }
  return id;
}

AllowParse parse_allow_entry(std::string_view entry) {
  AllowParse out;
  const auto space = entry.find(' ');
  const auto colon = entry.find(':');
  if (space == std::string_view::npos || colon == std::string_view::npos || colon > space) {
    out.error = "expected \"VID:PID kind\" (for example \"0403:6001 sam-ftdi\"), got \"" +
                std::string(entry) + "\"";
    return out;
  }
  const auto vid = hex16(entry.substr(0, colon));
  const auto pid = hex16(entry.substr(colon + 1, space - colon - 1));
  if (!vid || !pid) {
    out.error = "VID:PID must be two 4-digit hex numbers in \"" + std::string(entry) + "\"";
    return out;
  }
  const auto kind = entry.substr(space + 1);
  for (const auto& k : kKinds) {
    if (k.name == kind) {
      out.reader = AllowedReader{*vid, *pid, k.kind, k.chip};
      return out;
    }
  }
  out.error = "unknown reader kind \"" + std::string(kind) +
              "\" (ccid, sam-bulk, sam-ftdi, sam-ch340, sam-pl2303, sam-cp210x, sam-acm)";
  return out;
}

std::vector<AllowedReader> default_allowlist() {
  return {
      {0x08e6, 0x4433, ReaderKind::Ccid, BridgeChip::Ftdi},
      {0x0400, 0xc35a, ReaderKind::SamVendorBulk, BridgeChip::Ftdi},
      {0x0403, 0x6001, ReaderKind::SamSerial, BridgeChip::Ftdi},
      {0x1a86, 0x7523, ReaderKind::SamSerial, BridgeChip::Ch340},
      {0x067b, 0x2303, ReaderKind::SamSerial, BridgeChip::Pl2303},
      {0x10c4, 0xea60, ReaderKind::SamSerial, BridgeChip::Cp210x},
  };
}

std::optional<AllowedReader> match(const std::vector<AllowedReader>& allow, std::uint16_t vid,
                                   std::uint16_t pid) {
  for (const auto& a : allow) {
    if (a.vid == vid && a.pid == pid) return a;
  }
  return std::nullopt;
}

}  // namespace drivers::usb
