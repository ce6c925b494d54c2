#include "tts/text_normalizer.hpp"

#include <array>
#include <optional>

#include "tts/utf8.hpp"

namespace tts {
namespace {

constexpr std::array<const char*, 10> kDigit{"零", "一", "二", "三", "四",
                                             "五", "六", "七", "八", "九"};

bool is_digit(char32_t c) {
  return c >= U'0' && c <= U'9';
}
bool is_latin(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}
bool is_han(char32_t c) {
  return c >= 0x3400 && c <= 0x9FFF;
}
bool is_range_dash(char32_t c) {
  return c == U'-' || c == U'~' || c == U'\u2014' || c == U'\u2013' || c == U'\uFF5E' ||
         c == U'\u81F3';  // 至
}

// Measure words and units after which a 3-4 digit number is a quantity, read as a cardinal.
bool is_measure(char32_t c) {
  static constexpr std::u32string_view kMeasures =
      U"个份元天年月日号楼层岁次件人位项张页米克斤吨分秒小时周条本户间元角台辆名种所家";
  return kMeasures.find(c) != std::u32string_view::npos;
}

std::uint64_t value_of(std::u32string_view digits) {
  std::uint64_t v = 0;
  for (char32_t d : digits) v = v * 10 + static_cast<std::uint64_t>(d - U'0');
  return v;
}

std::string read_section(std::uint64_t n, bool leading) {
  // n < 10000: 千百十 with one 零 for each run of inner zeros.
  static constexpr std::array<const char*, 4> kUnit{"千", "百", "十", ""};
  std::string out;
  bool pending_zero = false;
  bool started = false;
  for (int i = 0; i < 4; ++i) {
    static constexpr std::array<std::uint64_t, 4> kPow{1000, 100, 10, 1};
    const std::uint64_t d = (n / kPow[i]) % 10;
    if (d == 0) {
      if (started) pending_zero = true;
      continue;
    }
    if (pending_zero) out += kDigit[0];
    pending_zero = false;
    // 十二, not 一十二, at the start of a number.
    if (!(i == 2 && d == 1 && !started && leading)) out += kDigit[d];
    out += kUnit[i];
    started = true;
  }
  return out;
}

struct Reader {
  std::u32string_view text;
  const NormalizerOptions& options;
  std::size_t pos = 0;
  std::string out;

  std::size_t digits_at(std::size_t at) const {
    std::size_t n = 0;
    while (at + n < text.size() && is_digit(text[at + n])) ++n;
    return n;
  }
  char32_t at(std::size_t i) const { return i < text.size() ? text[i] : U'\0'; }

  // A number with an optional decimal part at `pos`: returns (integer, fraction) views.
  std::optional<std::pair<std::u32string_view, std::u32string_view>> number_at(
      std::size_t i) const {
    const std::size_t n = digits_at(i);
    if (n == 0) return std::nullopt;
    std::u32string_view frac;
    if (at(i + n) == U'.' && digits_at(i + n + 1) > 0)
      frac = text.substr(i + n + 1, digits_at(i + n + 1));
    return std::pair{text.substr(i, n), frac};
  }

  std::string read_number(std::u32string_view integer, std::u32string_view fraction) const {
    std::string s =
        integer.size() <= 8 ? read_cardinal(value_of(integer)) : read_digits(integer, options);
    if (!fraction.empty()) s += "点" + read_digits(fraction, options);
    return s;
  }

  bool try_masked() {
    // 3101**********1234, 138****5678, 张*
    std::size_t i = pos;
    while (i < text.size() && (is_digit(text[i]) || is_latin(text[i]))) ++i;
    const std::size_t prefix_end = i;
    const bool han_prefix = prefix_end == pos && is_han(at(pos)) && at(pos + 1) == U'*';
    const std::size_t star_start = han_prefix ? pos + 1 : prefix_end;
    std::size_t stars = 0;
    while (at(star_start + stars) == U'*' || at(star_start + stars) == U'\uFF0A') ++stars;
    if (stars == 0 || (!han_prefix && prefix_end == pos && stars < 2)) return false;
    if (han_prefix) {
      append_utf8(out, text[pos]);
      out += "，后" + read_cardinal(stars) + "个字已隐藏";
      pos = star_start + stars;
      return true;
    }
    std::size_t suffix_end = star_start + stars;
    while (suffix_end < text.size() &&
           (is_digit(text[suffix_end]) || text[suffix_end] == U'X' || text[suffix_end] == U'x')) {
      ++suffix_end;
    }
    out += read_digits(text.substr(pos, prefix_end - pos), options);
    out += "，中间" + read_cardinal(stars) + "位已隐藏，";
    out += read_digits(text.substr(star_start + stars, suffix_end - star_start - stars), options);
    pos = suffix_end;
    return true;
  }

  bool try_money() {
    const bool sign = at(pos) == U'\u00A5' || at(pos) == U'\uFFE5';
    auto number = number_at(pos + (sign ? 1 : 0));
    if (!number) return false;
    const auto [integer, fraction] = *number;
    const std::size_t end =
        pos + (sign ? 1 : 0) + integer.size() + (fraction.empty() ? 0 : fraction.size() + 1);
    const bool yuan_suffix = at(end) == U'元';
    if (!sign && !(yuan_suffix && !fraction.empty())) return false;
    const std::uint64_t yuan = value_of(integer);
    const int jiao = fraction.size() >= 1 ? static_cast<int>(fraction[0] - U'0') : 0;
    const int fen = fraction.size() >= 2 ? static_cast<int>(fraction[1] - U'0') : 0;
    std::string s;
    if (yuan > 0 || (jiao == 0 && fen == 0)) s += read_cardinal(yuan) + "元";
    if (jiao > 0) s += std::string(kDigit[jiao]) + "角";
    if (fen > 0) s += (yuan > 0 && jiao == 0 ? "零" : "") + std::string(kDigit[fen]) + "分";
    out += s;
    pos = end + (yuan_suffix ? 1 : 0);
    return true;
  }

  bool try_percent() {
    auto number = number_at(pos);
    if (!number) return false;
    const std::size_t end =
        pos + number->first.size() + (number->second.empty() ? 0 : number->second.size() + 1);
    if (at(end) != U'%' && at(end) != U'\uFF05') return false;
    out += "百分之" + read_number(number->first, number->second);
    pos = end + 1;
    return true;
  }

  // HH:MM[:SS] -> 十四点三十分; returns the reading and the end, or nullopt.
  std::optional<std::pair<std::string, std::size_t>> time_at(std::size_t i) const {
    const std::size_t h = digits_at(i);
    if (h == 0 || h > 2 || (at(i + h) != U':' && at(i + h) != U'\uFF1A')) return std::nullopt;
    const std::size_t m = digits_at(i + h + 1);
    if (m != 2) return std::nullopt;
    const std::uint64_t hour = value_of(text.substr(i, h));
    const std::uint64_t minute = value_of(text.substr(i + h + 1, 2));
    if (hour > 24 || minute > 59) return std::nullopt;
    std::string s = read_cardinal(hour) + "点";
    if (minute > 0) s += (minute < 10 ? "零" : "") + read_cardinal(minute) + "分";
    std::size_t end = i + h + 3;
    if (at(end) == U':' && digits_at(end + 1) == 2) {
      const std::uint64_t second = value_of(text.substr(end + 1, 2));
      if (second > 0) s += read_cardinal(second) + "秒";
      end += 3;
    }
    return std::pair{s, end};
  }

  bool try_time() {
    auto t = time_at(pos);
    if (!t) return false;
    out += t->first;
    pos = t->second;
    if (is_range_dash(at(pos))) {
      if (auto t2 = time_at(pos + 1)) {
        out += "至" + t2->first;
        pos = t2->second;
      }
    }
    return true;
  }

  bool try_date() {
    // 2026-11-25, 2026/11/25, 2026.11.25
    if (digits_at(pos) != 4) return false;
    const char32_t sep = at(pos + 4);
    if (sep != U'-' && sep != U'/' && sep != U'.') return false;
    const std::size_t m = digits_at(pos + 5);
    if (m < 1 || m > 2 || at(pos + 5 + m) != sep) return false;
    const std::size_t d = digits_at(pos + 6 + m);
    if (d < 1 || d > 2) return false;
    const std::uint64_t month = value_of(text.substr(pos + 5, m));
    const std::uint64_t day = value_of(text.substr(pos + 6 + m, d));
    if (month < 1 || month > 12 || day < 1 || day > 31) return false;
    out += read_digits(text.substr(pos, 4), options) + "年" + read_cardinal(month) + "月" +
           read_cardinal(day) + "日";
    pos += 6 + m + d;
    return true;
  }

  bool try_phone_with_area_code() {
    // 021-62345678: area code and number, digit by digit with a pause between.
    const std::size_t a = digits_at(pos);
    if (a < 3 || a > 4 || at(pos) != U'0' || at(pos + a) != U'-') return false;
    const std::size_t n = digits_at(pos + a + 1);
    if (n < 7 || n > 8) return false;
    out += read_digits(text.substr(pos, a), options) + "，" +
           read_digits(text.substr(pos + a + 1, n), options);
    pos += a + 1 + n;
    return true;
  }

  bool try_code() {
    // Mixed letters and digits (A7K3, 3B9X): spelled, letters for the English voice.
    std::size_t i = pos;
    bool letters = false;
    bool digits = false;
    while (i < text.size() && (is_latin(text[i]) || is_digit(text[i]))) {
      letters = letters || is_latin(text[i]);
      digits = digits || is_digit(text[i]);
      ++i;
    }
    if (!letters || !digits || i - pos > 12) return false;
    // An ID number's check letter X is handled by try_number.
    if (i - pos == 18 && (text[i - 1] == U'X' || text[i - 1] == U'x') && digits_at(pos) == 17) {
      return false;
    }
    for (std::size_t k = pos; k < i; ++k) {
      if (k > pos) out += ' ';
      if (is_digit(text[k])) {
        out += kDigit[text[k] - U'0'];
      } else {
        append_utf8(out, text[k]);
      }
    }
    pos = i;
    return true;
  }

  bool try_number() {
    const std::size_t n = digits_at(pos);
    if (n == 0) return false;
    const char32_t next = at(pos + n);
    // Resident ID number: 17 digits and a check character X read as 叉.
    if (n == 17 && (next == U'X' || next == U'x')) {
      out += read_digits(text.substr(pos, 17), options) + "叉";
      pos += 18;
      return true;
    }
    const std::u32string_view integer = text.substr(pos, n);
    if (next == U'.' && digits_at(pos + n + 1) > 0) {
      const std::size_t f = digits_at(pos + n + 1);
      out += read_number(integer, text.substr(pos + n + 1, f));
      pos += n + 1 + f;
      return true;
    }
    const bool year = n == 4 && next == U'年';
    const bool ordinal = pos > 0 && text[pos - 1] == U'第';
    bool cardinal = !year && (n <= 2 || (n <= 4 && (is_measure(next) || ordinal)));
    out += cardinal ? read_cardinal(value_of(integer)) : read_digits(integer, options);
    pos += n;
    // Ranges of quantities: 3-5个工作日 -> 三至五个工作日.
    if (cardinal && is_range_dash(next) && digits_at(pos + 1) > 0 && digits_at(pos + 1) <= 4) {
      out += "至";
      ++pos;
    }
    return true;
  }

  std::string run() {
    while (pos < text.size()) {
      if (try_masked() || try_money() || try_percent() || try_time() || try_date() ||
          try_phone_with_area_code() || try_code() || try_number()) {
        continue;
      }
      append_utf8(out, text[pos++]);
    }
    return out;
  }
};

}  // namespace

std::string read_digits(std::u32string_view digits, const NormalizerOptions& options) {
  std::string out;
  for (char32_t d : digits) {
    if (d == U'X' || d == U'x') {
      out += "叉";
    } else if (is_digit(d)) {
      out += (d == U'1' && options.yao_for_one) ? "幺" : kDigit[d - U'0'];
    }
  }
  return out;
}

std::string read_cardinal(std::uint64_t value) {
  if (value == 0) return kDigit[0];
  if (value >= 100'000'000) return read_digits(std::u32string(decode_utf8(std::to_string(value))));
  const std::uint64_t wan = value / 10000;
  const std::uint64_t rest = value % 10000;
  std::string out;
  if (wan > 0) {
    out += read_section(wan, true) + "万";
    if (rest > 0 && rest < 1000) out += kDigit[0];
    if (rest > 0) out += read_section(rest, false);
    return out;
  }
  return read_section(rest, true);
}

std::string normalize_chinese(std::string_view text, const NormalizerOptions& options) {
  const std::u32string u = decode_utf8(text);
  Reader reader{u, options, 0, {}};
  return reader.run();
}

}  // namespace tts
