#include "update_pages.hpp"

#include "speech/update_wording.hpp"

namespace kiosk {

ui::Document update_running_page(const std::string& version) {
  ui::Document d;
  d.title = update_words::running_title();
  d.poster = true;
  d.blocks.push_back(ui::make_heading(1, update_words::running_title()));
  d.blocks.push_back(ui::make_paragraph(update_words::running_text()));
  d.blocks.push_back(ui::make_paragraph("版本" + version));
  return d;
}

ui::Document update_finished_page(bool installed, const std::string& reason) {
  ui::Document d;
  d.title = update_words::finished_title(installed);
  d.poster = true;
  d.blocks.push_back(ui::make_heading(1, update_words::finished_title(installed)));
  d.blocks.push_back(ui::make_paragraph(update_words::finished_text(installed)));
  if (!installed && !reason.empty()) d.blocks.push_back(ui::make_paragraph(reason));
  return d;
}

}  // namespace kiosk
