// Decodes a WAV file (an audio captcha a page links to) into 16-bit mono samples at the
// speech engine's rate, with SDL's loader and converter. Broken files are refused with a
// reason, never trusted.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tts {

bool decode_wav(std::string_view bytes, int sample_rate, std::vector<std::int16_t>& out,
                std::string& error);

}  // namespace tts
