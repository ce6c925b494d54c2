#include "drivers/sam_protocol.hpp"

#include <algorithm>
#include <array>

namespace drivers::sam {

std::uint8_t checksum(std::span<const std::uint8_t> f) {
  std::uint8_t x = 0;
  for (std::size_t i = 5; i < f.size(); ++i) x ^= f[i];
  return x;
}

std::vector<std::uint8_t> frame(std::span<const std::uint8_t> body) {
  const auto len = static_cast<std::uint16_t>(body.size() + 1);  // body and the XOR byte
  std::vector<std::uint8_t> f(std::begin(kPreamble), std::end(kPreamble));
  f.push_back(static_cast<std::uint8_t>(len >> 8));
  f.push_back(static_cast<std::uint8_t>(len & 0xFF));
  f.insert(f.end(), body.begin(), body.end());
  f.push_back(checksum(f));
  return f;
}

std::vector<std::uint8_t> encode(Command command, std::span<const std::uint8_t> data) {
  std::vector<std::uint8_t> body{command.cmd, command.para};
  body.insert(body.end(), data.begin(), data.end());
  return frame(body);
}

ParseResult parse_reply(std::span<const std::uint8_t> bytes) {
  ParseResult r;
  // Find the preamble; anything before it is line noise.
  const auto start =
      std::search(bytes.begin(), bytes.end(), std::begin(kPreamble), std::end(kPreamble));
  const auto skip = static_cast<std::size_t>(start - bytes.begin());
  if (start == bytes.end()) {
    // Keep up to 4 trailing bytes: they may be the start of a preamble.
    r.consumed = bytes.size() > 4 ? bytes.size() - 4 : 0;
    return r;
  }
  const auto frame = bytes.subspan(skip);
  if (frame.size() < 7) {
    r.consumed = skip;
    return r;
  }
  const std::size_t len = (static_cast<std::size_t>(frame[5]) << 8) | frame[6];
  if (len < 4 || len > 4096) {
    r.status = ParseStatus::Invalid;
    r.consumed = skip + 5;
    r.error = "reply length " + std::to_string(len) + " out of range (4..4096)";
    return r;
  }
  if (frame.size() < 7 + len) {
    r.consumed = skip;
    return r;
  }
  if (checksum(frame.first(7 + len - 1)) != frame[7 + len - 1]) {
    r.status = ParseStatus::Invalid;
    r.consumed = skip + 7 + len;
    r.error = "reply checksum mismatch (line noise or a broken reader)";
    return r;
  }
  Reply reply;
  reply.sw1 = frame[7];
  reply.sw2 = frame[8];
  reply.sw3 = frame[9];
  reply.data.assign(frame.begin() + 10, frame.begin() + static_cast<std::ptrdiff_t>(7 + len - 1));
  r.status = ParseStatus::Complete;
  r.reply = std::move(reply);
  r.consumed = skip + 7 + len;
  return r;
}

StatusText describe_sw3(std::uint8_t sw3) {
  struct Entry {
    std::uint8_t code;
    StatusText text;
  };
  static constexpr std::array<Entry, 18> kTable{{
      {0x90, {"success", CardFault::None}},
      {0x91, {"no content (e.g. no additional address on the card)", CardFault::IdFieldAbsent}},
      {0x9F, {"card found", CardFault::None}},
      {0x10, {"the reader received a frame with a bad checksum", CardFault::SamLinkError}},
      {0x11, {"the reader received a frame with a bad length", CardFault::SamLinkError}},
      {0x21,
       {"command not accepted by the SAM (wrong command or parameters)", CardFault::SamError}},
      {0x23, {"operation not permitted", CardFault::SamError}},
      {0x24, {"unknown error in the SAM", CardFault::SamError}},
      {0x31, {"card failed to authenticate the reader", CardFault::IdCardUnreadable}},
      {0x32, {"reader failed to authenticate the card", CardFault::IdCardUnreadable}},
      {0x33, {"information check failed", CardFault::IdCardCheckFailed}},
      {0x40, {"unknown card type", CardFault::NotAnIdCard}},
      {0x41, {"reading the card failed", CardFault::IdReadFailed}},
      {0x47, {"getting a random number failed", CardFault::IdReadFailed}},
      {0x60,
       {"SAM self-test failed: it accepts no commands; replace or reset the reader",
        CardFault::SamBroken}},
      {0x66,
       {"SAM not authorised for use: check the reader's licence", CardFault::SamNotAuthorised}},
      {0x80, {"no card found on the reader", CardFault::NoIdCard}},
      {0x81, {"selecting the card failed", CardFault::IdCardMoved}},
  }};
  for (const auto& e : kTable) {
    if (e.code == sw3) return e.text;
  }
  return {"unknown SW3 status from the SAM", CardFault::SamError};
}

}  // namespace drivers::sam
