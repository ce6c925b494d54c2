// A software CCID reader (one slot) behind the Transport interface, with an EmulatedCard that
// can be inserted and removed. It speaks the bulk messages of USB CCID 1.1 at TPDU level (T=0
// or T=1) or APDU level (with command/response chaining), reports insert/remove on its
// interrupt pipe, and can misbehave on purpose: stale replies, time extensions, zero-length
// and split packets, a card that only wakes at 3 V, removal in the middle of an APDU.
#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <optional>

#include "drivers/ccid/descriptor.hpp"
#include "drivers/emulated/emulated_card.hpp"
#include "drivers/emulated/t1_card.hpp"
#include "drivers/transport.hpp"

namespace drivers::emulated {

struct CcidFaults {
  int stale_replies = 0;    // before each of the next N replies, one with an old bSeq
  int time_extensions = 0;  // each XfrBlock first answers N time-extension replies
  bool zero_length_packets = false;
  bool split_packets = false;       // 64-byte packets, as a full-speed bulk endpoint delivers them
  int remove_card_after_xfrs = -1;  // the card leaves during the Nth XfrBlock from now
  bool wake_only_at_3v = false;     // 5 V power-on gets a mute card
  bool silent = false;
  bool unplugged = false;
  // Every command from now on is answered with time-extension replies only, one per read, for
  // ever (a reader stuck on a card that never finishes).
  bool endless_time_extensions = false;
};

class CcidEmulator final : public Transport {
 public:
  explicit CcidEmulator(ccid::ClassDescriptor descriptor);
  // A TPDU-level T=0/T=1 reader like QEMU's usb-ccid, with both protocols.
  static ccid::ClassDescriptor tpdu_reader();
  static ccid::ClassDescriptor extended_apdu_reader(std::uint32_t max_message = 271);

  void insert(EmulatedCard card, bool t1_crc = false);
  void remove();
  bool has_card() const;
  EmulatedCard* card() { return card_ ? &*card_ : nullptr; }
  T1Card* t1() { return t1_ ? t1_.get() : nullptr; }
  CcidFaults& faults() { return faults_; }
  const ccid::ClassDescriptor& descriptor() const { return descriptor_; }
  std::vector<std::uint8_t> descriptor_bytes() const {
    return ccid::encode_class_descriptor(descriptor_);
  }
  int commands_seen() const { return commands_; }

  // The interrupt endpoint: NotifySlotChange messages.
  Transport& interrupt_pipe() { return interrupt_; }

  IoResult write(std::span<const std::uint8_t> bytes) override;
  IoResult read(std::vector<std::uint8_t>& into, std::chrono::milliseconds timeout) override;
  std::string describe() const override { return "emulated CCID reader"; }

 private:
  class InterruptPipe final : public Transport {
   public:
    IoResult write(std::span<const std::uint8_t>) override {
      return {IoStatus::Error, 0, "interrupt-IN only"};
    }
    IoResult read(std::vector<std::uint8_t>& into, std::chrono::milliseconds timeout) override;
    std::string describe() const override { return "emulated CCID interrupt pipe"; }
    void push(std::vector<std::uint8_t> m);

   private:
    std::mutex mutex_;
    std::deque<std::vector<std::uint8_t>> queue_;
  };

  void reply(std::uint8_t type, std::uint8_t seq, std::uint8_t status, std::uint8_t error,
             std::uint8_t specific, std::span<const std::uint8_t> data = {});
  std::uint8_t icc_bits() const;
  void handle(std::span<const std::uint8_t> m);
  void handle_xfr(std::uint8_t seq, std::span<const std::uint8_t> data, std::uint16_t level);

  mutable std::mutex mutex_;
  ccid::ClassDescriptor descriptor_;
  std::optional<EmulatedCard> card_;
  std::unique_ptr<T1Card> t1_;
  bool t1_crc_ = false;
  bool powered_ = false;
  int protocol_ = 0;
  std::vector<std::uint8_t> parameters_{0x11, 0x00, 0x00, 0x0A, 0x00};
  CcidFaults faults_;
  std::deque<std::vector<std::uint8_t>> outbox_;
  InterruptPipe interrupt_;
  int commands_ = 0;
  std::uint8_t slot_ = 0;
  std::optional<std::uint8_t> extending_seq_;  // endless_time_extensions: the command stuck
  // APDU-level chaining state.
  std::vector<std::uint8_t> chained_command_;
  std::vector<std::uint8_t> chained_response_;
};

}  // namespace drivers::emulated
