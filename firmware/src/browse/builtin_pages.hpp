// Built-in pages: the welcome screen the kiosk starts on, short message pages (a card read, an
// error), and a long synthetic service guide used to measure layout and memory (benchmarks,
// `kioskd --page long`). Their links carry typed BuiltinTargets: a Command's number, or
// kNotOfferedHere for a service this kiosk does not offer yet. No web page can make one.
#pragma once

#include <cstddef>
#include <string>

#include "ui/document.hpp"

namespace kiosk {

inline constexpr int kNotOfferedHere = -1;

ui::Document welcome_page();
// What an idle kiosk shows in a hall: how to begin, in the largest type.
ui::Document attract_page();
// A heading and one paragraph.
ui::Document message_page(const std::string& title, const std::string& text);
// 暂停服务: what kioskd shows instead of the kiosk when its board profile cannot be used (the
// maintenance screen): a poster, the title and `citizen_sentence` (empty: the standard one) in
// the largest type; no links, nothing to start. The technician's reason goes under it, smaller
// (kiosk/maintenance_screen.cpp).
ui::Document out_of_service_page(const std::string& citizen_sentence);

// A deterministic 办事指南-style page of about `utf8_bytes` bytes of Chinese text with
// headings, lists, links and some Latin and digits. Every paragraph differs.
ui::Document long_service_guide(std::size_t utf8_bytes = 100 * 1024);

// The same kind of page as HTML, with a navigation bar, ordered lists, a fee table per
// section, links and a footer: the benchmark's "125 KB Chinese service page".
std::string long_service_guide_html(std::size_t html_bytes = 125 * 1024);

}  // namespace kiosk

namespace kiosk {

// 好差评 (the service rating), offered after a service's receipt. The invitation is appended to
// the receipt page (a heading and one link to the rating page); the rating page lists the five
// levels as large links, in the order of their digit keys (1 非常满意 … 5 非常不满意); the
// thanks page offers 结束.
std::vector<ui::Block> rating_invitation();
ui::Document rating_page();
ui::Document rating_thanks_page();

}  // namespace kiosk
