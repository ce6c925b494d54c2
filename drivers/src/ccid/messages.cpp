#include "drivers/ccid/messages.hpp"

#include <algorithm>
#include <cstdio>

namespace drivers::ccid {
namespace {
std::string hex8(std::uint8_t v) {
  char b[8];
  std::snprintf(b, sizeof b, "0x%02X", v);
  return b;
}
}  // namespace

std::vector<std::uint8_t> encode(std::uint8_t type, std::uint8_t slot, std::uint8_t seq,
                                 std::array<std::uint8_t, 3> specific,
                                 std::span<const std::uint8_t> data) {
  const auto n = static_cast<std::uint32_t>(data.size());
  std::vector<std::uint8_t> m(kHeaderSize + data.size());
  const std::uint8_t header[kHeaderSize] = {type,
                                            static_cast<std::uint8_t>(n),
                                            static_cast<std::uint8_t>(n >> 8),
                                            static_cast<std::uint8_t>(n >> 16),
                                            static_cast<std::uint8_t>(n >> 24),
                                            slot,
                                            seq,
                                            specific[0],
                                            specific[1],
                                            specific[2]};
  std::copy(std::begin(header), std::end(header), m.begin());
  std::copy(data.begin(), data.end(), m.begin() + kHeaderSize);
  return m;
}

IccStatus Reply::icc() const {
  switch (status & 0x03) {
    case 0:
      return IccStatus::PresentActive;
    case 1:
      return IccStatus::PresentInactive;
    case 2:
      return IccStatus::Absent;
    default:
      return IccStatus::Unknown;
  }
}

CommandStatus Reply::command() const {
  switch ((status >> 6) & 0x03) {
    case 0:
      return CommandStatus::Ok;
    case 1:
      return CommandStatus::Failed;
    case 2:
      return CommandStatus::TimeExtension;
    default:
      return CommandStatus::Unknown;
  }
}

ParsedReply parse_reply(std::span<const std::uint8_t> bytes, std::size_t max_length) {
  ParsedReply out;
  if (bytes.size() < kHeaderSize) return out;
  const std::uint8_t type = bytes[0];
  if (type != kDataBlock && type != kSlotStatus && type != kParameters && type != 0x83 &&
      type != 0x84) {
    out.status = ParseStatus::Invalid;
    out.error = "bulk-IN message type " + hex8(type) + " is not a CCID reply";
    return out;
  }
  const std::uint64_t len =
      static_cast<std::uint64_t>(bytes[1]) | (static_cast<std::uint64_t>(bytes[2]) << 8) |
      (static_cast<std::uint64_t>(bytes[3]) << 16) | (static_cast<std::uint64_t>(bytes[4]) << 24);
  if (len + kHeaderSize > max_length) {
    out.status = ParseStatus::Invalid;
    out.error = "CCID reply announces " + std::to_string(len) +
                " data bytes, more than dwMaxCCIDMessageLength " + std::to_string(max_length) +
                " allows";
    return out;
  }
  if (bytes.size() < kHeaderSize + len) return out;
  Reply r;
  r.type = type;
  r.slot = bytes[5];
  r.seq = bytes[6];
  r.status = bytes[7];
  r.error = bytes[8];
  r.specific = bytes[9];
  std::size_t take = static_cast<std::size_t>(len);
  if (type == kParameters && len == 0 && bytes.size() > kHeaderSize) {
    take = std::min<std::size_t>(bytes.size() - kHeaderSize, 7);  // QEMU quirk, see header
  }
  r.data.assign(bytes.begin() + kHeaderSize,
                bytes.begin() + static_cast<std::ptrdiff_t>(kHeaderSize + take));
  out.status = ParseStatus::Complete;
  out.reply = std::move(r);
  return out;
}

std::string describe_error(std::uint8_t type, std::uint8_t error) {
  switch (error) {
    case 0xFF:
      return "command aborted";
    case 0xFE:
      return "card mute: no answer (timeout) - wrong voltage, card upside down or dead";
    case 0xFD:
      return "parity error while talking to the card";
    case 0xFC:
      return "overrun: the card sent more than expected";
    case 0xFB:
      return "reader hardware error (short circuit on the card contacts?)";
    case 0xF8:
      return "bad ATR TS byte";
    case 0xF7:
      return "bad ATR TCK";
    case 0xF6:
      return "card protocol not supported by the reader";
    case 0xF5:
      return "card class (voltage) not supported";
    case 0xF4:
      return "procedure byte conflict (T=0)";
    case 0xF3:
      return "deactivated protocol";
    case 0xF2:
      return "reader busy with an automatic sequence";
    case 0xF0:
      return "PIN entry timed out";
    case 0xEF:
      return "PIN entry cancelled";
    case 0xE0:
      return "slot busy with another command";
    case 0x00:
      return "command not supported by the reader";
    default:
      break;
  }
  if (error >= 1 && error <= 127) {
    return "reader refused parameter at offset " + std::to_string(error) + " of message " +
           hex8(type);
  }
  return "reader error " + hex8(error);
}

std::optional<std::vector<SlotChange>> parse_slot_change(std::span<const std::uint8_t> bytes,
                                                         int slots) {
  if (bytes.empty() || bytes[0] != kNotifySlotChange) return std::nullopt;
  const std::size_t need = 1 + static_cast<std::size_t>((slots * 2 + 7) / 8);
  if (bytes.size() < need) return std::nullopt;
  std::vector<SlotChange> out;
  for (int s = 0; s < slots; ++s) {
    const std::uint8_t bits = static_cast<std::uint8_t>((bytes[1 + s / 4] >> ((s % 4) * 2)) & 0x03);
    out.push_back(SlotChange{s, (bits & 1) != 0, (bits & 2) != 0});
  }
  return out;
}

}  // namespace drivers::ccid
