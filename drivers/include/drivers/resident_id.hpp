// The 256-byte UCS-2LE text record an ID-card reader returns (GA 467), for the resident ID
// card and the 港澳台居民居住证 ('J' at byte 248); the foreigner permanent residence cards
// ('I' 2017, 'Y' 2023) are recognised and refused as not yet supported. Every personal field
// is a SecureString; validation covers the GB 11643 check digit, dates and expiry.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "drivers/secure_buffer.hpp"

namespace drivers {

enum class CardKind { ResidentId, HkMacaoTaiwanResidence };

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
  std::string valid_from;    // YYYYMMDD
  std::string valid_to;      // YYYYMMDD, or 长期
  SecureString pass_number;  // 'J' card: the Hong Kong, Macao or Taiwan pass number
  bool expired = false;
};

struct IdReadResult {
  std::optional<IdCard> card;
  std::string error;  // for the log (never with personal data in clear)
  std::string citizen_message;
};

// GB 11643-1999: the 18th character from the first 17 (0-9 or X).
char id_check_character(std::string_view first17);
bool id_number_valid(std::string_view id18);

std::string nation_name(int code);  // 1..56, 97, 98; empty if unknown

// `today` decides expiry. The record is exactly 256 bytes of UCS-2LE.
IdReadResult parse_id_text(std::span<const std::uint8_t> record, CivilDate today);

}  // namespace drivers
