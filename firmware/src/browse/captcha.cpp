#include "captcha.hpp"

#include "drivers/secure_buffer.hpp"
#include "tts/utf8.hpp"

namespace kiosk {

bool Captcha::spell_known(const std::string& speak_url) {
  const auto it = codes_.find(speak_url);
  if (it == codes_.end()) return false;
  show_and_spell(it->second);
  return true;
}

void Captcha::code_arrived(const std::string& speak_url, std::string code) {
  while (!code.empty() && (code.back() == '\n' || code.back() == '\r' || code.back() == ' ')) {
    code.pop_back();
  }
  if (code.empty() || code.size() > 64) {
    unavailable(false);
    return;
  }
  codes_[speak_url] = code;
  show_and_spell(code);
}

void Captcha::show_and_spell(const std::string& code) {
  // Shown enlarged, spaced out, in the caption bar; spoken character by character.
  std::string spaced;
  for (std::size_t i = 0, n = tts::utf8_length(code); i < n; ++i) {
    if (i > 0) spaced += "  ";
    const std::size_t from = tts::utf8_offset(code, i);
    spaced += code.substr(from, tts::utf8_offset(code, i + 1) - from);
  }
  view_.set_caption_override(spaced);
  announcer_.captcha_code(code);
}

void Captcha::audio_arrived(Pcm pcm) {
  view_.set_caption_override("正在播放语音验证码，按确认键再听一遍");
  announcer_.audio_captcha(std::move(pcm));
}

void Captcha::unavailable(bool audio) {
  view_.set_caption_override(audio ? "语音验证码暂时无法播放，请向工作人员求助"
                                   : "验证码暂时无法收听，请向工作人员求助");
  if (audio) {
    announcer_.audio_captcha_unavailable();
  } else {
    announcer_.captcha_unavailable();
  }
}

void Captcha::forget() {
  for (auto& [url, code] : codes_) drivers::secure_wipe(code.data(), code.size());
  codes_.clear();
}

}  // namespace kiosk
