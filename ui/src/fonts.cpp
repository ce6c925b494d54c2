#include "ui/fonts.hpp"

#include <fontconfig/fontconfig.h>
#include <strings.h>

#include <algorithm>

#include "font_face.hpp"
#include FT_TRUETYPE_TABLES_H

namespace ui {
namespace detail {

Face::Face(std::shared_ptr<const MappedFontFile> data, FtFacePtr ft, HbFontPtr hb, std::string file,
           int index)
    : data_(std::move(data)),
      ft_(std::move(ft)),
      hb_(std::move(hb)),
      file_(std::move(file)),
      index_(index) {
  FT_Face f = ft_.get();
  family_ = f->family_name ? f->family_name : "";
  // HarfBuzz's units, the ones the shaper's advances come in (FreeType reports 0 for a
  // bitmap-only colour font such as Noto Color Emoji).
  const unsigned hb_upem = hb_face_get_upem(hb_font_get_face(hb_.get()));
  const double upem = hb_upem > 0 ? hb_upem : (f->units_per_EM > 0 ? f->units_per_EM : 1000);
  metrics_.units_per_em = static_cast<int>(upem);
  metrics_.ascender_em = static_cast<double>(f->ascender) / upem;
  metrics_.descender_em = -static_cast<double>(f->descender) / upem;
  const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(f, FT_SFNT_OS2));
  if (os2 != nullptr && os2->version >= 2 && os2->sCapHeight > 0) {
    metrics_.cap_height_em = os2->sCapHeight / upem;
  } else if (FT_Load_Char(f, 'H', FT_LOAD_NO_SCALE) == 0) {
    metrics_.cap_height_em = static_cast<double>(f->glyph->metrics.height) / upem;
  } else {
    metrics_.cap_height_em = 0.7;  // typical for sans faces; only if the font has no 'H'
  }
}

}  // namespace detail

namespace {

struct FtLibraryDeleter {
  void operator()(FT_Library l) const { FT_Done_FreeType(l); }
};
using FtLibraryPtr = std::unique_ptr<std::remove_pointer_t<FT_Library>, FtLibraryDeleter>;

struct FcPatternDeleter {
  void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
using FcPatternPtr = std::unique_ptr<FcPattern, FcPatternDeleter>;
struct FcConfigDeleter {
  void operator()(FcConfig* c) const { FcConfigDestroy(c); }
};
using FcConfigPtr = std::unique_ptr<FcConfig, FcConfigDeleter>;

bool same_family(const char* a, const std::string& b) {
  return a != nullptr && strcasecmp(a, b.c_str()) == 0;
}

struct Located {
  std::string file;
  int index = 0;
};

// Asks fontconfig for a file holding `family`. A match whose family differs is a
// substitute (fontconfig always answers something), so it counts as not found.
std::optional<Located> locate_with_fontconfig(FcConfig* config, const std::string& family,
                                              FontWeight weight) {
  FcPatternPtr pattern(FcPatternCreate());
  FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcPatternAddInteger(pattern.get(), FC_WEIGHT,
                      weight == FontWeight::Bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcConfigSubstitute(config, pattern.get(), FcMatchPattern);
  FcDefaultSubstitute(pattern.get());
  FcResult result = FcResultNoMatch;
  FcPatternPtr match(FcFontMatch(config, pattern.get(), &result));
  if (!match) return std::nullopt;
  bool family_matches = false;
  FcChar8* value = nullptr;
  for (int n = 0; FcPatternGetString(match.get(), FC_FAMILY, n, &value) == FcResultMatch; ++n) {
    if (same_family(reinterpret_cast<const char*>(value), family)) family_matches = true;
  }
  int matched_weight = FC_WEIGHT_REGULAR;
  FcPatternGetInteger(match.get(), FC_WEIGHT, 0, &matched_weight);
  if (!family_matches) return std::nullopt;
  if (weight == FontWeight::Bold && matched_weight < FC_WEIGHT_DEMIBOLD) return std::nullopt;
  if (FcPatternGetString(match.get(), FC_FILE, 0, &value) != FcResultMatch) return std::nullopt;
  Located found{reinterpret_cast<const char*>(value), 0};
  FcPatternGetInteger(match.get(), FC_INDEX, 0, &found.index);
  return found;
}

// Opens the face named `family` in `file`; `hint` is tried first, then every face of a
// collection, so a .ttc is always entered by name.
std::unique_ptr<detail::Face> open_face(FT_Library lib, const std::string& file,
                                        const std::string& family, int hint) {
  const auto data = detail::MappedFontFile::open(file);
  if (!data) return nullptr;
  auto try_index = [&](int index) -> std::unique_ptr<detail::Face> {
    FT_Face raw = nullptr;
    if (FT_New_Memory_Face(lib, data->data(), static_cast<FT_Long>(data->size()), index, &raw) !=
        0) {
      return nullptr;
    }
    detail::FtFacePtr ft(raw);
    if (!family.empty() && !same_family(ft->family_name, family)) return nullptr;
    // HarfBuzz reads the same mapping; its blob holds a reference of its own.
    auto* keep = new std::shared_ptr<const detail::MappedFontFile>(data);
    hb_blob_t* blob = hb_blob_create_or_fail(
        reinterpret_cast<const char*>(data->data()), static_cast<unsigned>(data->size()),
        HB_MEMORY_MODE_READONLY, keep, [](void* user) {
          delete static_cast<std::shared_ptr<const detail::MappedFontFile>*>(user);
        });
    if (blob == nullptr) return nullptr;
    hb_face_t* hb_face = hb_face_create(blob, static_cast<unsigned>(index));
    hb_blob_destroy(blob);
    detail::HbFontPtr hb(hb_font_create(hb_face));
    hb_face_destroy(hb_face);
    const int upem = static_cast<int>(hb_face_get_upem(hb_font_get_face(hb.get())));
    hb_font_set_scale(hb.get(), upem, upem);
    return std::make_unique<detail::Face>(data, std::move(ft), std::move(hb), file, index);
  };
  if (auto f = try_index(hint)) return f;
  FT_Face probe = nullptr;
  if (FT_New_Memory_Face(lib, data->data(), static_cast<FT_Long>(data->size()), -1, &probe) != 0) {
    return nullptr;
  }
  const long count = probe->num_faces;
  FT_Done_Face(probe);
  for (int i = 0; i < count; ++i) {
    if (i == hint) continue;
    if (auto f = try_index(i)) return f;
  }
  return nullptr;
}

}  // namespace

FontRequest default_font_request() {
  FontRequest r;
  r.regular = {{"Noto Sans CJK SC", "", "fonts-noto-cjk"}, {"Noto Sans", "", "fonts-noto-core"}};
  r.bold = r.regular;
  return r;
}

std::vector<FontSource> symbol_fallbacks() {
  // Colour emoji first: 👍 in colour rather than Symbols2's outline; ✗ ✓ ☐ are not emoji.
  return {{"Noto Color Emoji", "", "fonts-noto-color-emoji"},
          {"Noto Sans Symbols2", "", "fonts-noto-core"},
          {"Noto Sans Symbols", "", "fonts-noto-core"}};
}

struct FontCollection::Impl {
  FtLibraryPtr library;
  std::vector<std::unique_ptr<detail::Face>> faces;
  std::vector<FaceId> regular;
  std::vector<FaceId> bold;
  std::vector<FaceId> symbol_faces;  // from symbol_fallbacks()

  std::optional<FaceId> add(std::unique_ptr<detail::Face> face) {
    for (std::size_t i = 0; i < faces.size(); ++i) {
      if (faces[i]->file() == face->file() && faces[i]->index() == face->index()) {
        return static_cast<FaceId>(i);
      }
    }
    faces.push_back(std::move(face));
    return static_cast<FaceId>(faces.size() - 1);
  }
};

FontCollection::FontCollection() : impl_(std::make_unique<Impl>()) {}
FontCollection::~FontCollection() = default;

FontLoadResult FontCollection::load(const FontRequest& request) {
  FontLoadResult result;
  if (request.regular.empty()) {
    result.error = "no fonts requested: the board profile's [fonts] list is empty";
    return result;
  }
  std::unique_ptr<FontCollection> fonts(new FontCollection());
  FT_Library lib = nullptr;
  if (FT_Init_FreeType(&lib) != 0) {
    result.error = "FreeType failed to initialise (out of memory?)";
    return result;
  }
  fonts->impl_->library.reset(lib);
  FcConfigPtr config(FcInitLoadConfigAndFonts());

  auto resolve = [&](const FontSource& src, FontWeight weight) -> std::unique_ptr<detail::Face> {
    if (!src.path.empty()) return open_face(lib, src.path, src.family, 0);
    if (!config) return nullptr;
    auto located = locate_with_fontconfig(config.get(), src.family, weight);
    if (!located) return nullptr;
    return open_face(lib, located->file, src.family, located->index);
  };

  for (std::size_t i = 0; i < request.regular.size(); ++i) {
    const auto& src = request.regular[i];
    auto face = resolve(src, FontWeight::Regular);
    if (!face) {
      const std::string where =
          src.path.empty() ? "fontconfig knows no such family" : "no such face in " + src.path;
      const std::string fix = src.debian_package.empty()
                                  ? "install a font with that family"
                                  : "install the Debian package " + src.debian_package +
                                        " (apt-get install " + src.debian_package + ")";
      if (i == 0) {
        result.error = "required font '" + src.family + "' not found (" + where + "): " + fix;
        return result;
      }
      result.warnings.push_back("fallback font '" + src.family + "' not found: " + fix);
      continue;
    }
    fonts->impl_->regular.push_back(*fonts->impl_->add(std::move(face)));
  }
  for (const auto& src : request.bold) {
    if (auto face = resolve(src, FontWeight::Bold)) {
      fonts->impl_->bold.push_back(*fonts->impl_->add(std::move(face)));
    }
  }
  if (fonts->impl_->bold.empty()) fonts->impl_->bold = fonts->impl_->regular;
  // Symbols and emoji the text faces lack (✗, ☎, 😀) come last in both chains, so a page's
  // odd character is drawn instead of a box. Missing ones only warn.
  for (const auto& src : symbol_fallbacks()) {
    auto face = resolve(src, FontWeight::Regular);
    if (!face) {
      result.warnings.push_back("symbol font '" + src.family +
                                "' not found: install the Debian "
                                "package " +
                                src.debian_package);
      continue;
    }
    const FaceId id = *fonts->impl_->add(std::move(face));
    fonts->impl_->symbol_faces.push_back(id);
    fonts->impl_->regular.push_back(id);
    fonts->impl_->bold.push_back(id);
  }
  result.fonts = std::move(fonts);
  return result;
}

std::span<const FaceId> FontCollection::chain(FontWeight weight) const {
  return weight == FontWeight::Bold ? impl_->bold : impl_->regular;
}

std::optional<FaceId> FontCollection::face_for(char32_t code_point, FontWeight weight) const {
  for (FaceId id : chain(weight)) {
    if (impl_->faces[id]->has_glyph(code_point)) return id;
  }
  return std::nullopt;
}

bool FontCollection::is_symbol_fallback(FaceId id) const {
  return std::find(impl_->symbol_faces.begin(), impl_->symbol_faces.end(), id) !=
         impl_->symbol_faces.end();
}

const FaceMetrics& FontCollection::metrics(FaceId id) const {
  return impl_->faces[id]->metrics();
}
const std::string& FontCollection::family(FaceId id) const {
  return impl_->faces[id]->family();
}
const std::string& FontCollection::file(FaceId id) const {
  return impl_->faces[id]->file();
}
int FontCollection::face_index_in_file(FaceId id) const {
  return impl_->faces[id]->index();
}
std::size_t FontCollection::face_count() const {
  return impl_->faces.size();
}
const detail::Face& FontCollection::face(FaceId id) const {
  return *impl_->faces[id];
}

}  // namespace ui
