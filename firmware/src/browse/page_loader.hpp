// Opens a service page (HTML) as the reading view's Document. A page that cannot be read or
// shown becomes an error page that says so in plain words, never a blank screen.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "a11y/page_repair.hpp"
#include "forms.hpp"
#include "page_marks.hpp"
#include "ui/document.hpp"

namespace kiosk {

struct LoadedPage {
  ui::Document document;
  bool ok = false;
  std::string error;  // for the log: what went wrong, for a technician
  PageForms forms;
  PageMarks marks;  // what the page says about itself (needs the ID card, is a receipt)
  // What the page lacked and the kiosk repaired (the health report's repaired_pages).
  a11y::RepairSummary repair;
};

LoadedPage load_html_file(const std::string& path);
LoadedPage load_html(std::string_view html, const std::string& source, bool text_only = false);
// The same, with the page's linked style sheets fetched once its DOM is parsed (the loader
// passes style_sheets.hpp's fetch); their texts in document order.
using LinkedSheetFetch = std::function<std::vector<std::string>(const a11y::Dom&)>;
LoadedPage load_html(std::string_view html, const std::string& source, bool text_only,
                     const LinkedSheetFetch& fetch_sheets);

}  // namespace kiosk
