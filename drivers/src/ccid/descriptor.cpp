#include "drivers/ccid/descriptor.hpp"

#include <cstdio>

namespace drivers::ccid {
namespace {

std::uint32_t u32(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | (static_cast<std::uint32_t>(b[at + 1]) << 8) |
         (static_cast<std::uint32_t>(b[at + 2]) << 16) |
         (static_cast<std::uint32_t>(b[at + 3]) << 24);
}

void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

constexpr std::uint8_t kCcidDescriptorType = 0x21;
constexpr std::size_t kCcidDescriptorLength = 54;

}  // namespace

ExchangeLevel ClassDescriptor::level() const {
  if (has(kLevelExtendedApdu)) return ExchangeLevel::ExtendedApdu;
  if (has(kLevelShortApdu)) return ExchangeLevel::ShortApdu;
  if (has(kLevelTpdu)) return ExchangeLevel::Tpdu;
  return ExchangeLevel::Character;
}

std::string ClassDescriptor::summary() const {
  const char* lvl = "character";
  switch (level()) {
    case ExchangeLevel::Tpdu:
      lvl = "TPDU";
      break;
    case ExchangeLevel::ShortApdu:
      lvl = "short APDU";
      break;
    case ExchangeLevel::ExtendedApdu:
      lvl = "extended APDU";
      break;
    case ExchangeLevel::Character:
      break;
  }
  char buf[160];
  std::snprintf(
      buf, sizeof buf, "CCID %x.%02x, %d slot(s), %s%s, %s level, features 0x%08X, max message %u",
      bcd_ccid >> 8, bcd_ccid & 0xFF, max_slot_index + 1, supports_protocol(0) ? "T=0 " : "",
      supports_protocol(1) ? "T=1" : "", lvl, features, max_message_length);
  return buf;
}

DescriptorSearch find_class_descriptor(std::span<const std::uint8_t> extra) {
  DescriptorSearch out;
  std::size_t pos = 0;
  while (pos + 2 <= extra.size()) {
    const std::size_t len = extra[pos];
    if (len < 2) {
      out.error = "descriptor of length " + std::to_string(len) + " at byte " +
                  std::to_string(pos) + " of the interface's extra descriptors";
      return out;
    }
    if (pos + len > extra.size()) break;
    if (extra[pos + 1] == kCcidDescriptorType) {
      if (len != kCcidDescriptorLength) {
        out.error = "CCID class descriptor is " + std::to_string(len) + " bytes, expected 54";
        return out;
      }
      const auto b = extra.subspan(pos, len);
      ClassDescriptor d;
      d.bcd_ccid = static_cast<std::uint16_t>(b[2] | (b[3] << 8));
      d.max_slot_index = b[4];
      d.voltage_support = b[5];
      d.protocols = u32(b, 6);
      d.default_clock_khz = u32(b, 10);
      d.max_clock_khz = u32(b, 14);
      d.data_rate = u32(b, 19);
      d.max_data_rate = u32(b, 23);
      d.max_ifsd = u32(b, 28);
      d.features = u32(b, 40);
      d.max_message_length = u32(b, 44);
      d.pin_support = b[52];
      d.max_busy_slots = b[53];
      if (d.max_message_length < 10 + 1) {
        out.error = "CCID dwMaxCCIDMessageLength " + std::to_string(d.max_message_length) +
                    " cannot carry a message";
        return out;
      }
      out.descriptor = d;
      return out;
    }
    pos += len;
  }
  out.error = "no CCID class descriptor (type 0x21, 54 bytes) among the interface's descriptors";
  return out;
}

std::vector<std::uint8_t> encode_class_descriptor(const ClassDescriptor& d) {
  std::vector<std::uint8_t> out{static_cast<std::uint8_t>(kCcidDescriptorLength),
                                kCcidDescriptorType,
                                static_cast<std::uint8_t>(d.bcd_ccid),
                                static_cast<std::uint8_t>(d.bcd_ccid >> 8),
                                d.max_slot_index,
                                d.voltage_support};
  put32(out, d.protocols);
  put32(out, d.default_clock_khz);
  put32(out, d.max_clock_khz);
  out.push_back(0);  // bNumClockSupported
  put32(out, d.data_rate);
  put32(out, d.max_data_rate);
  out.push_back(0);  // bNumDataRatesSupported
  put32(out, d.max_ifsd);
  put32(out, 0);  // dwSynchProtocols
  put32(out, 0);  // dwMechanical
  put32(out, d.features);
  put32(out, d.max_message_length);
  out.push_back(0xFF);  // bClassGetResponse: echo
  out.push_back(0xFF);  // bClassEnvelope
  out.push_back(0);     // wLcdLayout
  out.push_back(0);
  out.push_back(d.pin_support);
  out.push_back(d.max_busy_slots);
  return out;
}

}  // namespace drivers::ccid
