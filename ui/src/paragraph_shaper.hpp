// Internal: turns a block's text into shaped glyphs and break segments, once per text.
//
// Shaping runs at units-per-em scale, so the result is in em and serves every pixel size:
// a zoom step only re-runs the line filler, never HarfBuzz.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ui/document.hpp"
#include "ui/fonts.hpp"

namespace ui::detail {

// Spaces that may hang past the end of a line (U+0020, ideographic space, tab).
inline bool is_space(char32_t cp) {
  return cp == 0x20 || cp == 0x3000 || cp == 0x09;
}

struct ShapedGlyph {
  std::uint32_t glyph_id = 0;
  FaceId face = 0;
  std::uint16_t run = 0;      // index of the InlineRun the glyph came from
  std::uint32_t cluster = 0;  // index of its first code point in the paragraph
  float advance = 0;          // em
  float x_offset = 0;         // em
  float y_offset = 0;         // em, up is positive
  bool missing = false;       // no face in the chain covers the character: draw one box
  bool invisible = false;     // line feeds and other controls: no ink, no advance
};

// A run of glyphs between two line-break opportunities (UAX #14 with the zh tailoring of
// libunibreak: closing punctuation never starts a line, opening never ends one).
struct BreakSegment {
  std::uint32_t first_glyph = 0;
  std::uint32_t end_glyph = 0;
  float width = 0;           // em, including trailing spaces
  float trailing_space = 0;  // em of spaces at the end, which may hang past the margin
  bool hard_break_after = false;
};

struct ShapedParagraph {
  std::vector<char32_t> code_points;
  std::vector<ShapedGlyph> glyphs;
  std::vector<BreakSegment> segments;
};

struct ShaperStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::size_t cached_glyphs = 0;
};

class ParagraphShaper {
 public:
  explicit ParagraphShaper(const FontCollection& fonts, std::size_t glyph_budget = 400'000);

  std::shared_ptr<const ShapedParagraph> shape(const std::vector<InlineRun>& runs,
                                               FontWeight weight, const std::string& language);
  void clear_cache();
  const ShaperStats& stats() const { return stats_; }

 private:
  std::shared_ptr<ShapedParagraph> shape_uncached(const std::vector<InlineRun>& runs,
                                                  FontWeight weight,
                                                  const std::string& language) const;
  const FontCollection& fonts_;
  std::size_t glyph_budget_;
  ShaperStats stats_;
  // LRU: most recently used at the front.
  std::list<std::pair<std::string, std::shared_ptr<const ShapedParagraph>>> lru_;
  std::unordered_map<std::string, decltype(lru_)::iterator> index_;
};

}  // namespace ui::detail
