// libFuzzer target: any bytes as a service page: HTML -> DOM -> accessibility tree -> reading
// view document -> layout. Must never crash, and must always produce something to show.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "a11y/accessibility_tree.hpp"
#include "ui/fonts.hpp"
#include "ui/layout.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::unique_ptr<ui::FontCollection> fonts =
      ui::FontCollection::load(ui::default_font_request()).fonts;
  static ui::TextLayouter layouter(*fonts);
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  auto parsed = a11y::Dom::parse(html);
  if (!parsed.dom) {
    if (parsed.error.empty()) std::abort();  // refused without a reason
    return 0;
  }
  const a11y::Accessibility acc(*parsed.dom);
  const auto tree = a11y::AccessibilityTree::build(acc);
  (void)tree.to_json_lines(*parsed.dom);
  const ui::Document doc = tree.to_document("fuzz");
  ui::LayoutParams params;
  params.width_px = 640;
  (void)layouter.layout(doc, params);
  return 0;
}
