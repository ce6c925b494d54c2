// A software SAM ID reader behind the Transport interface: it answers find / select / read
// like a real reader, with a synthetic card that can be placed and removed, and can be told
// to misbehave (noise, broken checksums, silence) for tests. `make run` will use it so a
// newcomer can put a virtual card on the reader from the keyboard.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "drivers/transport.hpp"

namespace drivers {

class SamEmulator final : public Transport {
 public:
  enum class Fault { None, Noise, BadChecksum, Silent, Unplugged, SplitPackets };

  // `text` is the 256-byte record, `photo` the WLT bytes (both synthetic in tests).
  void place_card(std::vector<std::uint8_t> text, std::vector<std::uint8_t> photo);
  void remove_card();
  void set_fault(Fault fault) { fault_ = fault; }
  // Simulate a serial line: each reply takes as long as its bytes would at this rate (8N1),
  // 0 = instant.
  void set_baud(int baud) { baud_ = baud; }

  IoResult write(std::span<const std::uint8_t> bytes) override;
  IoResult read(std::vector<std::uint8_t>& into, std::chrono::milliseconds timeout) override;
  std::string describe() const override { return "emulated SAM ID reader"; }

 private:
  void reply(std::uint8_t sw3, const std::vector<std::uint8_t>& data = {});
  std::mutex mutex_;
  std::deque<std::vector<std::uint8_t>> outbox_;
  std::optional<std::pair<std::vector<std::uint8_t>, std::vector<std::uint8_t>>> card_;
  bool selected_ = false;
  bool read_done_ = false;
  Fault fault_ = Fault::None;
  int baud_ = 0;
};

}  // namespace drivers
