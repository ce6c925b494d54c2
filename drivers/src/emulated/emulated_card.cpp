#include "drivers/emulated/emulated_card.hpp"

#include <algorithm>

#include "drivers/iso7816/apdu.hpp"
#include "drivers/secure_buffer.hpp"

namespace drivers::emulated {
namespace {

std::vector<std::uint8_t> sw(std::uint16_t v) {
  return {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

std::vector<std::uint8_t> with_sw(std::vector<std::uint8_t> data, std::uint16_t v) {
  data.push_back(static_cast<std::uint8_t>(v >> 8));
  data.push_back(static_cast<std::uint8_t>(v));
  return data;
}

std::vector<std::uint8_t> ascii(std::string_view s) {
  return {s.begin(), s.end()};
}

// INS codes whose T=0 P3 is Lc (data goes to the card); for the rest it is Le.
bool incoming(std::uint8_t ins) {
  return ins == 0xA4 || ins == 0x20 || ins == 0x24 || ins == 0x2C || ins == 0xD6 || ins == 0xDC ||
         ins == 0xE2;
}

}  // namespace

EmulatedCard::EmulatedCard(std::vector<std::uint8_t> atr, std::vector<std::uint8_t> aid,
                           std::vector<CardFile> files, std::string pin)
    : atr_(std::move(atr)), aid_(std::move(aid)), files_(std::move(files)), pin_(std::move(pin)) {}

EmulatedCard EmulatedCard::sample_social_card() {
  // ATR: TS 3B, T0 D8 (TA1 TC1 TD1, 8 historical), TA1 13 (Fi 372 / Di 4), TC1 00,
  // TD1 81 (T=1, TD2 follows), TD2 31 (TA3 TB3 for T=1), TA3 FE (IFSC 254), TB3 45,
  // historical "KIOSKSIM", TCK.
  std::vector<std::uint8_t> atr{0x3B, 0xD8, 0x13, 0x00, 0x81, 0x31, 0xFE, 0x45};
  for (char c : std::string_view("KIOSKSIM")) atr.push_back(static_cast<std::uint8_t>(c));
  std::uint8_t tck = 0;
  for (std::size_t i = 1; i < atr.size(); ++i) tck ^= atr[i];
  atr.push_back(tck);
  // Files: EF 0001 card info (public), EF 0002 holder (after PIN), record EF with SFI 3.
  CardFile info{0x0001, 1, ascii("CARD=SIM-0001;ISSUER=310000;VERSION=3.0"), {}, false};
  // Synthetic holder: name 测试 (UTF-8), ID 11010519491231002X, the standard's example number.
  CardFile holder{
      0x0002, 2, ascii("NAME=\xE6\xB5\x8B\xE8\xAF\x95;ID=11010519491231002X"), {}, true};
  CardFile log{0x0003,
               3,
               {},
               {ascii("2026-11-01 MEDICAL 35.00"), ascii("2026-11-12 PHARMACY 12.50")},
               false};
  // A long file so responses chain at T=1 and span several READ BINARYs.
  std::vector<std::uint8_t> big(600);
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<std::uint8_t>(i * 7 + 1);
  CardFile large{0x0004, 4, std::move(big), {}, false};
  EmulatedCard card(std::move(atr), {0xA0, 0x00, 0x00, 0x06, 0x32, 0x53, 0x49, 0x4D},
                    {info, holder, log, large}, "123456");
  card.set_data_object(0x9F7F, {0x01, 0x02, 0x03, 0x04});
  return card;
}

void EmulatedCard::reset() {
  app_selected_ = false;
  current_ = nullptr;
  verified_ = false;
  pending_.clear();
}

CardFile* EmulatedCard::find(std::uint16_t fid) {
  for (auto& f : files_) {
    if (f.fid == fid) return &f;
  }
  return nullptr;
}

CardFile* EmulatedCard::find_sfi(std::uint8_t sfi) {
  for (auto& f : files_) {
    if (f.sfi == sfi) return &f;
  }
  return nullptr;
}

std::vector<std::uint8_t> EmulatedCard::process(std::span<const std::uint8_t> apdu) {
  const auto shape = iso7816::parse_command(apdu);
  if (!shape) return sw(0x6700);
  if ((shape->cla & 0x80) && shape->cla != 0xFF) return sw(0x6E00);
  return run(shape->ins, shape->p1, shape->p2, shape->data, shape->le.value_or(0),
             shape->le.has_value());
}

std::vector<std::uint8_t> EmulatedCard::run(std::uint8_t ins, std::uint8_t p1, std::uint8_t p2,
                                            std::span<const std::uint8_t> data, std::size_t le,
                                            bool has_le) {
  switch (ins) {
    case 0xA4: {  // SELECT
      if (p1 == 0x04) {
        if (std::equal(data.begin(), data.end(), aid_.begin(), aid_.end())) {
          app_selected_ = true;
          current_ = nullptr;
          // FCI: 6F { 84 AID }
          std::vector<std::uint8_t> fci{0x6F, static_cast<std::uint8_t>(aid_.size() + 2), 0x84,
                                        static_cast<std::uint8_t>(aid_.size())};
          fci.insert(fci.end(), aid_.begin(), aid_.end());
          if (has_le) fci.resize(std::min(fci.size(), le));
          return with_sw(has_le ? fci : std::vector<std::uint8_t>{}, 0x9000);
        }
        return sw(0x6A82);
      }
      if (!app_selected_) return sw(0x6A82);
      if (data.size() != 2) return sw(0x6700);
      current_ = find(static_cast<std::uint16_t>((data[0] << 8) | data[1]));
      return sw(current_ ? 0x9000 : 0x6A82);
    }
    case 0x20: {  // VERIFY
      if (p2 != 0x01 && p2 != 0x81) return sw(0x6A88);
      if (tries_left_ == 0) return sw(0x6983);
      if (data.empty()) return sw(static_cast<std::uint16_t>(0x63C0 | tries_left_));
      const bool match = std::equal(data.begin(), data.end(), pin_.begin(), pin_.end());
      if (match) {
        tries_left_ = 3;
        verified_ = true;
        return sw(0x9000);
      }
      --tries_left_;
      verified_ = false;
      return sw(tries_left_ == 0 ? 0x6983 : static_cast<std::uint16_t>(0x63C0 | tries_left_));
    }
    case 0xB0: {  // READ BINARY
      CardFile* f = current_;
      if (p1 & 0x80) f = find_sfi(p1 & 0x1F);
      if (!f) return sw(0x6986);
      if (f->needs_pin && !verified_) return sw(0x6982);
      if (!f->records.empty()) return sw(0x6981);
      const std::size_t offset =
          (p1 & 0x80) ? p2 : ((static_cast<std::size_t>(p1 & 0x7F) << 8) | p2);
      if (offset > f->content.size()) return sw(0x6B00);
      const std::size_t available = f->content.size() - offset;
      const std::size_t n = std::min(available, has_le ? le : 256);
      std::vector<std::uint8_t> out(f->content.begin() + static_cast<std::ptrdiff_t>(offset),
                                    f->content.begin() + static_cast<std::ptrdiff_t>(offset + n));
      // Le 00 (256 / 65536) means "as much as there is"; a shorter explicit Le read is 6282.
      const bool wildcard = le == 256 || le == 65536;
      return with_sw(std::move(out), n < le && has_le && !wildcard ? 0x6282 : 0x9000);
    }
    case 0xB2: {  // READ RECORD (P2: SFI << 3 | 4 = record number in P1)
      CardFile* f = (p2 >> 3) ? find_sfi(static_cast<std::uint8_t>(p2 >> 3)) : current_;
      if (!f) return sw(0x6A82);
      if ((p2 & 0x07) != 0x04) return sw(0x6A86);
      if (p1 == 0 || p1 > f->records.size()) return sw(0x6A83);
      auto rec = f->records[p1 - 1];
      if (has_le && le < rec.size()) rec.resize(le);
      return with_sw(std::move(rec), 0x9000);
    }
    case 0xCA: {  // GET DATA
      auto it = objects_.find(static_cast<std::uint16_t>((p1 << 8) | p2));
      if (it == objects_.end()) return sw(0x6A88);
      return with_sw(it->second, 0x9000);
    }
    case 0xC0: {  // GET RESPONSE (T=0)
      if (pending_.empty()) return sw(0x6985);
      const std::size_t n = std::min(pending_.size(), le ? le : 256);
      std::vector<std::uint8_t> out(pending_.begin(),
                                    pending_.begin() + static_cast<std::ptrdiff_t>(n));
      pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
      if (!pending_.empty()) {
        return with_sw(std::move(out), static_cast<std::uint16_t>(
                                           0x6100 | std::min<std::size_t>(pending_.size(), 255)));
      }
      return with_sw(std::move(out), 0x9000);
    }
    default:
      return sw(0x6D00);
  }
}

std::vector<std::uint8_t> EmulatedCard::process_t0(std::span<const std::uint8_t> tpdu) {
  if (tpdu.size() < 5) return sw(0x6700);
  const std::uint8_t ins = tpdu[1], p1 = tpdu[2], p2 = tpdu[3], p3 = tpdu[4];
  const auto body = tpdu.subspan(5);
  if (ins == 0xC0) return run(ins, p1, p2, {}, p3, true);
  pending_.clear();
  if (incoming(ins)) {
    if (body.size() != p3) return sw(0x6700);
    // Case 3 or 4: the card cannot send data in this exchange; it offers it with 61xx.
    auto r = run(ins, p1, p2, body, 256, true);
    const std::uint16_t status = static_cast<std::uint16_t>((r[r.size() - 2] << 8) | r.back());
    r.resize(r.size() - 2);
    if (!r.empty() && status == 0x9000) {
      pending_ = r;
      secure_wipe(r.data(), r.size());
      return sw(static_cast<std::uint16_t>(0x6100 | std::min<std::size_t>(pending_.size(), 255)));
    }
    return sw(status);
  }
  if (!body.empty()) return sw(0x6700);
  // Case 1 or 2: P3 is Le; a T=0 card wants the exact length (6Cxx tells it).
  const std::size_t le = p3 ? p3 : 256;
  auto r = run(ins, p1, p2, {}, 65536, true);
  const std::uint16_t status = static_cast<std::uint16_t>((r[r.size() - 2] << 8) | r.back());
  const std::size_t have = r.size() - 2;
  if ((status == 0x9000 || status == 0x6282) && have != le && have > 0 && have < 256) {
    return sw(static_cast<std::uint16_t>(0x6C00 | have));
  }
  if (have > le) {
    r.erase(r.begin() + static_cast<std::ptrdiff_t>(le), r.end() - 2);
  } else if (have == le && status == 0x6282) {
    r[r.size() - 2] = 0x90;  // exactly what was asked for: not a short read
    r.back() = 0x00;
  }
  return r;
}

}  // namespace drivers::emulated
