// Internal: one opened face, as FreeType (for rasterising) and HarfBuzz (for shaping) see it.
#pragma once

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

#include <memory>
#include <string>

#include "mapped_font_file.hpp"
#include "ui/fonts.hpp"

namespace ui::detail {

struct FtFaceDeleter {
  void operator()(FT_Face f) const { FT_Done_Face(f); }
};
struct HbFontDeleter {
  void operator()(hb_font_t* f) const { hb_font_destroy(f); }
};
using FtFacePtr = std::unique_ptr<std::remove_pointer_t<FT_Face>, FtFaceDeleter>;
using HbFontPtr = std::unique_ptr<hb_font_t, HbFontDeleter>;

class Face {
 public:
  // `data`: the file both `ft` and `hb` read from; it outlives them.
  Face(std::shared_ptr<const MappedFontFile> data, FtFacePtr ft, HbFontPtr hb, std::string file,
       int index);

  FT_Face ft() const { return ft_.get(); }
  // Scaled to units per em: advances come out in font units, independent of pixel size,
  // so one shaping result serves every zoom level.
  hb_font_t* hb() const { return hb_.get(); }
  bool has_glyph(char32_t cp) const {
    hb_codepoint_t gid = 0;
    return hb_font_get_nominal_glyph(hb_.get(), cp, &gid) != 0;
  }
  const FaceMetrics& metrics() const { return metrics_; }
  const std::string& family() const { return family_; }
  const std::string& file() const { return file_; }
  int index() const { return index_; }

 private:
  std::shared_ptr<const MappedFontFile> data_;  // first: destroyed after the faces
  FtFacePtr ft_;
  HbFontPtr hb_;
  std::string family_;
  std::string file_;
  int index_;
  FaceMetrics metrics_;
};

}  // namespace ui::detail
