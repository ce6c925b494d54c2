// Chinese text normalisation before eSpeak. eSpeak reads 12345678 as a cardinal number,
// 2026年 as 二千二十六年, 3.14 without 点 and A7K3 as one English word; a kiosk must read ID,
// phone and card numbers, codes and house numbers digit by digit, years digit by digit,
// decimals with 点, and percentages, times, dates, money, ranges and masked values the way a
// person at the counter would say them. Output is Chinese text (plus Latin letters where a
// code is spelled), ready for split_by_language().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tts {

struct NormalizerOptions {
  bool yao_for_one = false;  // read 1 as 幺 in digit strings (a board may prefer it)
};

std::string normalize_chinese(std::string_view text, const NormalizerOptions& options = {});

// Building blocks, exposed for tests.
std::string read_digits(std::u32string_view digits, const NormalizerOptions& options = {});
std::string read_cardinal(std::uint64_t value);  // 0 .. 99'999'999

}  // namespace tts
