#include "tts/speech.hpp"

#include "tts/text_normalizer.hpp"

namespace tts {
namespace {

bool is_latin_letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_word_inner(unsigned char c) {
  return is_latin_letter(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '\'' ||
         c == '@' || c == '_' || c == '/' || c == ':';
}

void push(std::vector<SpeechSegment>& out, std::string text, Voice voice) {
  if (text.empty()) return;
  if (!out.empty() && out.back().voice == voice && out.back().earcon == Earcon::None) {
    out.back().text += text;
    return;
  }
  SpeechSegment s;
  s.text = std::move(text);
  s.voice = voice;
  out.push_back(std::move(s));
}

}  // namespace

std::vector<SpeechSegment> split_by_language(const std::string& text, Voice base) {
  std::vector<SpeechSegment> out;
  std::string current;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_latin_letter(c)) {
      std::size_t end = i + 1;
      while (end < text.size() && is_word_inner(static_cast<unsigned char>(text[end]))) ++end;
      // Trailing punctuation belongs to the sentence, not the word.
      while (end > i + 1 && !is_latin_letter(static_cast<unsigned char>(text[end - 1])) &&
             !(text[end - 1] >= '0' && text[end - 1] <= '9')) {
        --end;
      }
      push(out, std::move(current), base);
      current.clear();
      push(out, text.substr(i, end - i), Voice::English);
      i = end;
      continue;
    }
    current += text[i++];
  }
  push(out, std::move(current), base);
  return out;
}

std::vector<SpeechSegment> chinese_speech(const std::string& text) {
  return split_by_language(normalize_chinese(text), Voice::Mandarin);
}

}  // namespace tts
