// The repair pass's results (a11y/page_repair.hpp) carried into the page's forms: a control
// named from the text beside it keeps that name when its value changes (and its privacy class
// follows the name: 身份证号码 beside a bare input masks it), and a clickable element that sends
// a form becomes that form's submit button, so Enter on it goes through the same validation and
// submission as a real <button type=submit>.
#pragma once

#include "a11y/accessibility_tree.hpp"
#include "forms.hpp"

namespace kiosk {

void apply_repairs(PageForms& forms, const a11y::AccessibilityTree& tree, const a11y::Dom& dom);

}  // namespace kiosk
