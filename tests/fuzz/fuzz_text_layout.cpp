// libFuzzer target: any bytes as page text, laid out at a width and zoom taken from the input.
// Invalid UTF-8, controls, unassigned and astral code points must never crash the layout,
// and no line may leave the column where the column can hold a glyph.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "ui/fonts.hpp"
#include "ui/layout.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::unique_ptr<ui::FontCollection> fonts =
      ui::FontCollection::load(ui::default_font_request()).fonts;
  static ui::TextLayouter layouter(*fonts);
  if (size < 2) return 0;
  const int width = 200 + data[0] * 8;
  ui::LayoutParams params;
  params.width_px = width;
  params.zoom = 1.0 + (data[1] % 13) * 0.25;
  const std::string text(reinterpret_cast<const char*>(data + 2), size - 2);
  ui::Document doc;
  doc.blocks.push_back(ui::make_heading(1, text.substr(0, text.size() / 3)));
  doc.blocks.push_back(ui::make_paragraph(
      {ui::text_run(text), ui::link_run(text.substr(text.size() / 2), ui::UrlTarget{"x"})}));
  doc.blocks.push_back(ui::make_list_item(text, 7));
  const auto layout = layouter.layout(doc, params);
  // A single glyph wider than the column (a 270 px heading on a 200 px screen) cannot fit;
  // whenever the column holds the largest glyph, no line may leave it.
  if (width >= 3 * layout.body_px) {
    for (const auto& line : layout.lines) {
      if (line.width > width) std::abort();
    }
  }
  return 0;
}
