// libFuzzer target: any bytes as text handed to speech (page text, a label, a captcha, a
// masked number). The Chinese text normaliser (tts::normalize_chinese) and spelling mode
// (tts::spell) must never crash, and:
//  - what they hand eSpeak is strict UTF-8 (no surrogate, overlong form or code point above
//    U+10FFFF survives from broken input: tts/utf8.hpp says invalid bytes become U+FFFD);
//  - the normaliser grows text by at most 16 bytes per input byte (the worst case is a digit
//    and one mask star, "1*" -> "一，中间一位已隐藏，", about 30 bytes) plus a little;
//  - spelling says how many characters there are, then at most 3 segments per character,
//    none empty.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_support.hpp"
#include "tts/spelling.hpp"
#include "tts/text_normalizer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  tts::NormalizerOptions n;
  n.yao_for_one = (data[0] & 1) != 0;
  const std::string out = tts::normalize_chinese(text, n);
  if (!fuzz::valid_utf8(out)) std::abort();
  if (out.size() > 16 * text.size() + 64) std::abort();

  tts::SpellingOptions s;
  s.language = (data[0] & 2) != 0 ? tts::SpellingLanguage::English : tts::SpellingLanguage::Chinese;
  const auto segments = tts::spell(text.substr(0, 512), s);
  if (segments.empty() || segments.size() > 1 + 3 * text.substr(0, 512).size()) std::abort();
  for (const auto& seg : segments) {
    if (seg.text.empty() || !fuzz::valid_utf8(seg.text)) std::abort();
  }
  return 0;
}
