#include "drivers/masking.hpp"

#include <algorithm>
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

// After `"name":"` or `姓名` (with an optional : ： = and spaces), the value's extent.
std::size_t name_value_start(std::string_view s, std::size_t i) {
  for (std::string_view key : {std::string_view("\"name\":\""), std::string_view("\"name\": \""),
                               std::string_view("姓名")}) {
    if (s.substr(i, key.size()) != key) continue;
    std::size_t j = i + key.size();
    if (key == "姓名") {
      for (std::string_view sep : {std::string_view("："), std::string_view(":"),
                                   std::string_view("="), std::string_view(" ")}) {
        while (s.substr(j, sep.size()) == sep) j += sep.size();
      }
    }
    return j;
  }
  return std::string_view::npos;
}

}  // namespace

std::string redact_log_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const bool at_word_start = i == 0 || !is_word(s[i - 1]);
    // Names after a name key: up to a quote, comma, space or the end.
    if (const std::size_t v = name_value_start(s, i); v != std::string_view::npos) {
      std::size_t end = v;
      while (end < s.size() && s[end] != '"' && s[end] != ',' && s[end] != ' ' && s[end] != '\n' &&
             s.substr(end, 3) != "，") {
        ++end;
      }
      out.append(s.substr(i, v - i));
      const std::string_view value = s.substr(v, end - v);
      if (value.find('*') != std::string_view::npos) {
        // Already masked (张*): scan it like any other text, so digits in it are still caught.
        i = v;
        continue;
      }
      out += mask_name(value);
      i = end;
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
  return out;
}

}  // namespace drivers
