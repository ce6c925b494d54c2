// The ID-card reader's SAM protocol (GA 467): command frames
//   AA AA AA 96 69 | LEN (2, big-endian) | CMD PARA data | XOR
// and replies
//   AA AA AA 96 69 | LEN | SW1 SW2 SW3 | data | XOR
// where LEN counts everything after itself including the XOR byte, and XOR covers LEN to the
// last data byte. Parsing never trusts a length it has not checked.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "drivers/card_fault.hpp"

namespace drivers::sam {

inline constexpr std::uint8_t kPreamble[5] = {0xAA, 0xAA, 0xAA, 0x96, 0x69};

struct Command {
  std::uint8_t cmd;
  std::uint8_t para;
};
inline constexpr Command kResetSam{0x10, 0xFF};
inline constexpr Command kSamStatus{0x11, 0xFF};
inline constexpr Command kSamId{0x12, 0xFF};
inline constexpr Command kFindCard{0x20, 0x01};
inline constexpr Command kSelectCard{0x20, 0x02};
inline constexpr Command kReadTextAndPhoto{0x30, 0x01};
inline constexpr Command kReadAdditionalAddress{0x30, 0x03};

std::vector<std::uint8_t> encode(Command command, std::span<const std::uint8_t> data = {});

// Preamble, LEN, `body`, XOR: the framing both directions share (the emulator replies with it).
std::vector<std::uint8_t> frame(std::span<const std::uint8_t> body);
// XOR of bytes [5, end) of a frame, i.e. LEN up to the byte before the checksum position.
std::uint8_t checksum(std::span<const std::uint8_t> frame_without_xor);

struct Reply {
  std::uint8_t sw1 = 0;
  std::uint8_t sw2 = 0;
  std::uint8_t sw3 = 0;
  std::vector<std::uint8_t> data;
  bool ok() const { return sw3 == 0x90 || sw3 == 0x9F; }
};

enum class ParseStatus { Complete, NeedMore, Invalid };

struct ParseResult {
  ParseStatus status = ParseStatus::NeedMore;
  std::optional<Reply> reply;
  std::size_t consumed = 0;  // bytes of the input used (frame, or garbage skipped)
  std::string error;
};

// Parses one reply from the front of `bytes` (bytes before a preamble are skipped as noise).
ParseResult parse_reply(std::span<const std::uint8_t> bytes);

// What an SW3 status means: words a technician can act on, and the fault it reports
// (CardFault::None for the success codes 90 and 9F).
struct StatusText {
  const char* technician;
  CardFault fault;
};
StatusText describe_sw3(std::uint8_t sw3);

}  // namespace drivers::sam
