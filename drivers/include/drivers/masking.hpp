// Masked formatters: every log line and every display of personal data goes through these.
#pragma once

#include <string>
#include <string_view>

namespace drivers {

// 310101199001011234 -> 3101**********1234 (first 4 and last 4 kept)
std::string mask_id_number(std::string_view id);
// 张三 -> 张*, 欧阳娜娜 -> 欧***, Zhang San -> Z********
std::string mask_name(std::string_view name);
// An address keeps its first 6 characters: 上海市黄浦区******
std::string mask_address(std::string_view address);

// A log line made safe to show or export:
//  - digit runs of 12 or more (ID and bank-card numbers) masked like mask_id_number;
//  - mainland mobile numbers (1[3-9] and nine digits, contiguous or 3-4-4 with spaces or
//    hyphens) masked in the middle: 138****5678;
//  - the values of personal key=value pairs (name, xm, fullname, realname; idcard, sfzh, zjhm,
//    id_number ...; phone, mobile, tel ...; address, addr; 姓名, 证件号码, 手机号码 ...; keys
//    ASCII-case-insensitive and whole words, after = : or ：, JSON-quoted or not), percent-
//    decoded first (name=%E5%BC%A0%E4%B8%89 -> name=张*) and masked by kind (name, ID number,
//    phone, address); a value holding a '*' is taken as masked already;
//  - the data of PIN-bearing APDUs (INS 20, 24, 2C; spaced or contiguous hex) replaced by
//    "[PIN redacted]".
// Errs towards hiding: a harmless long number or a "name=" that is no person is masked too.
std::string redact_log_text(std::string_view line);

}  // namespace drivers
