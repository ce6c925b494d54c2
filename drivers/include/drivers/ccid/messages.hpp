// CCID bulk messages (USB CCID 1.1 §6): the 10-byte header, the PC_to_RDR commands the driver
// sends, the RDR_to_PC replies it accepts, bStatus/bError in words, and NotifySlotChange from
// the interrupt endpoint. Parsing checks every length it is given.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace drivers::ccid {

inline constexpr std::size_t kHeaderSize = 10;

enum MessageType : std::uint8_t {
  kSetParameters = 0x61,
  kIccPowerOn = 0x62,
  kIccPowerOff = 0x63,
  kGetSlotStatus = 0x65,
  kGetParameters = 0x6C,
  kXfrBlock = 0x6F,
  kDataBlock = 0x80,
  kSlotStatus = 0x81,
  kParameters = 0x82,
  kNotifySlotChange = 0x50,
  kHardwareError = 0x51,
};

enum class Voltage : std::uint8_t { Automatic = 0, V5 = 1, V3 = 2, V1_8 = 3 };

enum class IccStatus { PresentActive, PresentInactive, Absent, Unknown };
enum class CommandStatus { Ok, Failed, TimeExtension, Unknown };

std::vector<std::uint8_t> encode(std::uint8_t type, std::uint8_t slot, std::uint8_t seq,
                                 std::array<std::uint8_t, 3> specific,
                                 std::span<const std::uint8_t> data = {});

struct Reply {
  std::uint8_t type = 0;
  std::uint8_t slot = 0;
  std::uint8_t seq = 0;
  std::uint8_t status = 0;    // bStatus
  std::uint8_t error = 0;     // bError
  std::uint8_t specific = 0;  // bChainParameter / bClockStatus / bProtocolNum
  std::vector<std::uint8_t> data;

  IccStatus icc() const;
  CommandStatus command() const;
};

enum class ParseStatus { Complete, NeedMore, Invalid };
struct ParsedReply {
  ParseStatus status = ParseStatus::NeedMore;
  std::optional<Reply> reply;
  std::string error;
};
// One reply from one bulk-IN transfer sequence. `max_length` is dwMaxCCIDMessageLength.
// Bytes past dwLength inside the transfer are kept as data for Parameters replies (QEMU's
// usb-ccid sends 7 parameter bytes with dwLength 0) and ignored otherwise.
ParsedReply parse_reply(std::span<const std::uint8_t> bytes, std::size_t max_length);

// What bError means (CCID §6.2.6), for the technician.
std::string describe_error(std::uint8_t type, std::uint8_t error);

struct SlotChange {
  int slot = 0;
  bool present = false;
  bool changed = false;
};
// NotifySlotChange: 0x50 followed by 2 bits per slot (bit 0 present, bit 1 changed).
std::optional<std::vector<SlotChange>> parse_slot_change(std::span<const std::uint8_t> bytes,
                                                         int slots);

}  // namespace drivers::ccid
