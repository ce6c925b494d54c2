// Text put into HTML that the kiosk's own services write (the demo gateway's pages, the hall
// dashboard): the characters that could start markup or end a double-quoted attribute, escaped.
#pragma once

#include <string>
#include <string_view>

namespace kiosk {

inline std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace kiosk
