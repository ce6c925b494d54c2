#include "receipt.hpp"

#include <algorithm>
#include <cctype>

#include "drivers/masking.hpp"

namespace kiosk {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Every occurrence of `clear` in `text` becomes `masked`.
bool replace_all(std::string& text, std::string_view clear, const std::string& masked) {
  bool changed = false;
  for (std::size_t at = text.find(clear); at != std::string::npos;
       at = text.find(clear, at + masked.size())) {
    text.replace(at, clear.size(), masked);
    changed = true;
  }
  return changed;
}

// Numbers by their shape: an 18-character ID number (17 digits and a digit or X) and an
// 11-digit mainland mobile number, standing alone (a longer run is an application number).
bool mask_shapes(std::string& text) {
  bool changed = false;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && is_digit(text[end])) ++end;
    std::size_t n = end - i;
    if (n == 17 && end < text.size() && (text[end] == 'X' || text[end] == 'x')) ++n;
    const bool letter_before = i > 0 && std::isalpha(static_cast<unsigned char>(text[i - 1]));
    std::string masked;
    if (n == 18 && !letter_before) {
      masked = drivers::mask_id_number(std::string_view(text).substr(i, n));
    } else if (n == 11 && text[i] == '1' && text[i + 1] >= '3' && !letter_before) {
      masked = text.substr(i, 3) + "****" + text.substr(i + 7, 4);
    }
    if (!masked.empty()) {
      text.replace(i, n, masked);
      changed = true;
      i += masked.size();
    } else {
      i += n;
    }
  }
  return changed;
}

}  // namespace

std::vector<KnownValue> known_values(const drivers::IdCard* card, const PageForms* sent) {
  std::vector<KnownValue> known;
  if (card != nullptr) {
    if (!card->id_number.empty()) {
      known.push_back(
          {card->id_number.reveal(), drivers::mask_id_number(card->id_number.reveal())});
    }
    if (!card->name.empty()) {
      known.push_back({card->name.reveal(), drivers::mask_name(card->name.reveal())});
    }
  }
  if (sent != nullptr) {
    for (const auto& f : sent->fields) {
      if (f.sensitivity == Sensitivity::None || f.value.empty()) continue;
      known.push_back({f.value.reveal(), PageForms::shown_value(f)});
    }
  }
  // Longer values first: an ID number is replaced before a name that might sit inside it.
  std::sort(known.begin(), known.end(), [](const KnownValue& a, const KnownValue& b) {
    return a.clear.size() > b.clear.size();
  });
  return known;
}

bool mask_receipt(ui::Document& doc, const std::vector<KnownValue>& known) {
  bool changed = false;
  auto mask = [&](std::string& text) {
    for (const auto& k : known) {
      if (!k.clear.empty() && replace_all(text, k.clear, k.masked)) changed = true;
    }
    if (mask_shapes(text)) changed = true;
  };
  mask(doc.title);
  for (auto& block : doc.blocks) {
    for (auto& run : block.runs) mask(run.text);
  }
  return changed;
}

}  // namespace kiosk
