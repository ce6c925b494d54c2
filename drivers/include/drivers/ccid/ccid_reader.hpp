// The CCID command/response engine over a bulk pipe: one command in flight, bSeq checked (stale
// replies from an earlier, timed-out command are discarded), time extensions waited out, lengths
// checked against dwMaxCCIDMessageLength, and reader errors turned into sentences.
//
// Time extensions (bStatus 0x80) are honoured within bounds per command: at most
// `max_time_extensions` of them, and no command lasts longer than `max_command_time` however
// many the reader sends. Past either bound the command fails with CardFault::ReaderNotResponding
// and `stalled` set, so a reader that keeps asking for more time cannot hold a caller for ever.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "drivers/card_fault.hpp"
#include "drivers/ccid/descriptor.hpp"
#include "drivers/ccid/messages.hpp"
#include "drivers/monotonic_clock.hpp"
#include "drivers/transport.hpp"

namespace drivers::ccid {

struct ReaderOptions {
  std::chrono::milliseconds timeout{5000};  // per reply; restarted by every time extension
  int max_time_extensions = 240;            // per command (4 a second over a full minute)
  // A whole command, time extensions included: a card may compute for tens of seconds (key
  // generation), a citizen at the kiosk does not wait longer than this for one command.
  std::chrono::milliseconds max_command_time{60000};
  MonotonicClock clock{};  // empty: steady_clock
};

struct CommandResult {
  std::optional<Reply> reply;
  std::string error;
  bool disconnected = false;
  // No (valid) reply: ReaderNotResponding (ReaderUnplugged with `disconnected`); None when a
  // reply came, even a failed one (bError describes the card's problem then).
  CardFault fault = CardFault::None;
  bool stalled = false;  // no reply within the timeout or the time-extension bounds
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
  int stalls() const { return stalls_; }  // commands that ended at a time bound
  const ReaderOptions& options() const { return options_; }
  void set_options(ReaderOptions options) { options_ = std::move(options); }
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
  int stalls_ = 0;
};

}  // namespace drivers::ccid
