// Built-in pages: the welcome screen the kiosk starts on, and a long synthetic service guide
// used to measure layout and memory (benchmarks, `kioskd --page long`).
#pragma once

#include <cstddef>

#include "ui/document.hpp"

namespace kiosk {

ui::Document welcome_page();

// A deterministic 办事指南-style page of about `utf8_bytes` bytes of Chinese text with
// headings, lists, links and some Latin and digits. Every paragraph differs.
ui::Document long_service_guide(std::size_t utf8_bytes = 100 * 1024);

}  // namespace kiosk
