// Sends one command APDU over any CardChannel and returns the complete response: maps commands
// to T=0 TPDUs where needed and handles GET RESPONSE (61xx) and wrong-length (6Cxx) in one
// place for every protocol. Traces show commands through trace_command (PINs redacted) and
// responses as length + status word only (response data may be personal).
#pragma once

#include <functional>
#include <string_view>

#include "drivers/iso7816/apdu.hpp"
#include "drivers/iso7816/card_channel.hpp"

namespace drivers::iso7816 {

using TraceSink = std::function<void(std::string_view line)>;

struct TransmitResult {
  std::optional<Response> response;
  std::string error;  // technician-readable
  bool card_removed = false;
  CardFault fault = CardFault::None;  // set when the card or reader failed (see RawReply)
  bool stalled = false;               // abandoned at a liveness bound (see RawReply)
  int exchanges = 0;  // raw exchanges it took (GET RESPONSE and 6Cxx retries included)
};

TransmitResult transmit(CardChannel& channel, const Apdu& apdu, const TraceSink& trace = {});

// T=0 TPDU for a command APDU (case 1 gets P3 = 00, case 4 loses its Le); empty when the
// command cannot be sent at T=0 without ENVELOPE (extended lengths).
std::vector<std::uint8_t> to_t0_tpdu(std::span<const std::uint8_t> apdu);

}  // namespace drivers::iso7816
