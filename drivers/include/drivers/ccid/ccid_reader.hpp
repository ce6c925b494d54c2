// The CCID command/response engine over a bulk pipe: one command in flight, bSeq checked (stale
// replies from an earlier, timed-out command are discarded), time extensions waited out, lengths
// checked against dwMaxCCIDMessageLength, and reader errors turned into sentences.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "drivers/ccid/descriptor.hpp"
#include "drivers/ccid/messages.hpp"
#include "drivers/transport.hpp"

namespace drivers::ccid {

struct ReaderOptions {
  std::chrono::milliseconds timeout{5000};  // per reply; restarted by every time extension
  int max_time_extensions = 600;            // a card may work for minutes (PIN pads), not forever
};

struct CommandResult {
  std::optional<Reply> reply;
  std::string error;
  bool disconnected = false;
  bool ok() const { return reply && reply->command() == CommandStatus::Ok; }
};

class CcidReader {
 public:
  CcidReader(Transport& bulk, ClassDescriptor descriptor, ReaderOptions options = {});

  CommandResult power_on(std::uint8_t slot, Voltage voltage);
  CommandResult power_off(std::uint8_t slot);
  CommandResult slot_status(std::uint8_t slot);
  CommandResult get_parameters(std::uint8_t slot);
  CommandResult set_parameters(std::uint8_t slot, std::uint8_t protocol,
                               std::span<const std::uint8_t> parameters);
  CommandResult xfr_block(std::uint8_t slot, std::span<const std::uint8_t> data,
                          std::uint8_t bwi = 0, std::uint16_t level = 0);

  const ClassDescriptor& descriptor() const { return descriptor_; }
  int stale_replies_discarded() const { return stale_; }
  int time_extensions_seen() const { return extensions_; }
  std::string describe() const { return bulk_.describe(); }

 private:
  CommandResult transact(std::uint8_t type, std::uint8_t slot, std::array<std::uint8_t, 3> specific,
                         std::span<const std::uint8_t> data);

  Transport& bulk_;
  ClassDescriptor descriptor_;
  ReaderOptions options_;
  std::uint8_t seq_ = 0;
  int stale_ = 0;
  int extensions_ = 0;
};

}  // namespace drivers::ccid
