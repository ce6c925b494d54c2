// How the reading view's items are put into words: what a screen reader says for the focused
// item (its role, then its text) and for "where am I". Pure functions of the view.
#pragma once

#include <string>

#include "ui/reading_view.hpp"

namespace kiosk {

std::string describe_focus(const ui::ReadingView& view);
// The item's position among the page's items and the page title, then the item.
std::string describe_position(const ui::ReadingView& view);
// A new page: its title, the first item, and the text under a first heading.
std::string describe_page(const ui::ReadingView& view);
// 百分之一百五十 is said by the normaliser; this gives "150".
int zoom_percent(double zoom);

}  // namespace kiosk
