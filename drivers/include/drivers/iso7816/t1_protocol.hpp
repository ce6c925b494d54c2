// The T=1 block protocol on the interface-device side (ISO/IEC 7816-3 §11): chaining both ways
// with the M bit, IFS negotiation, waiting-time extensions, R-block recovery, resynchronisation
// and error counting. Blocks go through a BlockExchange (a CCID XfrBlock at TPDU level, or the
// emulated card in tests), so the protocol is tested without a reader.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "drivers/iso7816/card_channel.hpp"
#include "drivers/iso7816/t1_block.hpp"

namespace drivers::iso7816 {

struct T1Config {
  std::uint8_t ifsc = 32;   // card's receive size (from the ATR)
  std::uint8_t ifsd = 254;  // ours
  bool crc = false;
  int max_retries = 3;  // per block, before resynchronising
};

// Sends one encoded block and returns the card's next block. `wtx` is the waiting-time
// multiplier the card asked for (0 = normal BWT).
using BlockExchange =
    std::function<RawReply(std::span<const std::uint8_t> block, std::uint8_t wtx)>;

struct T1Stats {
  int retransmissions = 0;
  int wtx_requests = 0;
  int resynchs = 0;
  int blocks_sent = 0;
};

class T1Protocol {
 public:
  T1Protocol(BlockExchange exchange, T1Config config);
  // The whole APDU out, the whole response back (both chained as needed).
  RawReply transmit(std::span<const std::uint8_t> apdu);
  // S(IFS request) with our IFSD; an error string when the card refused it.
  std::string negotiate_ifsd();
  const T1Stats& stats() const { return stats_; }
  std::uint8_t ifsc() const { return config_.ifsc; }

 private:
  RawReply transmit_once(std::span<const std::uint8_t> apdu, bool& needs_resynch);
  bool resynch();
  RawReply send_block(const t1::Block& block, std::uint8_t wtx, std::optional<t1::Block>& got);

  BlockExchange exchange_;
  T1Config config_;
  int ns_ = 0;  // N(S) of our next I-block
  int nr_ = 0;  // N(S) we expect on the card's next I-block
  T1Stats stats_;
};

class T1Channel final : public CardChannel {
 public:
  explicit T1Channel(T1Protocol& protocol) : protocol_(protocol) {}
  RawReply exchange(std::span<const std::uint8_t> command) override {
    return protocol_.transmit(command);
  }
  bool tpdu_t0() const override { return false; }

 private:
  T1Protocol& protocol_;
};

}  // namespace drivers::iso7816
