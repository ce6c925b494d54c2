// eSpeak NG voice names, chosen at run time from the library's version.
#pragma once

#include <string>
#include <string_view>

#include "tts/speech.hpp"

namespace tts {

struct LibraryVersion {
  int major = 0;
  int minor = 0;
  int patch = 0;
};

// Parses "1.51", "1.52.0", "1.52-dev"; false when there is no major.minor.
bool parse_espeak_version(std::string_view text, LibraryVersion& out);

// eSpeak NG 1.51 (Debian 12) reads most hanzi wrongly with `cmn` (it speaks pinyin with tone
// numbers as English); `cmn-latn-pinyin` reads them right. 1.52 fixed `cmn`.
std::string espeak_voice_name(Voice voice, const LibraryVersion& version);

}  // namespace tts
