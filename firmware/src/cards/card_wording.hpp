// Every sentence the citizen hears or reads about cards and readers, in one place. Values are
// masked: the hall is public (张*, 证件号码尾号1234).
#pragma once

#include <string>

#include "drivers/card_watcher.hpp"
#include "drivers/iso7816/apdu.hpp"

namespace kiosk::card_wording {

std::string kind(const drivers::IdCard& card);  // 居民身份证
std::string date(const std::string& yyyymmdd);  // 2031年7月1日
std::string last4(std::string_view id_number);
std::string read_masked(const drivers::IdCard& card);  // 已读取居民身份证。张*，证件号码尾号1234。
std::string filled(const drivers::IdCard& card, const std::string& what);
std::string expired(const drivers::IdCard& card);
std::string card_inserted();
std::string card_removed();
std::string reader_trouble();
// A service page asked for the ID card (the identify prompt) and what follows it.
std::string identify_prompt();  // 请将身份证放在读卡区。
// 已读取居民身份证：张*，身份证尾号1234。[已为您填写姓名。]请取回您的身份证。
std::string identified(const drivers::IdCard& card, const std::string& filled_what);
std::string identified_caption(const drivers::IdCard& card);  // for the caption bar
std::string take_back();                                      // 请取回您的身份证。
std::string wrong_card_for_identify();  // a smart card inserted where the ID card was asked
std::string reader_trouble_identify();  // no reader to read it: what to do instead
// A smart card's PIN (digits are tones, never words).
std::string pin_insert_card();  // the page wants the PIN and no card is in yet
std::string pin_prompt();
std::string pin_too_short();
std::string pin_checking();
std::string pin_accepted();
std::string pin_cancelled();
std::string pin_unavailable();  // no reader or card could check it
// A read that failed or a card that cannot be used: the drivers' reason code, said plainly.
std::string failed(drivers::CardFault fault);
std::string failed(const drivers::CardEvent& event);
// What a smart card's status word means to the citizen (for card services that send APDUs).
std::string card_status(const drivers::iso7816::SwText& status);

}  // namespace kiosk::card_wording
