// The 256-byte UCS-2LE text record an ID-card reader returns (GA 467): the resident ID card,
// the 港澳台居民居住证 ('J' at byte 248) and the 外国人永久居留身份证 in its 2017 ('I') and
// 2023 ('Y') layouts. Every personal field is a SecureString; validation covers the GB 11643
// check digit (resident, 'J', and the 18-digit 'Y' numbers, which start with 9), the 'I'
// number's form (3 letters + 12 digits), dates and expiry.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "drivers/card_fault.hpp"
#include "drivers/secure_buffer.hpp"

namespace drivers {

enum class CardKind {
  ResidentId,
  HkMacaoTaiwanResidence,
  ForeignPermanent2017,
  ForeignPermanent2023
};

struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

struct IdCard {
  CardKind kind = CardKind::ResidentId;
  SecureString name;
  std::string sex;     // GB/T 2261.1: 男, 女, 未知的性别, 未说明的性别
  std::string nation;  // GB 3304: 汉族 ... (empty on the 'J' card)
  SecureString birth;  // YYYYMMDD
  SecureString address;
  SecureString id_number;
  SecureString authority;
  std::string valid_from;     // YYYYMMDD
  std::string valid_to;       // YYYYMMDD, or 长期
  SecureString pass_number;   // 'J' card: the Hong Kong, Macao or Taiwan pass number
  SecureString english_name;  // 'I' / 'Y' cards
  std::string nationality;    // 'I' / 'Y': GB/T 2659 three-letter code
  std::string card_version;   // 'I': 证件版本号; 'Y': 换证次数
  bool expired = false;
  bool foreigner() const {
    return kind == CardKind::ForeignPermanent2017 || kind == CardKind::ForeignPermanent2023;
  }
};

// One field of the 256-byte record: byte offset and length (UCS-2LE, space padded).
struct RecordField {
  std::size_t at;
  std::size_t len;
  constexpr std::size_t end() const { return at + len; }
};

// The resident ID card's record (GA 467), which the 'J' card shares except that it has no
// nation and carries the pass number. The parser and the synthetic test records both use it.
struct ResidentLayout {
  RecordField name, sex, nation, birth, address, id_number, authority, valid_from, valid_to,
      pass_number, card_type;
};
inline constexpr ResidentLayout kResidentLayout{
    .name = {0, 30},
    .sex = {30, 2},
    .nation = {32, 4},
    .birth = {36, 16},
    .address = {52, 70},
    .id_number = {122, 36},
    .authority = {158, 30},
    .valid_from = {188, 16},
    .valid_to = {204, 16},
    .pass_number = {220, 18},  // 'J' card only
    .card_type = {248, 2},     // 'J', 'I', 'Y'; blank on the resident ID card
};

struct IdReadResult {
  std::optional<IdCard> card;
  std::string error;  // for the log (never with personal data in clear)
  // Why the card was refused; IdCardExpired (with `card` set) for a card past its validity.
  CardFault fault = CardFault::None;
};

// GB 11643-1999: the 18th character from the first 17 (0-9 or X).
char id_check_character(std::string_view first17);
bool id_number_valid(std::string_view id18);

std::string nation_name(int code);  // 1..56, 97, 98; empty if unknown

// `today` decides expiry. The record is exactly 256 bytes of UCS-2LE.
IdReadResult parse_id_text(std::span<const std::uint8_t> record, CivilDate today);

}  // namespace drivers
