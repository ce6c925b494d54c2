// Small checks the libFuzzer targets share. Kept independent of the code under test: a target
// must not judge a parser with the parser's own helpers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fuzz {

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF, no stray
// continuation bytes, no sequence cut short.
inline bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

// The input as pieces separated by `sep` (at most `max` pieces; the last keeps the rest).
inline std::vector<std::string> split(std::string_view in, char sep, std::size_t max) {
  std::vector<std::string> out;
  while (out.size() + 1 < max) {
    const auto at = in.find(sep);
    if (at == std::string_view::npos) break;
    out.emplace_back(in.substr(0, at));
    in.remove_prefix(at + 1);
  }
  out.emplace_back(in);
  return out;
}

inline char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = lower_ascii(c);
  return out;
}

}  // namespace fuzz
