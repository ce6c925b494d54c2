#include "ui/layout.hpp"

#include <algorithm>
#include <cmath>

#include "paragraph_shaper.hpp"

namespace ui {
namespace {

// Round half away from zero; inline because libm's lround shows up in layout profiles.
inline int round_px(double v) {
  return static_cast<int>(v >= 0 ? v + 0.5 : v - 0.5);
}

int scaled(double em, int px) {
  return round_px(em * px);
}

// Builds underline and focus rectangles for the link pieces of one line.
class LinePieces {
 public:
  void add(std::uint16_t run, bool link, int x_start, int x_end) {
    if (!pieces_.empty() && pieces_.back().run == run) {
      pieces_.back().x_end = x_end;
      return;
    }
    pieces_.push_back({run, link, x_start, x_end});
  }
  void emit(const LineBox& line, int pixel_size, DocumentLayout& out) {
    const int offset = std::max(2, scaled(0.12, pixel_size));
    const int thickness = std::max(2, scaled(0.07, pixel_size));
    for (const auto& p : pieces_) {
      if (!p.link || p.x_end <= p.x_start) continue;
      out.underlines.push_back({p.x_start, line.baseline + offset, p.x_end - p.x_start, thickness});
      out.fragments.push_back({FocusTarget{line.block, p.run},
                               Rect{p.x_start, line.top, p.x_end - p.x_start, line.height}});
    }
    pieces_.clear();
  }

 private:
  struct Piece {
    std::uint16_t run;
    bool link;
    int x_start;
    int x_end;
  };
  std::vector<Piece> pieces_;
};

}  // namespace

std::vector<Rect> DocumentLayout::focus_rects(const FocusTarget& target) const {
  std::vector<Rect> rects;
  for (const auto& f : fragments) {
    if (f.target == target) rects.push_back(f.rect);
  }
  return rects;
}

TextLayouter::TextLayouter(const FontCollection& fonts)
    : fonts_(fonts), shaper_(std::make_unique<detail::ParagraphShaper>(fonts)) {}
TextLayouter::~TextLayouter() = default;

void TextLayouter::clear_cache() {
  shaper_->clear_cache();
}

LayoutStats TextLayouter::stats() const {
  return {shaper_->stats().hits, shaper_->stats().misses};
}

namespace {

// Past 150 % the text is already large: headings stand out less and the gaps between blocks
// shrink, so that at 300 % three items (or a heading and two lines) still share the screen
// with the bars. At or below 150 % nothing changes.
constexpr double kFullSpacingZoom = 1.5;

double heading_scale(double scale, double zoom) {
  return zoom <= kFullSpacingZoom ? scale : 1.0 + (scale - 1.0) * kFullSpacingZoom / zoom;
}

double block_gap(double zoom) {
  const double shrink = zoom <= kFullSpacingZoom ? 1.0 : (kFullSpacingZoom / zoom);
  return LayoutParams::kParagraphSpacing * shrink * shrink;
}

}  // namespace

int TextLayouter::block_pixel_size(const Block& block, int body_px, double zoom) {
  if (block.kind != BlockKind::Heading && !block.tile) return body_px;
  static constexpr double kHeadingScale[] = {1.5, 1.3, 1.15};
  const int level = block.tile ? 2 : std::clamp(block.level, 1, 3);
  return static_cast<int>(std::lround(body_px * heading_scale(kHeadingScale[level - 1], zoom)));
}

DocumentLayout TextLayouter::layout(const Document& doc, const LayoutParams& params) {
  DocumentLayout out;
  layout_into(doc, params, out);
  return out;
}

void TextLayouter::layout_into(const Document& doc, const LayoutParams& params,
                               DocumentLayout& out) {
  out.glyphs.clear();
  out.lines.clear();
  out.underlines.clear();
  out.fragments.clear();
  out.block_bounds.clear();
  const double zoom = std::clamp(params.zoom, 0.5, 8.0);
  const int body = std::max(8, static_cast<int>(std::lround(params.body_px * zoom)));
  const int margin =
      std::min(static_cast<int>(std::lround(params.margin_px * zoom)), params.width_px / 10);
  out.width = params.width_px;
  out.body_px = body;
  // One glyph per code point at most, plus list markers: reserved once, the vector does not
  // grow (a 125 KB page grew it four times, each growth a fresh block to fault in and copy).
  std::size_t code_points = 0;
  for (const Block& block : doc.blocks) {
    code_points += 8;  // a list marker ("12. ", "• ")
    for (const InlineRun& run : block.runs) {
      code_points +=
          static_cast<std::size_t>(std::count_if(run.text.begin(), run.text.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
          }));
    }
  }
  out.glyphs.reserve(code_points);
  int y = body / 2;
  for (std::uint32_t b = 0; b < doc.blocks.size(); ++b) {
    const Block& block = doc.blocks[b];
    const int px = block_pixel_size(block, body, zoom);
    const FontWeight weight =
        block.kind == BlockKind::Heading || block.tile ? FontWeight::Bold : FontWeight::Regular;
    place_block(block, b, {margin, params.width_px - margin, px, weight}, doc.language, y, out);
    // Rounded up: up to 150 % the gap after a block is never less than 1.3 line heights.
    y += static_cast<int>(std::ceil(block_gap(zoom) * scaled(LayoutParams::kLineSpacing, px)));
  }
  out.height = y;
}

DocumentLayout TextLayouter::layout_text(const std::string& text, int pixel_size, int width_px,
                                         FontWeight weight, const std::string& language) {
  DocumentLayout out;
  out.width = width_px;
  out.body_px = pixel_size;
  int y = 0;
  place_block(make_paragraph(text), 0, {0, width_px, pixel_size, weight}, language, y, out);
  out.height = y;
  return out;
}

void TextLayouter::place_block(const Block& block, std::uint32_t block_index,
                               const BlockPlacement& where, const std::string& language, int& y,
                               DocumentLayout& out) {
  const int px = where.pixel_size;
  const double scale = px;  // em -> px
  const FaceMetrics& primary = fonts_.metrics(fonts_.chain(where.weight).front());
  const int line_height = scaled(LayoutParams::kLineSpacing, px);
  // The ink box (ascender + descender) is centred in the line box.
  const int baseline_offset =
      round_px((line_height - (primary.ascender_em + primary.descender_em) * px) / 2 +
               primary.ascender_em * px);
  const int block_top = y;
  int x_left = where.x_left;
  const int x_right = std::max(where.x_right, x_left + px);  // always room for one glyph

  auto emit_glyph = [&](const detail::ShapedGlyph& g, const std::vector<InlineRun>& runs,
                        double pen, int baseline, bool marker) {
    const bool link = g.run < runs.size() && runs[g.run].kind == InlineKind::Link;
    out.glyphs.push_back({g.glyph_id, g.face, static_cast<std::uint16_t>(px),
                          x_left + round_px(pen + g.x_offset * scale),
                          baseline - scaled(g.y_offset, px), block_index, g.run,
                          static_cast<std::uint16_t>(g.missing ? scaled(g.advance, px) : 0), link,
                          g.missing, marker, g.cluster});
  };

  const auto block_first_glyph = static_cast<std::uint32_t>(out.glyphs.size());
  if (block.kind == BlockKind::ListItem) {
    // The marker hangs in an indent of its own, so wrapped lines align with the text.
    const std::string marker = block.level > 0 ? std::to_string(block.level) + "." : "•";
    auto shaped = shaper_->shape({text_run(marker)}, where.weight, language);
    double pen = 0;
    for (const auto& g : shaped->glyphs) {
      emit_glyph(g, {}, pen, y + baseline_offset, true);
      pen += g.advance * scale;
    }
    // Never so wide that a glyph no longer fits beside it (narrow screens at 400%).
    const int indent = std::max(scaled(1.5, px), static_cast<int>(pen) + px / 2);
    x_left += std::min(indent, std::max(0, where.x_right - where.x_left - px));
  }
  const double avail = x_right - x_left;
  auto shaped = shaper_->shape(block.runs, where.weight, language);

  LinePieces pieces;
  // The first line starts at the list marker, if any, so the marker is drawn with it.
  LineBox line{y, line_height, y + baseline_offset, block_first_glyph, 0, block_index, 0};
  double pen = 0;
  double ink_end = 0;  // pen after the last glyph that is not white space
  bool line_has_content = false;
  int widest = 0;
  auto finish_line = [&] {
    line.glyph_count = static_cast<std::uint32_t>(out.glyphs.size()) - line.first_glyph;
    // Trailing white space hangs past the margin and is not part of the line.
    line.width = round_px(ink_end) + (x_left - where.x_left);
    widest = std::max(widest, line.width);
    pieces.emit(line, px, out);
    out.lines.push_back(line);
    y += line_height;
    line = LineBox{y,
                   line_height,
                   y + baseline_offset,
                   static_cast<std::uint32_t>(out.glyphs.size()),
                   0,
                   block_index,
                   0};
    pen = 0;
    ink_end = 0;
    line_has_content = false;
  };
  auto place = [&](const detail::ShapedGlyph& g) {
    if (!g.invisible && !detail::is_space(shaped->code_points[g.cluster])) {
      emit_glyph(g, block.runs, pen, line.baseline, false);
      const bool link = g.run < block.runs.size() && block.runs[g.run].kind == InlineKind::Link;
      pieces.add(g.run, link, x_left + round_px(pen), x_left + round_px(pen + g.advance * scale));
      ink_end = pen + g.advance * scale;
    }
    pen += g.advance * scale;
    line_has_content = true;
  };

  for (const auto& seg : shaped->segments) {
    const double ink = (seg.width - seg.trailing_space) * scale;
    if (line_has_content && pen + ink > avail) finish_line();
    if (ink > avail) {
      // Emergency break: a word wider than the column is split between characters.
      // A cluster is measured whole: HarfBuzz may put a spacing glyph in the cluster of the
      // marks before it (a stray byte's U+FFFD after combining marks).
      for (std::uint32_t g = seg.first_glyph; g < seg.end_glyph; ++g) {
        const auto& glyph = shaped->glyphs[g];
        const bool cluster_start =
            g == seg.first_glyph || glyph.cluster != shaped->glyphs[g - 1].cluster;
        if (cluster_start) {
          double cluster = 0;
          for (std::uint32_t h = g; h < seg.end_glyph && shaped->glyphs[h].cluster == glyph.cluster;
               ++h) {
            cluster += shaped->glyphs[h].advance;
          }
          if (line_has_content && pen + cluster * scale > avail) finish_line();
        } else if (line_has_content && pen + glyph.advance * scale > avail) {
          finish_line();  // one cluster wider than the column: broken between its glyphs
        }
        place(glyph);
      }
    } else {
      for (std::uint32_t g = seg.first_glyph; g < seg.end_glyph; ++g) place(shaped->glyphs[g]);
    }
    if (seg.hard_break_after) finish_line();
  }
  if (line_has_content || out.lines.empty() || out.lines.back().block != block_index) {
    finish_line();
  }
  const Rect bounds{where.x_left, block_top, std::max(widest, 1), y - block_top};
  out.block_bounds.push_back(bounds);
  out.fragments.push_back({FocusTarget{block_index, -1}, bounds});
}

}  // namespace ui
