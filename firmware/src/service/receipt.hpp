// A service's receipt as the hall may see and hear it: the personal values the page echoes
// (the name and ID number the card gave, what the citizen typed into sensitive fields) are
// replaced by their masks (张*, 3101**********1234, 尾号5678) before the page is shown or read,
// and any ID or mobile number the kiosk did not know is masked by its shape.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "browse/forms.hpp"
#include "drivers/resident_id.hpp"
#include "ui/document.hpp"

namespace kiosk {

// A clear value (a view into a wiped buffer, valid for the call) and what it becomes.
struct KnownValue {
  std::string_view clear;
  std::string masked;
};

// What the kiosk knows of this citizen: the card read, the sensitive fields just sent.
std::vector<KnownValue> known_values(const drivers::IdCard* card, const PageForms* sent);

// Masks `doc` (title and every run) in place; true when anything changed.
bool mask_receipt(ui::Document& doc, const std::vector<KnownValue>& known);

}  // namespace kiosk
