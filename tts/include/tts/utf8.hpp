// UTF-8 decoding and encoding for text handed to speech: invalid bytes become U+FFFD.
#pragma once

#include <string>
#include <string_view>

namespace tts {

std::u32string decode_utf8(std::string_view text);
void append_utf8(std::string& out, char32_t code_point);
std::string encode_utf8(std::u32string_view text);

}  // namespace tts
