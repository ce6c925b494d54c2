#include "drivers/iso7816/transmit.hpp"

#include "drivers/iso7816/atr.hpp"

namespace drivers::iso7816 {
namespace {

constexpr int kMaxExchanges = 64;  // a card that answers 61xx forever is broken, not slow

std::uint16_t status_word(const std::vector<std::uint8_t>& r) {
  return static_cast<std::uint16_t>((r[r.size() - 2] << 8) | r[r.size() - 1]);
}

}  // namespace

std::vector<std::uint8_t> to_t0_tpdu(std::span<const std::uint8_t> apdu) {
  const auto shape = parse_command(apdu);
  if (!shape || shape->extended) return {};
  std::vector<std::uint8_t> t{shape->cla, shape->ins, shape->p1, shape->p2};
  switch (shape->iso_case) {
    case 1:
      t.push_back(0x00);
      break;
    case 2:
      t.push_back(static_cast<std::uint8_t>(*shape->le == 256 ? 0 : *shape->le));
      break;
    default:
      t.push_back(static_cast<std::uint8_t>(shape->data.size()));
      t.insert(t.end(), shape->data.begin(), shape->data.end());
      break;
  }
  return t;
}

TransmitResult transmit(CardChannel& channel, const Apdu& apdu, const TraceSink& trace) {
  TransmitResult out;
  std::vector<std::uint8_t> command = apdu.encode();
  std::vector<std::uint8_t> collected;
  auto wipe = [](std::vector<std::uint8_t>& v) {
    secure_wipe(v.data(), v.size());
    v.clear();
  };
  bool le_corrected = false;
  while (out.exchanges < kMaxExchanges) {
    std::vector<std::uint8_t> wire = channel.tpdu_t0() ? to_t0_tpdu(command) : command;
    if (wire.empty()) {
      out.error = "command needs extended lengths, which T=0 cannot carry";
      break;
    }
    if (trace) trace("> " + trace_command(wire));
    ++out.exchanges;
    RawReply reply = channel.exchange(wire);
    wipe(wire);
    if (!reply.error.empty() || reply.card_removed) {
      out.error = reply.error.empty() ? "card removed" : reply.error;
      out.card_removed = reply.card_removed;
      out.fault = reply.fault;
      out.stalled = reply.stalled;
      wipe(reply.bytes);
      break;
    }
    if (reply.bytes.size() < 2) {
      out.error =
          "card reply of " + std::to_string(reply.bytes.size()) + " bytes has no status word";
      out.fault = CardFault::ProtocolError;
      wipe(reply.bytes);
      break;
    }
    const std::uint16_t sw = status_word(reply.bytes);
    if (trace) {
      const std::uint8_t swb[2] = {static_cast<std::uint8_t>(sw >> 8),
                                   static_cast<std::uint8_t>(sw)};
      trace("< [" + std::to_string(reply.bytes.size() - 2) + " bytes] " + hex(swb));
    }
    collected.insert(collected.end(), reply.bytes.begin(), reply.bytes.end() - 2);
    wipe(reply.bytes);
    const std::uint8_t sw1 = static_cast<std::uint8_t>(sw >> 8);
    const std::uint8_t sw2 = static_cast<std::uint8_t>(sw);
    if (sw1 == 0x61) {
      // More data waits: GET RESPONSE for it (same logical channel bits of CLA).
      wipe(command);
      command = {static_cast<std::uint8_t>(apdu.cla & 0x03), 0xC0, 0x00, 0x00, sw2};
      continue;
    }
    if (sw1 == 0x6C && !le_corrected) {
      // Wrong Le: send the same command again with the length the card wants.
      le_corrected = true;
      Apdu again = apdu;
      again.le = sw2 ? sw2 : 256;
      wipe(command);
      command = again.encode();
      collected.clear();
      continue;
    }
    out.response = Response{SecureBytes(collected), sw};
    wipe(collected);
    wipe(command);
    return out;
  }
  if (out.error.empty()) {
    out.error = "card kept asking for more exchanges (" + std::to_string(out.exchanges) + ")";
    out.fault = CardFault::ProtocolError;
  }
  wipe(collected);
  wipe(command);
  return out;
}

}  // namespace drivers::iso7816
