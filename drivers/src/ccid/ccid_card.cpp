#include "drivers/ccid/ccid_card.hpp"

#include <algorithm>

namespace drivers::ccid {

using iso7816::RawReply;

std::vector<std::uint8_t> parameters_from_atr(const iso7816::Atr& atr, int protocol,
                                              std::uint8_t fidi) {
  const std::uint8_t convention = atr.inverse_convention ? 0x02 : 0x00;
  const std::uint8_t guard = atr.tc1.value_or(0);
  if (protocol == 1) {
    return {fidi,  static_cast<std::uint8_t>(0x10 | convention | (atr.t1_crc ? 1 : 0)),
            guard, atr.t1_bwi_cwi(),
            0x00,  atr.t1_ifsc(),
            0x00};
  }
  return {fidi, convention, guard, atr.t0_waiting_integer(), 0x00};
}

std::vector<std::uint8_t> pps_request(int protocol, std::uint8_t fidi) {
  std::vector<std::uint8_t> p{0xFF, static_cast<std::uint8_t>(0x10 | (protocol & 0x0F)), fidi};
  std::uint8_t pck = 0;
  for (auto b : p) pck ^= b;
  p.push_back(pck);
  return p;
}

namespace {

std::vector<Voltage> voltages_to_try(const ClassDescriptor& d) {
  if (d.has(kAutoVoltage)) return {Voltage::Automatic};
  std::vector<Voltage> v;
  if (d.voltage_support & 0x01) v.push_back(Voltage::V5);
  if (d.voltage_support & 0x02) v.push_back(Voltage::V3);
  if (d.voltage_support & 0x04) v.push_back(Voltage::V1_8);
  if (v.empty()) v.push_back(Voltage::Automatic);
  return v;
}

const char* voltage_name(Voltage v) {
  switch (v) {
    case Voltage::V5:
      return "5 V";
    case Voltage::V3:
      return "3 V";
    case Voltage::V1_8:
      return "1.8 V";
    case Voltage::Automatic:
      break;
  }
  return "automatic voltage";
}

}  // namespace

ConnectResult CcidCard::connect(CcidReader& reader, std::uint8_t slot) {
  ConnectResult out;
  auto card = std::unique_ptr<CcidCard>(new CcidCard(reader, slot));
  const auto& d = reader.descriptor();
  if (d.level() == ExchangeLevel::Character) {
    out.error = "reader only exchanges characters; the kiosk supports TPDU and APDU readers";
    out.fault = CardFault::ReaderUnsupported;
    return out;
  }
  // 1. Power on, falling back through the voltages the reader offers.
  std::vector<std::uint8_t> atr_bytes;
  std::string last_error;
  for (Voltage v : voltages_to_try(d)) {
    auto r = reader.power_on(slot, v);
    if (r.disconnected) {
      out.disconnected = true;
      out.error = r.error;
      out.fault = CardFault::ReaderUnplugged;
      return out;
    }
    if (!r.reply) {
      out.error = r.error;
      out.fault = CardFault::ReaderNotResponding;
      out.stalled = r.stalled;
      return out;
    }
    if (r.reply->icc() == IccStatus::Absent) {
      out.no_card = true;
      out.error = "no card in slot " + std::to_string(slot);
      out.fault = CardFault::NoCard;
      return out;
    }
    if (r.ok() && !r.reply->data.empty()) {
      atr_bytes = std::move(r.reply->data);
      card->voltage_ = v;
      break;
    }
    last_error = std::string(voltage_name(v)) + ": " + (r.error.empty() ? "empty ATR" : r.error);
    reader.power_off(slot);
  }
  if (atr_bytes.empty()) {
    out.error = "card did not answer at any voltage (" + last_error + ")";
    out.fault = CardFault::CardMute;
    return out;
  }
  card->powered_ = true;
  // 2. ATR.
  auto parsed = iso7816::parse_atr(atr_bytes);
  if (!parsed.atr) {
    out.error = "ATR " + iso7816::hex(atr_bytes) + ": " + parsed.error;
    out.fault = CardFault::BadAtr;
    return out;
  }
  card->atr_ = std::move(*parsed.atr);
  const auto& atr = card->atr_;
  // 3. Protocol: the specific mode's, else the first offered that the reader speaks.
  int protocol = -1;
  if (atr.specific_mode()) {
    protocol = *atr.ta2 & 0x0F;
  } else {
    for (int t : atr.protocols.empty() ? std::vector<int>{0} : atr.protocols) {
      if (t <= 1 && d.supports_protocol(t)) {
        protocol = t;
        break;
      }
    }
  }
  if (protocol < 0 || protocol > 1 || !d.supports_protocol(protocol)) {
    out.error =
        "card speaks no protocol this reader supports (ATR " + iso7816::hex(atr.bytes) + ")";
    out.fault = CardFault::NoCommonProtocol;
    return out;
  }
  card->protocol_ = protocol;
  std::uint8_t fidi = atr.fidi();
  // 4. PPS, only when the reader leaves it to the driver and there is something to negotiate.
  if (!atr.specific_mode() && !d.negotiates_itself() && d.level() == ExchangeLevel::Tpdu &&
      (fidi != 0x11 || protocol != atr.first_protocol())) {
    const auto request = pps_request(protocol, fidi);
    auto r = reader.xfr_block(slot, request);
    card->pps_sent_ = true;
    if (r.stalled) {
      out.error = "PPS: " + r.error;
      out.fault = CardFault::ReaderNotResponding;
      out.stalled = true;
      card->abandon();  // a PowerOff would wait out the same bounds
      return out;
    }
    if (!r.ok() || r.reply->data != request) {
      // The card refused: reset it and stay at the default rate.
      reader.power_off(slot);
      auto again = reader.power_on(slot, card->voltage_);
      if (!again.ok()) {
        out.error = "card refused PPS and did not come back after a reset: " + again.error;
        out.fault = CardFault::ProtocolError;
        return out;
      }
      fidi = 0x11;
    }
  }
  // 5. SetParameters from the ATR.
  const auto params = parameters_from_atr(atr, protocol, fidi);
  auto sp = reader.set_parameters(slot, static_cast<std::uint8_t>(protocol), params);
  if (sp.stalled) {
    out.error = "SetParameters: " + sp.error;
    out.fault = CardFault::ReaderNotResponding;
    out.stalled = true;
    card->abandon();  // a PowerOff would wait out the same bounds
    return out;
  }
  if (!sp.ok() && !d.has(kAutoParametersFromAtr)) {
    out.error = "reader refused the card's parameters: " + sp.error;
    out.fault = CardFault::ProtocolError;
    return out;
  }
  // 6. The channel.
  if (d.level() == ExchangeLevel::Tpdu) {
    if (protocol == 0) {
      card->tpdu_t0_ = true;
    } else {
      CcidCard* self = card.get();
      iso7816::T1Config cfg;
      cfg.ifsc = atr.t1_ifsc();
      cfg.ifsd = static_cast<std::uint8_t>(std::min<std::uint32_t>(254, d.max_ifsd));
      cfg.crc = atr.t1_crc;
      card->t1_.emplace([self](std::span<const std::uint8_t> block,
                               std::uint8_t wtx) { return self->xfr(block, wtx); },
                        cfg);
      if (!d.has(kAutoIfsd)) {
        if (auto err = card->t1_->negotiate_ifsd(); !err.empty()) {
          out.error = "T=1: " + err;
          out.fault = CardFault::ProtocolError;
          if (card->stall_ && card->stall_->fault == CardFault::ReaderNotResponding) {
            out.fault = CardFault::ReaderNotResponding;
            out.stalled = true;
            card->abandon();
          }
          return out;
        }
      }
    }
  }
  out.card = std::move(card);
  return out;
}

CcidCard::~CcidCard() {
  power_off();
}

void CcidCard::power_off() {
  if (!powered_) return;
  powered_ = false;
  reader_.power_off(slot_);
}

RawReply CcidCard::xfr(std::span<const std::uint8_t> data, std::uint8_t bwi) {
  RawReply out;
  auto r = reader_.xfr_block(slot_, data, bwi);
  if (r.reply && r.reply->icc() == IccStatus::Absent) {
    out.card_removed = true;
    out.error = "card removed";
    return out;
  }
  if (!r.ok()) {
    out.card_removed = r.disconnected;
    out.error = r.error.empty() ? "exchange failed" : r.error;
    if (!r.reply) {
      // The reader itself failed (a failed reply is the card's problem, which T=1 recovers).
      out.fault = r.fault;
      out.stalled = r.stalled;
      note_stall(out);
    }
    return out;
  }
  out.bytes = std::move(r.reply->data);
  return out;
}

void CcidCard::note_stall(const RawReply& r) {
  if (r.stalled && !stall_) stall_ = CardStall{r.fault, r.error};
}

// APDU-level readers: a command longer than one message goes in parts (wLevelParameter 1, 3 ...
// 2), and a long response comes back in parts the driver asks for with wLevelParameter 0x10.
RawReply CcidCard::xfr_chained(std::span<const std::uint8_t> data) {
  const std::size_t room = reader_.descriptor().max_message_length - kHeaderSize;
  RawReply out;
  std::optional<Reply> reply;
  auto step = [&](std::span<const std::uint8_t> part, std::uint16_t level) {
    auto r = reader_.xfr_block(slot_, part, 0, level);
    if (r.reply && r.reply->icc() == IccStatus::Absent) {
      out.card_removed = true;
      out.error = "card removed";
      return false;
    }
    if (!r.ok()) {
      out.card_removed = r.disconnected;
      out.error = r.error.empty() ? "exchange failed" : r.error;
      if (!r.reply) {
        out.fault = r.fault;
        out.stalled = r.stalled;
      }
      return false;
    }
    reply = std::move(r.reply);
    return true;
  };
  if (data.size() <= room) {
    if (!step(data, 0)) return out;
  } else {
    for (std::size_t at = 0; at < data.size(); at += room) {
      const std::size_t n = std::min(room, data.size() - at);
      const std::uint16_t level = at == 0 ? 0x0001 : (at + n == data.size() ? 0x0002 : 0x0003);
      if (!step(data.subspan(at, n), level)) return out;
      if (level != 0x0002 && reply->specific != 0x10) {
        out.error = "reader did not ask for the next part of a chained command";
        return out;
      }
    }
  }
  out.bytes = std::move(reply->data);
  int parts = 0;
  while (reply->specific == 0x01 || reply->specific == 0x03) {
    if (++parts > 1024) {
      out.error = "chained response does not end";
      return out;
    }
    if (!step({}, 0x0010)) return out;
    out.bytes.insert(out.bytes.end(), reply->data.begin(), reply->data.end());
  }
  return out;
}

RawReply CcidCard::exchange(std::span<const std::uint8_t> command) {
  RawReply out;
  if (stall_) {
    out.error = "card not used again after a stalled command: " + stall_->detail;
    out.fault = stall_->fault;
    out.stalled = true;
    return out;
  }
  if (!powered_) {
    out.error = "card is powered off";
    return out;
  }
  if (t1_) {
    out = t1_->transmit(command);
  } else if (reader_.descriptor().level() == ExchangeLevel::Tpdu) {
    out = xfr(command, 0);
  } else {
    out = xfr_chained(command);
  }
  note_stall(out);
  return out;
}

}  // namespace drivers::ccid
