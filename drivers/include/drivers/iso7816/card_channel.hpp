// One exchange with a card, whatever carries it: a T=0 TPDU, a T=1 APDU (through the block
// protocol) or an APDU through an APDU-level reader. The APDU layer above deals with 61xx and
// 6Cxx once, for all of them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "drivers/card_fault.hpp"

namespace drivers::iso7816 {

struct RawReply {
  std::vector<std::uint8_t> bytes;  // response data + SW1 SW2 (the caller wipes it)
  std::string error;                // empty when bytes is a reply
  bool card_removed = false;
  // Why, as a code, when the exchange failed for good (ProtocolError: the card broke the
  // protocol or a liveness bound; ReaderNotResponding / ReaderUnplugged: the reader did).
  CardFault fault = CardFault::None;
  // The command was abandoned at a liveness bound (endless S(WTX)/S(IFS) requests or empty
  // chained blocks, the per-command deadline or block budget, a reader that kept asking for more
  // time): the card or reader is not fit for use until it is re-inserted or answers again.
  bool stalled = false;
};

class CardChannel {
 public:
  virtual ~CardChannel() = default;
  virtual RawReply exchange(std::span<const std::uint8_t> command) = 0;
  // True when commands must be mapped to T=0 TPDUs first (case 4 sent without Le ...).
  virtual bool tpdu_t0() const = 0;
};

}  // namespace drivers::iso7816
