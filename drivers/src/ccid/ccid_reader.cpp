#include "drivers/ccid/ccid_reader.hpp"

namespace drivers::ccid {

CcidReader::CcidReader(Transport& bulk, ClassDescriptor descriptor, ReaderOptions options)
    : bulk_(bulk), descriptor_(descriptor), options_(options) {}

CommandResult CcidReader::transact(std::uint8_t type, std::uint8_t slot,
                                   std::array<std::uint8_t, 3> specific,
                                   std::span<const std::uint8_t> data) {
  CommandResult out;
  if (slot > descriptor_.max_slot_index) {
    out.error = "slot " + std::to_string(slot) + " does not exist on this reader";
    return out;
  }
  if (data.size() + kHeaderSize > descriptor_.max_message_length) {
    out.error = "command of " + std::to_string(data.size()) + " bytes exceeds the reader's " +
                std::to_string(descriptor_.max_message_length) + "-byte message limit";
    return out;
  }
  const std::uint8_t seq = seq_++;
  auto message = encode(type, slot, seq, specific, data);
  const auto w = bulk_.write(message);
  std::fill(message.begin(), message.end(), 0);  // XfrBlock may carry a PIN
  if (w.status != IoStatus::Ok) {
    out.disconnected = w.status == IoStatus::Disconnected;
    out.error = bulk_.describe() + ": sending the command failed: " + w.error;
    return out;
  }
  std::vector<std::uint8_t> buffer;
  int extensions = 0;
  auto deadline = std::chrono::steady_clock::now() + options_.timeout;
  while (true) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      out.error = bulk_.describe() + ": no reply within " +
                  std::to_string(options_.timeout.count()) + " ms";
      return out;
    }
    const auto r =
        bulk_.read(buffer, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
    if (r.status == IoStatus::Disconnected || r.status == IoStatus::Error) {
      out.disconnected = r.status == IoStatus::Disconnected;
      out.error = bulk_.describe() + ": " + (r.error.empty() ? "reader unplugged" : r.error);
      return out;
    }
    if (r.status == IoStatus::Timeout) continue;  // the deadline check above decides
    auto parsed = parse_reply(buffer, descriptor_.max_message_length);
    if (parsed.status == ParseStatus::NeedMore) continue;  // short or zero-length packet
    std::fill(buffer.begin(), buffer.end(), 0);
    buffer.clear();  // bytes past the message in the same transfer are not the next message
    if (parsed.status == ParseStatus::Invalid) {
      out.error = bulk_.describe() + ": " + parsed.error;
      return out;
    }
    Reply& reply = *parsed.reply;
    if (reply.seq != seq || reply.slot != slot) {
      ++stale_;  // an answer to an earlier command that timed out: not ours
      continue;
    }
    if (reply.command() == CommandStatus::TimeExtension) {
      ++extensions_;
      if (++extensions > options_.max_time_extensions) {
        out.error = "card asked for more time " + std::to_string(extensions) + " times; giving up";
        return out;
      }
      deadline = std::chrono::steady_clock::now() + options_.timeout;
      continue;
    }
    if (reply.command() == CommandStatus::Failed) {
      out.error = describe_error(type, reply.error);
    }
    out.reply = std::move(reply);
    return out;
  }
}

CommandResult CcidReader::power_on(std::uint8_t slot, Voltage voltage) {
  return transact(kIccPowerOn, slot, {static_cast<std::uint8_t>(voltage), 0, 0}, {});
}
CommandResult CcidReader::power_off(std::uint8_t slot) {
  return transact(kIccPowerOff, slot, {0, 0, 0}, {});
}
CommandResult CcidReader::slot_status(std::uint8_t slot) {
  return transact(kGetSlotStatus, slot, {0, 0, 0}, {});
}
CommandResult CcidReader::get_parameters(std::uint8_t slot) {
  return transact(kGetParameters, slot, {0, 0, 0}, {});
}
CommandResult CcidReader::set_parameters(std::uint8_t slot, std::uint8_t protocol,
                                         std::span<const std::uint8_t> parameters) {
  return transact(kSetParameters, slot, {protocol, 0, 0}, parameters);
}
CommandResult CcidReader::xfr_block(std::uint8_t slot, std::span<const std::uint8_t> data,
                                    std::uint8_t bwi, std::uint16_t level) {
  return transact(kXfrBlock, slot,
                  {bwi, static_cast<std::uint8_t>(level), static_cast<std::uint8_t>(level >> 8)},
                  data);
}

}  // namespace drivers::ccid
