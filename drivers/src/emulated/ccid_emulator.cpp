#include "drivers/emulated/ccid_emulator.hpp"

#include <algorithm>
#include <thread>

#include "drivers/ccid/messages.hpp"
#include "drivers/secure_buffer.hpp"

namespace drivers::emulated {

using namespace drivers::ccid;

ClassDescriptor CcidEmulator::tpdu_reader() {
  ClassDescriptor d;
  d.voltage_support = 0x07;
  d.protocols = 0x03;
  d.features = kLevelTpdu;  // leaves voltage, PPS, parameters and IFSD to the driver
  d.max_message_length = 271;
  d.max_ifsd = 254;
  return d;
}

ClassDescriptor CcidEmulator::extended_apdu_reader(std::uint32_t max_message) {
  ClassDescriptor d;
  d.features = kLevelExtendedApdu | kAutoVoltage | kAutoParametersFromAtr | kAutoPps | kAutoIfsd |
               kAutoClock | kAutoBaud;
  d.max_message_length = max_message;
  return d;
}

CcidEmulator::CcidEmulator(ClassDescriptor descriptor) : descriptor_(descriptor) {}

void CcidEmulator::InterruptPipe::push(std::vector<std::uint8_t> m) {
  std::lock_guard lock(mutex_);
  queue_.push_back(std::move(m));
}

IoResult CcidEmulator::InterruptPipe::read(std::vector<std::uint8_t>& into,
                                           std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (!queue_.empty()) {
        auto m = std::move(queue_.front());
        queue_.pop_front();
        into.insert(into.end(), m.begin(), m.end());
        return {IoStatus::Ok, m.size(), {}};
      }
    }
    if (std::chrono::steady_clock::now() >= deadline) return {IoStatus::Timeout, 0, {}};
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void CcidEmulator::insert(EmulatedCard card, bool t1_crc) {
  std::lock_guard lock(mutex_);
  card_.emplace(std::move(card));
  t1_ = std::make_unique<T1Card>(*card_, t1_crc);
  t1_crc_ = t1_crc;
  powered_ = false;
  interrupt_.push({kNotifySlotChange, 0x03});  // present, changed
}

void CcidEmulator::remove() {
  std::lock_guard lock(mutex_);
  t1_.reset();
  card_.reset();
  powered_ = false;
  interrupt_.push({kNotifySlotChange, 0x02});  // absent, changed
}

bool CcidEmulator::has_card() const {
  std::lock_guard lock(mutex_);
  return card_.has_value();
}

std::uint8_t CcidEmulator::icc_bits() const {
  if (!card_) return 0x02;
  return powered_ ? 0x00 : 0x01;
}

void CcidEmulator::reply(std::uint8_t type, std::uint8_t seq, std::uint8_t status,
                         std::uint8_t error, std::uint8_t specific,
                         std::span<const std::uint8_t> data) {
  const auto n = static_cast<std::uint32_t>(data.size());
  std::vector<std::uint8_t> m{type,
                              static_cast<std::uint8_t>(n),
                              static_cast<std::uint8_t>(n >> 8),
                              static_cast<std::uint8_t>(n >> 16),
                              static_cast<std::uint8_t>(n >> 24),
                              slot_,
                              seq,
                              status,
                              error,
                              specific};
  m.insert(m.end(), data.begin(), data.end());
  if (faults_.stale_replies > 0) {
    --faults_.stale_replies;
    auto stale = m;
    stale[6] = static_cast<std::uint8_t>(seq - 1);
    outbox_.push_back(std::move(stale));
  }
  if (faults_.zero_length_packets) outbox_.push_back({});
  if (faults_.split_packets) {
    for (std::size_t i = 0; i < m.size(); i += 64) {
      outbox_.emplace_back(m.begin() + static_cast<std::ptrdiff_t>(i),
                           m.begin() + static_cast<std::ptrdiff_t>(std::min(m.size(), i + 64)));
    }
    secure_wipe(m.data(), m.size());
    return;
  }
  outbox_.push_back(std::move(m));
}

IoResult CcidEmulator::write(std::span<const std::uint8_t> bytes) {
  std::lock_guard lock(mutex_);
  if (faults_.unplugged) return {IoStatus::Disconnected, 0, "device unplugged"};
  ++commands_;
  if (faults_.silent) return {IoStatus::Ok, bytes.size(), {}};
  if (faults_.endless_time_extensions) {
    if (bytes.size() >= kHeaderSize) {
      slot_ = bytes[5];
      extending_seq_ = bytes[6];
    }
    return {IoStatus::Ok, bytes.size(), {}};
  }
  handle(bytes);
  return {IoStatus::Ok, bytes.size(), {}};
}

IoResult CcidEmulator::read(std::vector<std::uint8_t>& into, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (faults_.unplugged) return {IoStatus::Disconnected, 0, "device unplugged"};
      if (faults_.endless_time_extensions && extending_seq_) {
        const std::uint8_t te[kHeaderSize] = {kDataBlock,      0,    0, 0, 0, slot_,
                                              *extending_seq_, 0x80, 1, 0};
        into.insert(into.end(), std::begin(te), std::end(te));
        return {IoStatus::Ok, into.size(), {}};
      }
      if (!outbox_.empty()) {
        auto m = std::move(outbox_.front());
        outbox_.pop_front();
        into.insert(into.end(), m.begin(), m.end());
        secure_wipe(m.data(), m.size());
        return {IoStatus::Ok, into.size(), {}};
      }
    }
    if (std::chrono::steady_clock::now() >= deadline) return {IoStatus::Timeout, 0, {}};
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void CcidEmulator::handle(std::span<const std::uint8_t> m) {
  if (m.size() < kHeaderSize) return;  // a real reader ignores a runt; the host times out
  const std::uint8_t type = m[0];
  const std::uint32_t len =
      m[1] | (m[2] << 8) | (m[3] << 16) | (static_cast<std::uint32_t>(m[4]) << 24);
  const std::uint8_t slot = m[5], seq = m[6];
  slot_ = slot;  // replies echo the slot they answer for
  if (len != m.size() - kHeaderSize) {
    reply(kSlotStatus, seq, static_cast<std::uint8_t>(0x40 | icc_bits()), 1,
          0);  // offset 1: dwLength
    return;
  }
  if (slot > descriptor_.max_slot_index) {
    reply(kSlotStatus, seq, 0x42, 5, 0);  // bad slot (offset 5)
    return;
  }
  if (slot != 0) {  // the other slots of a multi-slot reader stay empty
    const std::uint8_t type_reply = type == kXfrBlock || type == kIccPowerOn ? kDataBlock
                                    : (type == kGetParameters || type == kSetParameters)
                                        ? kParameters
                                        : kSlotStatus;
    const bool fails = type != kGetSlotStatus && type != kIccPowerOff;
    reply(type_reply, seq, fails ? 0x42 : 0x02, fails ? 0xFE : 0, 0);
    return;
  }
  const auto data = m.subspan(kHeaderSize);
  switch (type) {
    case kIccPowerOn: {
      if (!card_) {
        reply(kDataBlock, seq, 0x42, 0xFE, 0);
        return;
      }
      const auto voltage = static_cast<Voltage>(m[7]);
      if (faults_.wake_only_at_3v && voltage != Voltage::V3 && voltage != Voltage::Automatic) {
        reply(kDataBlock, seq, 0x41, 0xFE, 0);  // mute at this voltage
        return;
      }
      powered_ = true;
      protocol_ = 0;
      card_->reset();
      t1_->reset();
      reply(kDataBlock, seq, 0x00, 0, 0, card_->atr());
      return;
    }
    case kIccPowerOff:
      powered_ = false;
      reply(kSlotStatus, seq, icc_bits(), 0, 0x00);
      return;
    case kGetSlotStatus:
      reply(kSlotStatus, seq, icc_bits(), 0, 0x00);
      return;
    case kGetParameters:
      reply(kParameters, seq, icc_bits(), 0, static_cast<std::uint8_t>(protocol_), parameters_);
      return;
    case kSetParameters: {
      const std::uint8_t proto = m[7];
      if (!card_) {
        reply(kParameters, seq, 0x42, 0xFE, 0);
        return;
      }
      if ((proto == 0 && data.size() != 5) || (proto == 1 && data.size() != 7) || proto > 1) {
        reply(kParameters, seq, static_cast<std::uint8_t>(0x40 | icc_bits()), 7, 0);
        return;
      }
      protocol_ = proto;
      parameters_.assign(data.begin(), data.end());
      reply(kParameters, seq, icc_bits(), 0, proto, parameters_);
      return;
    }
    case kXfrBlock:
      handle_xfr(seq, data, static_cast<std::uint16_t>(m[8] | (m[9] << 8)));
      return;
    default:
      reply(kSlotStatus, seq, static_cast<std::uint8_t>(0x40 | icc_bits()), 0x00,
            0);  // not supported
      return;
  }
}

void CcidEmulator::handle_xfr(std::uint8_t seq, std::span<const std::uint8_t> data,
                              std::uint16_t level) {
  if (faults_.remove_card_after_xfrs == 0) {
    faults_.remove_card_after_xfrs = -1;
    t1_.reset();
    card_.reset();
    powered_ = false;
    interrupt_.push({kNotifySlotChange, 0x02});
  } else if (faults_.remove_card_after_xfrs > 0) {
    --faults_.remove_card_after_xfrs;
  }
  if (!card_) {
    reply(kDataBlock, seq, 0x42, 0xFE, 0);
    return;
  }
  if (!powered_) {
    reply(kDataBlock, seq, 0x41, 0xFB, 0);
    return;
  }
  for (int i = 0; i < faults_.time_extensions; ++i) reply(kDataBlock, seq, 0x80, 1, 0);
  std::vector<std::uint8_t> answer;
  const auto level_kind = descriptor_.level();
  if (level_kind == ExchangeLevel::Tpdu) {
    if (data.size() >= 4 && data[0] == 0xFF) {
      answer.assign(data.begin(), data.end());  // PPS: the card accepts by echoing
    } else if (protocol_ == 1) {
      answer = t1_->receive(data);
    } else {
      answer = card_->process_t0(data);
    }
    reply(kDataBlock, seq, 0x00, 0, 0, answer);
    secure_wipe(answer.data(), answer.size());
    return;
  }
  // APDU level with chaining (wLevelParameter).
  const std::size_t room = descriptor_.max_message_length - kHeaderSize;
  if (level == 0x0010) {
    const std::size_t n = std::min(room, chained_response_.size());
    std::vector<std::uint8_t> part(chained_response_.begin(),
                                   chained_response_.begin() + static_cast<std::ptrdiff_t>(n));
    chained_response_.erase(chained_response_.begin(),
                            chained_response_.begin() + static_cast<std::ptrdiff_t>(n));
    reply(kDataBlock, seq, 0x00, 0, chained_response_.empty() ? 0x02 : 0x03, part);
    return;
  }
  chained_command_.insert(chained_command_.end(), data.begin(), data.end());
  if (level == 0x0001 || level == 0x0003) {
    reply(kDataBlock, seq, 0x00, 0, 0x10);  // send the next part
    return;
  }
  chained_response_ = card_->process(chained_command_);
  secure_wipe(chained_command_.data(), chained_command_.size());
  chained_command_.clear();
  if (chained_response_.size() <= room) {
    reply(kDataBlock, seq, 0x00, 0, 0x00, chained_response_);
    chained_response_.clear();
    return;
  }
  std::vector<std::uint8_t> part(chained_response_.begin(),
                                 chained_response_.begin() + static_cast<std::ptrdiff_t>(room));
  chained_response_.erase(chained_response_.begin(),
                          chained_response_.begin() + static_cast<std::ptrdiff_t>(room));
  reply(kDataBlock, seq, 0x00, 0, 0x01, part);
}

}  // namespace drivers::emulated
