// Font discovery and the fallback chain text is shaped with.
//
// Faces are found with fontconfig by family name (Noto Sans CJK SC first, Noto Sans for
// extended Latin and symbols) or opened from explicit paths given by a board profile. In a
// collection (.ttc) the face is chosen by its family name, never by a fixed index.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ui {

namespace detail {
class Face;
}

enum class FontWeight : std::uint8_t { Regular, Bold };

using FaceId = std::uint16_t;

struct FontSource {
  std::string family;          // required: the face's family name, e.g. "Noto Sans CJK SC"
  std::string path;            // optional: open this file instead of asking fontconfig
  std::string debian_package;  // named in the error message when the face is missing
};

// Fallback order per weight: the first face with a glyph for a code point draws it.
struct FontRequest {
  std::vector<FontSource> regular;
  std::vector<FontSource> bold;  // may be empty: bold text then uses the regular chain
};

FontRequest default_font_request();
// Faces load() appends to every chain after the requested ones: symbols and colour emoji.
std::vector<FontSource> symbol_fallbacks();

struct FaceMetrics {
  int units_per_em = 0;
  double cap_height_em = 0;  // height of a capital letter (OS/2 sCapHeight, else 'H')
  double ascender_em = 0;    // positive, above the baseline
  double descender_em = 0;   // positive, below the baseline
};

class FontCollection;

struct FontLoadResult {
  std::unique_ptr<FontCollection> fonts;  // null when no usable font was found
  std::string error;                      // what to do about it, naming the Debian package
  std::vector<std::string> warnings;      // optional faces that were not found
};

class FontCollection {
 public:
  // The first face of the regular chain is required; later faces are optional fallbacks.
  static FontLoadResult load(const FontRequest& request);

  FontCollection(const FontCollection&) = delete;
  FontCollection& operator=(const FontCollection&) = delete;
  ~FontCollection();

  std::span<const FaceId> chain(FontWeight weight) const;
  // The face the itemiser picks for a code point: the first of the chain with a glyph.
  std::optional<FaceId> face_for(char32_t code_point, FontWeight weight) const;

  // A face of symbol_fallbacks(): it draws only what the text faces lack (an emoji font's
  // digits and spaces must not take over the text after an emoji).
  bool is_symbol_fallback(FaceId id) const;
  const FaceMetrics& metrics(FaceId id) const;
  const std::string& family(FaceId id) const;
  const std::string& file(FaceId id) const;
  int face_index_in_file(FaceId id) const;
  std::size_t face_count() const;

  const detail::Face& face(FaceId id) const;  // for the shaper and rasteriser in ui/

 private:
  FontCollection();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ui
