// The T=1 block protocol on the interface-device side (ISO/IEC 7816-3 §11): chaining both ways
// with the M bit, IFS negotiation, waiting-time extensions, R-block recovery, resynchronisation
// and error counting. Blocks go through a BlockExchange (a CCID XfrBlock at TPDU level, or the
// emulated card in tests), so the protocol is tested without a reader.
//
// Liveness: a card may not keep one command busy for ever. Per command the protocol gives up,
// with RawReply::stalled and CardFault::ProtocolError, after more than `max_s_requests`
// S(WTX)/S(IFS) requests in a row without progress, more than `max_empty_chained` chained
// I-blocks that carry no data, more than `max_exchanges` blocks (beyond one per command chunk),
// or once `command_deadline` has passed. A reader-level failure of one exchange (no CCID reply,
// reader unplugged) ends the command at once instead of being retried.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "drivers/iso7816/card_channel.hpp"
#include "drivers/iso7816/t1_block.hpp"
#include "drivers/monotonic_clock.hpp"

namespace drivers::iso7816 {

struct T1Config {
  std::uint8_t ifsc = 32;   // card's receive size (from the ATR)
  std::uint8_t ifsd = 254;  // ours
  bool crc = false;
  int max_retries = 3;  // per block, before resynchronising
  // Liveness bounds, per command (see the top of this file).
  int max_s_requests = 64;    // S(WTX)/S(IFS) requests in a row, no I- or R-block progress between
  int max_empty_chained = 4;  // chained I-blocks with an empty INF field
  int max_exchanges = 2048;   // blocks sent, on top of one per chunk of the command
  std::chrono::milliseconds command_deadline{60000};
  MonotonicClock clock{};  // empty: steady_clock
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
  int ifs_requests = 0;
  int stalls = 0;  // commands abandoned at a liveness bound
};

class T1Protocol {
 public:
  T1Protocol(BlockExchange exchange, T1Config config);
  // The whole APDU out, the whole response back (both chained as needed).
  RawReply transmit(std::span<const std::uint8_t> apdu);
  // The most blocks one transmit() of `apdu_size` bytes may send: a hard bound, whatever the
  // card does (the fuzz target checks it).
  int exchange_limit(std::size_t apdu_size) const;
  // S(IFS request) with our IFSD; an error string when the card refused it.
  std::string negotiate_ifsd();
  const T1Stats& stats() const { return stats_; }
  std::uint8_t ifsc() const { return config_.ifsc; }

 private:
  RawReply transmit_once(std::span<const std::uint8_t> apdu, bool& needs_resynch);
  bool resynch(RawReply& failure);
  RawReply send_block(const t1::Block& block, std::uint8_t wtx, std::optional<t1::Block>& got);
  void begin_command(std::size_t apdu_size);
  RawReply stalled(std::string why);

  // The current command's budget.
  int exchange_budget_ = 0;
  int exchanges_left_ = 0;
  std::chrono::steady_clock::time_point deadline_{};

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
