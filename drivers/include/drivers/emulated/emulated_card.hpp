// A software ISO/IEC 7816-4 card: an application selected by AID, transparent and record files,
// GET DATA objects and a PIN with a retry counter. It answers APDUs directly (for T=1 and
// APDU-level readers) and TPDUs the way a T=0 card does (61xx for case 4, 6Cxx for a wrong Le).
// Used by the CCID reader emulator, by the QEMU VSCard peer and by `make run`. Synthetic data.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace drivers::emulated {

struct CardFile {
  std::uint16_t fid = 0;
  std::uint8_t sfi = 0;
  std::vector<std::uint8_t> content;               // transparent EF
  std::vector<std::vector<std::uint8_t>> records;  // record EF
  bool needs_pin = false;
};

class EmulatedCard {
 public:
  EmulatedCard(std::vector<std::uint8_t> atr, std::vector<std::uint8_t> aid,
               std::vector<CardFile> files, std::string pin);
  // A synthetic social-security-style card (T=1 ATR with T=0 also offered).
  static EmulatedCard sample_social_card();

  const std::vector<std::uint8_t>& atr() const { return atr_; }
  const std::vector<std::uint8_t>& aid() const { return aid_; }
  void set_atr(std::vector<std::uint8_t> atr) { atr_ = std::move(atr); }
  void set_data_object(std::uint16_t tag, std::vector<std::uint8_t> value) {
    objects_[tag] = std::move(value);
  }
  int pin_tries_left() const { return tries_left_; }
  void reset();  // a new power-on: nothing selected, PIN not verified (counter kept)

  // APDU in, response data + SW out.
  std::vector<std::uint8_t> process(std::span<const std::uint8_t> apdu);
  // T=0 TPDU in (CLA INS P1 P2 P3 [data]), T=0 answer out.
  std::vector<std::uint8_t> process_t0(std::span<const std::uint8_t> tpdu);

 private:
  std::vector<std::uint8_t> run(std::uint8_t ins, std::uint8_t p1, std::uint8_t p2,
                                std::span<const std::uint8_t> data, std::size_t le, bool has_le);
  CardFile* find(std::uint16_t fid);
  CardFile* find_sfi(std::uint8_t sfi);

  std::vector<std::uint8_t> atr_;
  std::vector<std::uint8_t> aid_;
  std::vector<CardFile> files_;
  std::string pin_;
  std::map<std::uint16_t, std::vector<std::uint8_t>> objects_;
  bool app_selected_ = false;
  CardFile* current_ = nullptr;
  bool verified_ = false;
  int tries_left_ = 3;
  std::vector<std::uint8_t> pending_;  // T=0 data waiting for GET RESPONSE
};

}  // namespace drivers::emulated
