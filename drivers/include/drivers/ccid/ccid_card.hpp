// A card in a CCID slot, ready for APDUs: power-on with voltage fallback (5 V -> 3 V -> 1.8 V
// unless the reader selects the voltage itself), ATR parsing, protocol choice, PPS only when the
// reader does not negotiate by itself, SetParameters from the ATR, IFSD negotiation for T=1, and
// then a CardChannel at the reader's exchange level (T=0 TPDU, T=1 blocks, or APDUs with
// CCID-level chaining for extended lengths).
#pragma once

#include <memory>
#include <optional>

#include "drivers/card_fault.hpp"
#include "drivers/ccid/ccid_reader.hpp"
#include "drivers/iso7816/atr.hpp"
#include "drivers/iso7816/card_channel.hpp"
#include "drivers/iso7816/t1_protocol.hpp"

namespace drivers::ccid {

class CcidCard;

struct ConnectResult {
  std::unique_ptr<CcidCard> card;
  std::string error;                  // for the technician
  CardFault fault = CardFault::None;  // why (the firmware words it for the citizen)
  bool no_card = false;               // the slot is empty: keep waiting quietly
  bool disconnected = false;          // the reader went away
  bool stalled = false;  // the reader gave no reply within its time bounds (ReaderNotResponding)
};

// A command that was abandoned at a liveness bound (see RawReply::stalled): the card is not
// used again. ProtocolError: the card broke a T=1 bound (endless WTX/IFS requests, empty
// chains, the per-command deadline). ReaderNotResponding: the reader gave no reply in time.
struct CardStall {
  CardFault fault = CardFault::None;
  std::string detail;  // English, for the technician
};

class CcidCard final : public iso7816::CardChannel {
 public:
  static ConnectResult connect(CcidReader& reader, std::uint8_t slot);
  ~CcidCard() override;
  CcidCard(const CcidCard&) = delete;
  CcidCard& operator=(const CcidCard&) = delete;

  iso7816::RawReply exchange(std::span<const std::uint8_t> command) override;
  bool tpdu_t0() const override { return tpdu_t0_; }

  const iso7816::Atr& atr() const { return atr_; }
  int protocol() const { return protocol_; }
  Voltage voltage() const { return voltage_; }
  bool pps_sent() const { return pps_sent_; }
  const iso7816::T1Protocol* t1() const { return t1_ ? &*t1_ : nullptr; }
  void power_off();
  // Set once a command stalled; from then on exchange() fails at once with the same fault.
  const std::optional<CardStall>& stall() const { return stall_; }
  // Forget the card without a word to the reader (it is not answering: a PowerOff would only
  // wait out the same bounds again).
  void abandon() { powered_ = false; }

 private:
  CcidCard(CcidReader& reader, std::uint8_t slot) : reader_(reader), slot_(slot) {}
  iso7816::RawReply xfr(std::span<const std::uint8_t> data, std::uint8_t bwi);
  iso7816::RawReply xfr_chained(std::span<const std::uint8_t> data);
  void note_stall(const iso7816::RawReply& r);

  CcidReader& reader_;
  std::uint8_t slot_;
  iso7816::Atr atr_;
  int protocol_ = 0;
  Voltage voltage_ = Voltage::Automatic;
  bool tpdu_t0_ = false;
  bool pps_sent_ = false;
  bool powered_ = false;
  std::optional<iso7816::T1Protocol> t1_;
  std::optional<CardStall> stall_;
};

// The SetParameters abProtocolDataStructure for T=0 (5 bytes) or T=1 (7 bytes) from an ATR.
std::vector<std::uint8_t> parameters_from_atr(const iso7816::Atr& atr, int protocol,
                                              std::uint8_t fidi);
// PPS request (ISO 7816-3 §9): FF, PPS0, PPS1, PCK.
std::vector<std::uint8_t> pps_request(int protocol, std::uint8_t fidi);

}  // namespace drivers::ccid
