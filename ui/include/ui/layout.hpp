// Reflows a Document into positioned glyphs for a given width and zoom. Lines never exceed
// the width (no horizontal scrolling at any zoom): words too long for a line are broken
// between characters as a last resort.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ui/document.hpp"
#include "ui/fonts.hpp"
#include "ui/geometry.hpp"

namespace ui {

namespace detail {
class ParagraphShaper;
}

struct LayoutParams {
  int width_px = 1920;  // the column text is laid into, including margins
  int body_px = 48;     // body text size at zoom 1.0
  double zoom = 1.0;    // 1.0 .. 4.0
  int margin_px = 48;   // left and right, scaled by zoom up to a quarter of the width

  // Typography rules (WCAG 1.4.12 and the kiosk's large-print style):
  static constexpr double kLineSpacing = 1.5;       // line height / font size (>= 1.3)
  static constexpr double kParagraphSpacing = 1.3;  // gap after a block / line height
};

struct PositionedGlyph {
  std::uint32_t glyph_id = 0;
  FaceId face = 0;
  std::uint16_t pixel_size = 0;
  std::int32_t x = 0;         // pen position, px
  std::int32_t baseline = 0;  // px
  std::uint32_t block = 0;
  std::uint16_t run = 0;
  std::uint16_t box_width = 0;  // missing glyphs only: the width of the box to draw
  bool link = false;
  bool missing = false;
  bool marker = false;           // a list marker ("•", "3."), not part of the block's text
  std::uint32_t code_point = 0;  // index of its first code point in the block's text
};

struct LineBox {
  std::int32_t top = 0;
  std::int32_t height = 0;
  std::int32_t baseline = 0;
  std::uint32_t first_glyph = 0;
  std::uint32_t glyph_count = 0;
  std::uint32_t block = 0;
  std::int32_t width = 0;  // ink advance from the left margin of the column
};

struct FocusFragment {
  FocusTarget target;
  Rect rect;
};

struct DocumentLayout {
  std::vector<PositionedGlyph> glyphs;
  std::vector<LineBox> lines;
  std::vector<Rect> underlines;          // links are underlined, not only coloured
  std::vector<FocusFragment> fragments;  // one per block, one per link piece per line
  std::vector<Rect> block_bounds;        // one per block
  int height = 0;
  int width = 0;
  int body_px = 0;  // the body size used, after zoom

  // All rectangles focus on `target` covers (a link broken over two lines has two).
  std::vector<Rect> focus_rects(const FocusTarget& target) const;
};

struct LayoutStats {
  std::uint64_t shape_hits = 0;
  std::uint64_t shape_misses = 0;
};

class TextLayouter {
 public:
  explicit TextLayouter(const FontCollection& fonts);
  ~TextLayouter();
  TextLayouter(const TextLayouter&) = delete;
  TextLayouter& operator=(const TextLayouter&) = delete;

  DocumentLayout layout(const Document& doc, const LayoutParams& params);
  // The same into `out`, reusing its buffers: a relayout of a long page (zoom, resize, a field
  // typed into) then neither page-faults tens of MB fresh nor frees the old ones.
  void layout_into(const Document& doc, const LayoutParams& params, DocumentLayout& out);

  // One paragraph of plain text at an exact pixel size (the caption bar, labels).
  DocumentLayout layout_text(const std::string& text, int pixel_size, int width_px,
                             FontWeight weight = FontWeight::Regular,
                             const std::string& language = "zh-Hans");

  // A block's text size at `body_px` (already zoomed) and `zoom`: headings and tiles larger,
  // by less past 150 %.
  static int block_pixel_size(const Block& block, int body_px, double zoom = 1.0);

  void clear_cache();
  LayoutStats stats() const;
  const FontCollection& fonts() const { return fonts_; }

 private:
  struct BlockPlacement {
    int x_left;
    int x_right;
    int pixel_size;
    FontWeight weight;
  };
  void place_block(const Block& block, std::uint32_t block_index, const BlockPlacement& where,
                   const std::string& language, int& y, DocumentLayout& out);

  const FontCollection& fonts_;
  std::unique_ptr<detail::ParagraphShaper> shaper_;
};

}  // namespace ui
