// The card's side of T=1 (ISO/IEC 7816-3 §11) around an EmulatedCard: receives chained I-blocks,
// acknowledges with R-blocks, answers IFS/RESYNCH/WTX, chains long responses to the IFSD, and
// resends its last block on request. Faults can be scheduled to test the host's recovery.
#pragma once

#include <cstdint>
#include <vector>

#include "drivers/emulated/emulated_card.hpp"
#include "drivers/iso7816/t1_block.hpp"

namespace drivers::emulated {

struct T1Faults {
  int wtx_before_response = 0;  // S(WTX request)s before each response
  int corrupt_replies = 0;      // next N replies get a broken EDC
  int drop_next_command = 0;    // pretend the next N received blocks were garbled
};

class T1Card {
 public:
  explicit T1Card(EmulatedCard& card, bool crc = false) : card_(card), crc_(crc) {}
  T1Faults& faults() { return faults_; }
  void reset();  // power cycle: sequence numbers back to 0
  // One block in (encoded), one block out (encoded).
  std::vector<std::uint8_t> receive(std::span<const std::uint8_t> block);
  std::uint8_t ifsd() const { return ifsd_; }
  int wtx_sent() const { return wtx_sent_; }

 private:
  std::vector<std::uint8_t> send(const iso7816::t1::Block& b);
  std::vector<std::uint8_t> next_response_block();

  EmulatedCard& card_;
  bool crc_;
  T1Faults faults_;
  int nr_ = 0;  // N(S) expected from the host
  int ns_ = 0;  // N(S) of our next I-block
  std::uint8_t ifsd_ = 32;
  std::vector<std::uint8_t> command_;   // chained command being received
  std::vector<std::uint8_t> response_;  // response not yet sent
  std::vector<std::uint8_t> last_sent_;
  int pending_wtx_ = 0;
  int wtx_sent_ = 0;
  bool in_response_chain_ = false;
};

}  // namespace drivers::emulated
