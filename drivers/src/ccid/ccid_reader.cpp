#include "drivers/ccid/ccid_reader.hpp"

#include <algorithm>

namespace drivers::ccid {

namespace {
// Replies with another bSeq are left over from commands that timed out: a few at most.
constexpr int kMaxDiscardedReplies = 64;
}  // namespace

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
    out.fault = out.disconnected ? CardFault::ReaderUnplugged : CardFault::ReaderNotResponding;
    out.error = bulk_.describe() + ": sending the command failed: " + w.error;
    return out;
  }
  std::vector<std::uint8_t> buffer;
  int extensions = 0;
  int discarded = 0;
  const auto start = drivers::now(options_.clock);
  const auto command_end = start + std::max(options_.timeout, options_.max_command_time);
  auto deadline = std::min(start + options_.timeout, command_end);
  auto not_responding = [&](std::string why) {
    std::fill(buffer.begin(), buffer.end(), 0);
    out.error = bulk_.describe() + ": " + std::move(why);
    out.fault = CardFault::ReaderNotResponding;
    return std::move(out);
  };
  auto stall = [&](std::string why) {
    ++stalls_;
    out.stalled = true;
    return not_responding(std::move(why));
  };
  while (true) {
    const auto now = drivers::now(options_.clock);
    if (now >= deadline) {
      const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now - start);
      if (extensions == 0) {
        return stall("no reply within " + std::to_string(options_.timeout.count()) + " ms");
      }
      return stall("no reply within " + std::to_string(waited.count()) + " ms despite " +
                   std::to_string(extensions) + " time extensions; giving up");
    }
    const auto r =
        bulk_.read(buffer, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
    if (r.status == IoStatus::Disconnected || r.status == IoStatus::Error) {
      out.disconnected = r.status == IoStatus::Disconnected;
      out.fault = out.disconnected ? CardFault::ReaderUnplugged : CardFault::ReaderNotResponding;
      out.error = bulk_.describe() + ": " + (r.error.empty() ? "reader unplugged" : r.error);
      return out;
    }
    if (r.status == IoStatus::Timeout) continue;  // the deadline check above decides
    auto parsed = parse_reply(buffer, descriptor_.max_message_length);
    if (parsed.status == ParseStatus::NeedMore) continue;  // short or zero-length packet
    std::fill(buffer.begin(), buffer.end(), 0);
    buffer.clear();  // bytes past the message in the same transfer are not the next message
    if (parsed.status == ParseStatus::Invalid) return not_responding(parsed.error);
    Reply& reply = *parsed.reply;
    if (reply.seq != seq || reply.slot != slot) {
      ++stale_;  // an answer to an earlier command that timed out: not ours
      if (++discarded > kMaxDiscardedReplies) {
        return not_responding("more than " + std::to_string(kMaxDiscardedReplies) +
                              " replies to other commands; giving up");
      }
      continue;
    }
    if (reply.command() == CommandStatus::TimeExtension) {
      ++extensions_;
      const auto now_te = drivers::now(options_.clock);
      if (++extensions > options_.max_time_extensions) {
        return stall("reader asked for more time " + std::to_string(extensions) +
                     " times for one command; giving up");
      }
      if (now_te >= command_end) {
        return stall("reader still asked for more time after " +
                     std::to_string(options_.max_command_time.count()) +
                     " ms on one command; giving up");
      }
      deadline = std::min(now_te + options_.timeout, command_end);
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
