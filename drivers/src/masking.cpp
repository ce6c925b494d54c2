#include "drivers/masking.hpp"

#include <algorithm>
#include <optional>
#include <vector>

namespace drivers {
namespace {

// Byte offsets of code point starts (UTF-8), plus the end.
std::vector<std::size_t> code_points(std::string_view s) {
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) at.push_back(i);
  }
  at.push_back(s.size());
  return at;
}

std::string keep(std::string_view s, std::size_t head, std::size_t tail) {
  const auto at = code_points(s);
  const std::size_t n = at.size() - 1;
  if (n == 0) return {};
  head = std::min(head, n);
  tail = std::min(tail, n - head);
  std::string out(s.substr(0, at[head]));
  out.append(n - head - tail, '*');
  out += s.substr(at[n - tail]);
  return out;
}

}  // namespace

std::string mask_id_number(std::string_view id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  return keep(id, 4, 4);
}

std::string mask_name(std::string_view name) {
  return keep(name, 1, 0);
}

std::string mask_address(std::string_view address) {
  return keep(address, 6, 0);
}

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  return (c | 0x20) - 'a' + 10;
}
bool is_word(char c) {
  return is_hex(c) || (c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z') || c == '_';
}
bool pin_ins(int cla, int ins) {
  return cla != 0xFF && (ins == 0x20 || ins == 0x24 || ins == 0x2C);
}

// "00 20 00 01 06 31 32 ..." at i: the length of the run of spaced hex bytes (0 if fewer
// than five) and its first two bytes.
std::size_t spaced_hex_run(std::string_view s, std::size_t i, int& cla, int& ins,
                           std::size_t& header_end) {
  std::size_t j = i;
  int count = 0;
  while (j + 1 < s.size() && is_hex(s[j]) && is_hex(s[j + 1]) &&
         (j + 2 == s.size() || !is_word(s[j + 2]))) {
    if (count == 0) cla = hex_value(s[j]) * 16 + hex_value(s[j + 1]);
    if (count == 1) ins = hex_value(s[j]) * 16 + hex_value(s[j + 1]);
    ++count;
    if (count == 4) header_end = j + 2;
    j += 2;
    if (j < s.size() && s[j] == ' ' && j + 2 < s.size() && is_hex(s[j + 1]) && is_hex(s[j + 2])) {
      ++j;
    } else {
      break;
    }
  }
  return count >= 5 ? j - i : 0;
}

// What a key=value pair's value is, and so how it is masked.
enum class ValueKind { Name, IdNumber, Phone, Address };

struct KeyRule {
  std::string_view key;
  ValueKind kind;
};

// ASCII keys (matched case-insensitively, as a whole word) of personal values: the field
// names government forms use (see firmware/src/browse/forms.cpp, sensitivity_of).
constexpr KeyRule kAsciiKeys[] = {
    {"name", ValueKind::Name},       {"xm", ValueKind::Name},
    {"fullname", ValueKind::Name},   {"realname", ValueKind::Name},
    {"idcard", ValueKind::IdNumber}, {"id_card", ValueKind::IdNumber},
    {"idno", ValueKind::IdNumber},   {"id_number", ValueKind::IdNumber},
    {"sfzh", ValueKind::IdNumber},   {"zjhm", ValueKind::IdNumber},
    {"certno", ValueKind::IdNumber}, {"phone", ValueKind::Phone},
    {"mobile", ValueKind::Phone},    {"tel", ValueKind::Phone},
    {"sjhm", ValueKind::Phone},      {"lxdh", ValueKind::Phone},
    {"address", ValueKind::Address}, {"addr", ValueKind::Address},
};

// Chinese keys, as UTF-8 or percent-encoded UTF-8 (a query string: %E5%A7%93%E5%90%8D=...).
// The longer spellings come first.
constexpr KeyRule kChineseKeys[] = {
    {"姓名", ValueKind::Name},         {"身份证号码", ValueKind::IdNumber},
    {"身份证号", ValueKind::IdNumber}, {"证件号码", ValueKind::IdNumber},
    {"手机号码", ValueKind::Phone},    {"手机号", ValueKind::Phone},
    {"联系电话", ValueKind::Phone},    {"住址", ValueKind::Address},
    {"地址", ValueKind::Address},
};

char lower_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
}

// `key` at s[i] (ASCII case-insensitive): its length in s, else 0.
std::size_t ascii_key_at(std::string_view s, std::size_t i, std::string_view key) {
  if (s.size() - i < key.size()) return 0;
  for (std::size_t k = 0; k < key.size(); ++k) {
    if (lower_ascii(s[i + k]) != key[k]) return 0;
  }
  return key.size();
}

// `key` (UTF-8) at s[i], literally or percent-encoded (%E5%A7%93..., either hex case): its
// length in s, else 0.
std::size_t chinese_key_at(std::string_view s, std::size_t i, std::string_view key) {
  if (s.substr(i, key.size()) == key) return key.size();
  std::size_t j = i;
  for (char c : key) {
    if (j + 3 > s.size() || s[j] != '%' || !is_hex(s[j + 1]) || !is_hex(s[j + 2]) ||
        hex_value(s[j + 1]) * 16 + hex_value(s[j + 2]) != static_cast<unsigned char>(c)) {
      return 0;
    }
    j += 3;
  }
  return j - i;
}

// A key=value pair's value found at s[i]: where the value starts and ends (end is exclusive;
// an opening quote is not part of it) and what it is.
struct PairValue {
  std::size_t start = 0;
  std::size_t end = 0;
  ValueKind kind = ValueKind::Name;
};

bool ends_value(std::string_view s, std::size_t j, bool quoted) {
  const char c = s[j];
  if (static_cast<unsigned char>(c) < 0x20 || c == '"') return true;
  if (quoted) return false;
  if (c == '&' || c == ' ' || c == '\t' || c == ',' || c == ';' || c == '\'' || c == '#' ||
      c == ')' || c == ']' || c == '}' || c == '>' || c == '<') {
    return true;
  }
  return s.substr(j, 3) == "，" || s.substr(j, 3) == "；" || s.substr(j, 3) == "）";
}

// "name=...", "xm=...", "\"phone\":\"...\"", "mobile: ...", "%E5%A7%93%E5%90%8D=..." at s[i].
std::optional<PairValue> pair_at(std::string_view s, std::size_t i) {
  std::size_t j = i;
  const bool key_quoted = s[j] == '"' || s[j] == '\'';
  if (key_quoted) ++j;
  if (j >= s.size()) return std::nullopt;
  std::size_t key_len = 0;
  ValueKind kind = ValueKind::Name;
  // An ASCII key stands as a whole word: not "username=", "hostname=" or "hotel=".
  const bool word_start = i == 0 || !is_word(s[i - 1]);
  if (word_start || key_quoted) {
    for (const KeyRule& r : kAsciiKeys) {
      if (const std::size_t n = ascii_key_at(s, j, r.key);
          n > 0 && n > key_len && (j + n == s.size() || !is_word(s[j + n]))) {
        key_len = n;
        kind = r.kind;
      }
    }
  }
  const bool chinese = key_len == 0;
  if (chinese) {
    for (const KeyRule& r : kChineseKeys) {
      if (const std::size_t n = chinese_key_at(s, j, r.key); n > 0) {
        key_len = n;
        kind = r.kind;
        break;
      }
    }
  }
  if (key_len == 0) return std::nullopt;
  j += key_len;
  if (key_quoted) {
    if (j >= s.size() || s[j] != s[i]) return std::nullopt;
    ++j;
  }
  while (j < s.size() && s[j] == ' ') ++j;
  // The separator: = : ： (%3D is what an encoded key in a query may be followed by, too).
  bool equals = false;  // after "=" a space ends an empty value: "name= phone=..."
  if (s.substr(j, 1) == "=" || s.substr(j, 1) == ":") {
    equals = s[j] == '=';
    j += 1;
  } else if (s.substr(j, 3) == "%3D" || s.substr(j, 3) == "%3d") {
    equals = true;
    j += 3;
  } else if (s.substr(j, 3) == "：" || s.substr(j, 3) == "%3A" || s.substr(j, 3) == "%3a") {
    j += 3;
  } else if (kind != ValueKind::Name || !chinese) {
    // "name lookup", "tel" alone, "服务器地址" in a sentence: no pair. Only 姓名 needs none
    // ("姓名 李四 已读取").
    return std::nullopt;
  }
  while (!equals && j < s.size() && (s[j] == ' ' || s.substr(j, 3) == "：")) {
    j += s[j] == ' ' ? 1 : 3;
  }
  bool quoted = false;
  if (j < s.size() && s[j] == '"') {
    quoted = true;
    ++j;
  }
  std::size_t end = j;
  while (end < s.size() && !ends_value(s, end, quoted)) ++end;
  // An unquoted number in groups is one value: "mobile=138 1234 5678", "tel=021 1234 5678".
  while (kind == ValueKind::Phone && !quoted && end > j && end + 1 < s.size() &&
         is_digit(s[end - 1]) && (s[end] == ' ' || s[end] == '-') && is_digit(s[end + 1])) {
    ++end;
    while (end < s.size() && !ends_value(s, end, quoted)) ++end;
  }
  return PairValue{j, end, kind};
}

// %XX decoded (and '+' as a space when the value is percent-encoded at all).
std::string percent_decoded(std::string_view v) {
  bool encoded = false;
  for (std::size_t k = 0; k + 2 < v.size() && !encoded; ++k) {
    encoded = v[k] == '%' && is_hex(v[k + 1]) && is_hex(v[k + 2]);
  }
  if (!encoded) return std::string(v);
  std::string out;
  out.reserve(v.size());
  for (std::size_t k = 0; k < v.size(); ++k) {
    if (v[k] == '%' && k + 2 < v.size() && is_hex(v[k + 1]) && is_hex(v[k + 2])) {
      out += static_cast<char>(hex_value(v[k + 1]) * 16 + hex_value(v[k + 2]));
      k += 2;
    } else {
      out += v[k] == '+' ? ' ' : v[k];
    }
  }
  return out;
}

// 13812345678 -> 138****5678; shorter numbers keep their last 4 at most.
std::string mask_phone(std::string_view phone) {
  const std::size_t n = code_points(phone).size() - 1;
  if (n >= 11) return keep(phone, 3, 4);
  if (n >= 8) return keep(phone, 0, 4);
  return keep(phone, 0, 0);
}

std::string mask_value(std::string_view value, ValueKind kind) {
  std::string plain = percent_decoded(value);
  // What decoding brought in must not break the line a technician reads.
  for (char& c : plain) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '*';
  }
  switch (kind) {
    case ValueKind::Name:
      return mask_name(plain);
    case ValueKind::IdNumber:
      return mask_id_number(plain);
    case ValueKind::Phone:
      return mask_phone(plain);
    case ValueKind::Address:
      return mask_address(plain);
  }
  return std::string(plain.size(), '*');
}

// An 11-digit mainland mobile number at s[i] (the start of a digit run): 1[3-9] and nine more
// digits, contiguous or grouped 3-4-4 by single spaces or hyphens. Its length, else 0.
std::size_t mobile_at(std::string_view s, std::size_t i) {
  if (s.size() - i < 11 || s[i] != '1' || s[i + 1] < '3' || s[i + 1] > '9') return 0;
  std::size_t j = i;
  auto digits = [&](int n) {
    for (int k = 0; k < n; ++k, ++j) {
      if (j >= s.size() || !is_digit(s[j])) return false;
    }
    return true;
  };
  auto separator = [&] {
    if (j + 1 < s.size() && (s[j] == ' ' || s[j] == '-') && is_digit(s[j + 1])) ++j;
  };
  if (!digits(3)) return 0;
  separator();
  if (!digits(4)) return 0;
  separator();
  if (!digits(4)) return 0;
  if (j < s.size() && is_digit(s[j])) return 0;
  return j - i;
}

// 138 1234 5678 -> 138 **** 5678 in place, separators kept.
void mask_mobile(std::string& s, std::size_t at, std::size_t length) {
  int seen = 0;
  for (std::size_t k = at; k < at + length; ++k) {
    if (!is_digit(s[k])) continue;
    ++seen;
    if (seen > 3 && seen <= 7) s[k] = '*';
  }
}

}  // namespace

std::string redact_log_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const bool at_word_start = i == 0 || !is_word(s[i - 1]);
    // key=value pairs of personal values (name=, xm=, phone=, "idcard":"...", 姓名=%E5...).
    if (const auto pair = pair_at(s, i); pair && pair->end > pair->start) {
      const std::string_view value = s.substr(pair->start, pair->end - pair->start);
      out.append(s.substr(i, pair->start - i));
      if (value.find('*') != std::string_view::npos) {
        // Already masked (张*, 138****5678): scanned like any other text, so digits in it
        // are still caught.
        i = pair->start;
        continue;
      }
      out += mask_value(value, pair->kind);
      i = pair->end;
      continue;
    }
    if (at_word_start && is_hex(s[i])) {
      // Spaced APDU bytes.
      int cla = -1;
      int ins = -1;
      std::size_t header_end = 0;
      if (const std::size_t run = spaced_hex_run(s, i, cla, ins, header_end); run > 0) {
        if (pin_ins(cla, ins)) {
          out.append(s.substr(i, header_end - i));
          out += " [PIN redacted]";
        } else {
          out.append(s.substr(i, run));
        }
        i += run;
        continue;
      }
      // A contiguous hex word that is a PIN-bearing APDU.
      std::size_t end = i;
      while (end < s.size() && is_word(s[end])) ++end;
      const std::string_view word = s.substr(i, end - i);
      if (word.size() >= 10 && word.size() % 2 == 0 &&
          std::all_of(word.begin(), word.end(), is_hex) &&
          pin_ins(hex_value(word[0]) * 16 + hex_value(word[1]),
                  hex_value(word[2]) * 16 + hex_value(word[3]))) {
        out.append(word.substr(0, 8));
        out += "[PIN redacted]";
        i = end;
        continue;
      }
    }
    // Runs of 12 or more digits, wherever they stand (an 18-character ID may end in X).
    if (is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1]))) {
      std::size_t end = i;
      while (end < s.size() && is_digit(s[end])) ++end;
      if (end - i == 17 && end < s.size() && (s[end] == 'X' || s[end] == 'x')) ++end;
      if (end - i >= 12) {
        out += mask_id_number(s.substr(i, end - i));
        i = end;
        continue;
      }
      out.append(s.substr(i, end - i));
      i = end;
      continue;
    }
    out += s[i++];
  }
  // Mobile numbers (13812345678, 138 1234 5678, 138-1234-5678) last, over what the rules above
  // kept, so that no mask's kept head or tail forms one with the text beside it.
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (!is_digit(out[k]) || (k > 0 && is_digit(out[k - 1]))) continue;
    if (const std::size_t m = mobile_at(out, k); m > 0) {
      mask_mobile(out, k, m);
      k += m;
    }
  }
  return out;
}

}  // namespace drivers
