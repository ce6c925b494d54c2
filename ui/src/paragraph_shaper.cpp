#include "paragraph_shaper.hpp"

#include <linebreak.h>

#include <mutex>

#include "font_face.hpp"

namespace ui::detail {
namespace {

struct HbBufferDeleter {
  void operator()(hb_buffer_t* b) const { hb_buffer_destroy(b); }
};
using HbBufferPtr = std::unique_ptr<hb_buffer_t, HbBufferDeleter>;

bool is_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

// Default-ignorable code points that modify the character before them: variation
// selectors, joiners and emoji tags. HarfBuzz hides them when the face has no glyph.
bool is_ignorable_extender(char32_t cp) {
  return cp == 0x200C || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         (cp >= 0xE0020 && cp <= 0xE007F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

// Code points that never stand alone (UAX #29 Extend and ZWJ, emoji skin tones): drawn as
// part of the character before them.
bool extends_cluster(hb_unicode_funcs_t* unicode, char32_t cp) {
  if (is_ignorable_extender(cp) || (cp >= 0x1F3FB && cp <= 0x1F3FF)) return true;
  const hb_unicode_general_category_t gc = hb_unicode_general_category(unicode, cp);
  return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
         gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
         gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

bool is_regional_indicator(char32_t cp) {
  return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

bool is_neutral_script(hb_script_t s) {
  return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

// libunibreak tailors quotation marks for Chinese (“ opens, ” closes) under "zh".
const char* unibreak_language(const std::string& bcp47) {
  if (bcp47.rfind("zh", 0) == 0) return "zh";
  if (bcp47.rfind("ja", 0) == 0) return "ja";
  if (bcp47.rfind("ko", 0) == 0) return "ko";
  return "en";
}

std::string cache_key(const std::vector<InlineRun>& runs, FontWeight weight,
                      const std::string& language) {
  std::string key = language;
  key += weight == FontWeight::Bold ? "\x1f"
                                      "b"
                                    : "\x1f"
                                      "r";
  for (const auto& r : runs) key += std::to_string(r.text.size()) + ",";
  key += '\x1f';
  for (const auto& r : runs) key += r.text;
  return key;
}

// Chinese kinsoku (W3C clreq, GB/T 15834) on top of libunibreak's UAX #14. libunibreak 1.1
// follows Unicode 13, where a break before the ellipsis (class IN) is allowed after closing
// punctuation; Unicode 15.1 made "× IN" unconditional. Keep the two marks that matter here
// off line starts, and opening brackets off line ends, whatever the library version.
void apply_kinsoku_tailoring(const std::vector<char32_t>& cps, std::vector<char>& breaks) {
  auto never_starts = [](char32_t c) { return c == U'\u2026' || c == U'\u2025'; };
  auto never_ends = [](char32_t c) {
    return c == U'\uFF08' || c == U'\u300C' || c == U'\u300E' || c == U'\u201C' || c == U'\u3010' ||
           c == U'\u3008' || c == U'\u300A' || c == U'\u3014';
  };
  for (std::size_t i = 0; i + 1 < cps.size(); ++i) {
    if (breaks[i] != LINEBREAK_ALLOWBREAK) continue;
    if (never_starts(cps[i + 1]) || never_ends(cps[i])) breaks[i] = LINEBREAK_NOBREAK;
  }
}

// libunibreak 1.1 (Debian 12) aborts on an assertion for regional indicators, whose class
// its pair table lacks, and reads U+FFFF as its end-of-text marker. Give it stand-ins that
// break the same way (UAX #14 LB30a): a flag's first half as an ideograph, its second half
// as a combining mark that never breaks from it; U+FFFF as the replacement character.
std::vector<char32_t> safe_for_libunibreak(const std::vector<char32_t>& cps) {
  std::vector<char32_t> out(cps);
  bool pair_open = false;
  for (auto& cp : out) {
    if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
      cp = pair_open ? U'\u0300' : U'\u4E00';
      pair_open = !pair_open;
      continue;
    }
    pair_open = false;
    if (cp == 0xFFFF) cp = 0xFFFD;
  }
  return out;
}

struct Item {
  std::size_t begin = 0;
  std::size_t end = 0;
  FaceId face = 0;
  hb_script_t script = HB_SCRIPT_COMMON;
  bool missing = false;
};

}  // namespace

ParagraphShaper::ParagraphShaper(const FontCollection& fonts, std::size_t glyph_budget)
    : fonts_(fonts), glyph_budget_(glyph_budget) {
  static std::once_flag once;
  std::call_once(once, [] { init_linebreak(); });
}

void ParagraphShaper::clear_cache() {
  lru_.clear();
  index_.clear();
  stats_.cached_glyphs = 0;
}

std::shared_ptr<const ShapedParagraph> ParagraphShaper::shape(const std::vector<InlineRun>& runs,
                                                              FontWeight weight,
                                                              const std::string& language) {
  std::string key = cache_key(runs, weight, language);
  if (auto it = index_.find(key); it != index_.end()) {
    ++stats_.hits;
    lru_.splice(lru_.begin(), lru_, it->second);
    return it->second->second;
  }
  ++stats_.misses;
  std::shared_ptr<const ShapedParagraph> shaped = shape_uncached(runs, weight, language);
  stats_.cached_glyphs += shaped->glyphs.size();
  lru_.emplace_front(std::move(key), shaped);
  index_.emplace(lru_.front().first, lru_.begin());
  while (stats_.cached_glyphs > glyph_budget_ && lru_.size() > 1) {
    stats_.cached_glyphs -= lru_.back().second->glyphs.size();
    index_.erase(lru_.back().first);
    lru_.pop_back();
  }
  return shaped;
}

std::shared_ptr<ShapedParagraph> ParagraphShaper::shape_uncached(
    const std::vector<InlineRun>& runs, FontWeight weight, const std::string& language) const {
  auto out = std::make_shared<ShapedParagraph>();
  std::string text;
  std::vector<std::size_t> run_end_bytes;
  for (const auto& r : runs) {
    text += r.text;
    run_end_bytes.push_back(text.size());
  }
  if (text.empty()) return out;

  // HarfBuzz decodes UTF-8 for us, replacing invalid bytes with U+FFFD; the cluster of
  // each code point is its byte offset, which tells which inline run it belongs to.
  HbBufferPtr buffer(hb_buffer_create());
  hb_buffer_add_utf8(buffer.get(), text.data(), static_cast<int>(text.size()), 0,
                     static_cast<int>(text.size()));
  unsigned count = 0;
  const hb_glyph_info_t* decoded = hb_buffer_get_glyph_infos(buffer.get(), &count);
  auto& cps = out->code_points;
  cps.resize(count);
  std::vector<std::uint16_t> run_of(count);
  std::size_t run = 0;
  for (unsigned i = 0; i < count; ++i) {
    cps[i] = decoded[i].codepoint;
    while (run + 1 < run_end_bytes.size() && decoded[i].cluster >= run_end_bytes[run]) ++run;
    run_of[i] = static_cast<std::uint16_t>(run);
  }

  // Itemise: face by cmap coverage per code point (neutral characters such as spaces and
  // digits stay with the face before them when it has them), script resolved across
  // neutral characters. A code point no face has becomes a missing box of its own; what
  // follows it is itemised afresh, never inheriting the box. The marks, variation
  // selectors, skin tones and joined emoji of an unsupported character, and the second
  // half of a flag, join its box: one character the fonts lack is one box.
  hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
  const FaceId primary = fonts_.chain(weight).front();
  std::vector<Item> items;
  std::vector<bool> joins_box(count, false);  // part of the missing box before it
  bool flag_open = false;                     // the box so far is one regional indicator
  hb_script_t current_script = HB_SCRIPT_COMMON;
  for (std::size_t i = 0; i < count; ++i) {
    const char32_t cp = cps[i];
    hb_script_t script = hb_unicode_script(unicode, cp);
    const bool neutral = is_neutral_script(script);
    if (neutral) {
      script = current_script;
    } else {
      if (current_script == HB_SCRIPT_COMMON) {
        // Leading neutral characters take the first real script.
        for (auto& item : items) item.script = script;
      }
      current_script = script;
    }
    const bool after_box = !items.empty() && items.back().missing;
    if (after_box) {
      // After a zero width joiner: the next symbol of an emoji ZWJ sequence.
      const bool joined_symbol =
          cps[i - 1] == 0x200D &&
          (hb_unicode_general_category(unicode, cp) == HB_UNICODE_GENERAL_CATEGORY_OTHER_SYMBOL ||
           !fonts_.face_for(cp, weight));
      if (extends_cluster(unicode, cp) || (flag_open && is_regional_indicator(cp)) ||
          joined_symbol) {
        joins_box[i] = true;
        flag_open = false;
        items.back().end = i + 1;
        continue;
      }
    }
    flag_open = false;
    Item next{i, i + 1, primary, script, false};
    const bool keeps_face =
        !items.empty() && !items.back().missing &&
        (is_ignorable_extender(cp) ||
         ((neutral || is_control(cp)) && !fonts_.is_symbol_fallback(items.back().face) &&
          fonts_.face(items.back().face).has_glyph(is_control(cp) ? U' ' : cp)));
    if (keeps_face) {
      next.face = items.back().face;
    } else if (is_control(cp)) {
      next.face = items.empty() ? primary : items.back().face;
    } else if (auto face = fonts_.face_for(cp, weight)) {
      next.face = *face;
    } else {
      next.missing = true;
      flag_open = is_regional_indicator(cp);
    }
    if (!items.empty() && items.back().face == next.face && items.back().script == next.script &&
        items.back().missing == next.missing) {
      items.back().end = i + 1;
    } else {
      items.push_back(next);
    }
  }

  // Shape each item with its script and the document's language.
  hb_language_t hb_lang = hb_language_from_string(language.c_str(), -1);
  for (const auto& item : items) {
    const detail::Face& face = fonts_.face(item.face);
    const float upem = static_cast<float>(face.metrics().units_per_em);
    if (item.missing) {
      const float box = static_cast<float>(hb_font_get_glyph_h_advance(face.hb(), 0)) / upem;
      for (std::size_t i = item.begin; i < item.end; ++i) {
        if (joins_box[i]) continue;
        out->glyphs.push_back({0, item.face, run_of[i], static_cast<std::uint32_t>(i),
                               box > 0.2f ? box : 0.6f, 0, 0, true, false});
      }
      continue;
    }
    hb_buffer_reset(buffer.get());
    hb_buffer_set_direction(buffer.get(), HB_DIRECTION_LTR);
    hb_buffer_set_script(buffer.get(), item.script);
    hb_buffer_set_language(buffer.get(), hb_lang);
    hb_buffer_set_cluster_level(buffer.get(), HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    hb_buffer_add_codepoints(buffer.get(), reinterpret_cast<const hb_codepoint_t*>(cps.data()),
                             static_cast<int>(count), static_cast<unsigned>(item.begin),
                             static_cast<int>(item.end - item.begin));
    hb_shape(face.hb(), buffer.get(), nullptr, 0);
    unsigned n = 0;
    const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer.get(), &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer.get(), &n);
    for (unsigned g = 0; g < n; ++g) {
      const std::uint32_t cluster = infos[g].cluster;
      // Items are cut by cmap coverage, so the only code points a shaped item's face lacks
      // are the controls it carries along: .notdef here is a control, drawn as nothing. The
      // glyph says so, not its cluster's first code point: HarfBuzz merges a control into
      // the cluster of combining marks around it.
      const bool control = is_control(cps[cluster]) || infos[g].codepoint == 0;
      out->glyphs.push_back({infos[g].codepoint, item.face, run_of[cluster], cluster,
                             control ? 0.0f : static_cast<float>(pos[g].x_advance) / upem,
                             static_cast<float>(pos[g].x_offset) / upem,
                             static_cast<float>(pos[g].y_offset) / upem, false, control});
    }
  }

  // Break opportunities between code points, then segments between them.
  std::vector<char> breaks(count);
  const std::vector<char32_t> for_breaking = safe_for_libunibreak(cps);
  set_linebreaks_utf32(reinterpret_cast<const utf32_t*>(for_breaking.data()), count,
                       unibreak_language(language), breaks.data());
  apply_kinsoku_tailoring(cps, breaks);
  BreakSegment segment;
  for (std::uint32_t g = 0; g < out->glyphs.size(); ++g) {
    const ShapedGlyph& glyph = out->glyphs[g];
    if (g > 0 && glyph.cluster != out->glyphs[g - 1].cluster && glyph.cluster > 0) {
      const char before = breaks[glyph.cluster - 1];
      if (before == LINEBREAK_ALLOWBREAK || before == LINEBREAK_MUSTBREAK) {
        segment.end_glyph = g;
        segment.hard_break_after = before == LINEBREAK_MUSTBREAK;
        out->segments.push_back(segment);
        segment = BreakSegment{g, g, 0, 0, false};
      }
    }
    segment.width += glyph.advance;
    segment.trailing_space =
        is_space(cps[glyph.cluster]) ? segment.trailing_space + glyph.advance : 0;
  }
  segment.end_glyph = static_cast<std::uint32_t>(out->glyphs.size());
  out->segments.push_back(segment);
  return out;
}

}  // namespace ui::detail
