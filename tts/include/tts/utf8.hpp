// UTF-8 decoding and encoding for text handed to speech: invalid bytes become U+FFFD.
#pragma once

#include <string>
#include <string_view>

namespace tts {

std::u32string decode_utf8(std::string_view text);
void append_utf8(std::string& out, char32_t code_point);
std::string encode_utf8(std::u32string_view text);

// Code points in `text` (continuation bytes not counted); no decoding, no allocation.
std::size_t utf8_length(std::string_view text);
// Byte offset of code point number `index` (text.size() when past the end).
std::size_t utf8_offset(std::string_view text, std::size_t index);
// Byte offset where the last code point starts (0 for empty text): Backspace removes from here.
std::size_t utf8_last_start(std::string_view text);

}  // namespace tts
