// The CCID class descriptor (USB CCID 1.1 §5.1, 54 bytes, type 0x21): what the reader does by
// itself (voltage, clock, baud rate, PPS, IFSD) and at which level it exchanges (TPDU, short
// APDU, extended APDU). Found in the interface's extra bytes, or after the endpoints on readers
// that put it there.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace drivers::ccid {

enum class ExchangeLevel { Character, Tpdu, ShortApdu, ExtendedApdu };

// dwFeatures bits.
inline constexpr std::uint32_t kAutoParametersFromAtr = 0x00000002;
inline constexpr std::uint32_t kAutoVoltage = 0x00000008;
inline constexpr std::uint32_t kAutoClock = 0x00000010;
inline constexpr std::uint32_t kAutoBaud = 0x00000020;
inline constexpr std::uint32_t kAutoParameterNegotiation = 0x00000040;
inline constexpr std::uint32_t kAutoPps = 0x00000080;
inline constexpr std::uint32_t kAutoIfsd = 0x00000400;
inline constexpr std::uint32_t kLevelTpdu = 0x00010000;
inline constexpr std::uint32_t kLevelShortApdu = 0x00020000;
inline constexpr std::uint32_t kLevelExtendedApdu = 0x00040000;

struct ClassDescriptor {
  std::uint16_t bcd_ccid = 0x0110;
  std::uint8_t max_slot_index = 0;
  std::uint8_t voltage_support = 0x07;  // 1 = 5 V, 2 = 3 V, 4 = 1.8 V
  std::uint32_t protocols = 0x03;       // bit 0 T=0, bit 1 T=1
  std::uint32_t default_clock_khz = 4000;
  std::uint32_t max_clock_khz = 4000;
  std::uint32_t data_rate = 10752;
  std::uint32_t max_data_rate = 10752;
  std::uint32_t max_ifsd = 254;
  std::uint32_t features = 0;
  std::uint32_t max_message_length = 271;
  std::uint8_t pin_support = 0;
  std::uint8_t max_busy_slots = 1;

  ExchangeLevel level() const;
  bool has(std::uint32_t feature) const { return (features & feature) != 0; }
  // The reader negotiates baud rate / PPS itself, so the driver must not send a PPS.
  bool negotiates_itself() const { return has(kAutoParameterNegotiation) || has(kAutoPps); }
  bool supports_protocol(int t) const { return (protocols >> t) & 1u; }
  std::string summary() const;  // for `kioskctl cards` and logs
};

struct DescriptorSearch {
  std::optional<ClassDescriptor> descriptor;
  std::string error;
};

// `extra` is the concatenation of descriptors libusb did not parse (interface extra, then each
// endpoint's extra): the first descriptor of type 0x21 and length 54 is taken.
DescriptorSearch find_class_descriptor(std::span<const std::uint8_t> extra);
std::vector<std::uint8_t> encode_class_descriptor(const ClassDescriptor& d);  // emulator, tests

}  // namespace drivers::ccid
