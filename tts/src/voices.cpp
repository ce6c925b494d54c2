#include "tts/voices.hpp"

#include <charconv>

namespace tts {

bool parse_espeak_version(std::string_view text, LibraryVersion& out) {
  LibraryVersion v;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  auto number = [&](int& value) {
    auto [next, ec] = std::from_chars(p, end, value);
    if (ec != std::errc()) return false;
    p = next;
    return true;
  };
  if (!number(v.major) || p == end || *p != '.') return false;
  ++p;
  if (!number(v.minor)) return false;
  if (p != end && *p == '.') {
    ++p;
    if (!number(v.patch)) v.patch = 0;
  }
  out = v;
  return true;
}

std::string espeak_voice_name(Voice voice, const LibraryVersion& v) {
  switch (voice) {
    case Voice::Mandarin:
      return (v.major > 1 || (v.major == 1 && v.minor >= 52)) ? "cmn" : "cmn-latn-pinyin";
    case Voice::Cantonese:
      return "yue";
    case Voice::English:
      return "en-us";
  }
  return "cmn-latn-pinyin";
}

}  // namespace tts
