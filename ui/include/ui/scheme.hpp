// Colour schemes as data. Every scheme is checked (tests/ui/scheme_contrast_test.cpp) for
// text/background >= 7:1 and focus/guide indicators >= 3:1 against what they sit on.
#pragma once

#include <span>
#include <string_view>

#include "ui/color.hpp"

namespace ui {

struct ColorScheme {
  std::string_view id;       // stable key used in board profiles and file names
  std::string_view name_zh;  // what is shown and spoken, e.g. 黑底黄字
  Rgb background;
  Rgb text;                // body text and headings
  Rgb link;                // links are also underlined: never colour alone
  Rgb focus;               // focus ring, drawn on the background around the item
  Rgb guide;               // 十字光标 guide lines
  Rgb caption_background;  // 大字幕 caption bar
  Rgb caption_text;
};

// All built-in schemes; the first is the default.
std::span<const ColorScheme> color_schemes();

// Returns nullptr when no scheme has that id.
const ColorScheme* find_color_scheme(std::string_view id);

// The scheme after `current` in color_schemes(), wrapping round.
const ColorScheme& next_color_scheme(const ColorScheme& current);

}  // namespace ui
