// Spelling mode, for captchas, codes and names: one character at a time, slower, with a
// pause between characters, after saying how many there are. Digits are 数字七, letters
// 大写字母K / 小写字母k, easily confused characters say what they are not (0/O, 1/l/I, 2/Z,
// 5/S, 8/B), and hanzi are described by a common word (张 -> 弓长张).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tts/speech.hpp"

namespace tts {

enum class SpellingLanguage { Chinese, English };

struct SpellingOptions {
  SpellingLanguage language = SpellingLanguage::Chinese;
  int rate_percent = 70;  // of the user's rate; "repeat slower" passes less
  int pause_ms = 450;     // between characters
};

std::vector<SpeechSegment> spell(std::string_view text, const SpellingOptions& options = {});

// The team's description of a hanzi (张 -> 弓长张), or empty when the table has none.
std::string describe_hanzi(char32_t c);

}  // namespace tts
