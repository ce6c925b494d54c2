// Font discovery by family name, face selection inside the CJK collection, per code point
// fallback, and the error a technician sees when a font is missing.
#include <gtest/gtest.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "test_support.hpp"
#include "ui/fonts.hpp"

namespace {

using kiosk_test::default_fonts;

TEST(Fonts, PrimaryFaceIsNotoSansCjkScFoundByName) {
  const auto& fonts = default_fonts();
  const ui::FaceId primary = fonts.chain(ui::FontWeight::Regular).front();
  EXPECT_EQ(fonts.family(primary), "Noto Sans CJK SC");
  EXPECT_NE(fonts.file(primary).find("NotoSansCJK"), std::string::npos);
  // Independently of our code: FreeType says that face index really is the SC face.
  FT_Library lib = nullptr;
  ASSERT_EQ(FT_Init_FreeType(&lib), 0);
  FT_Face face = nullptr;
  ASSERT_EQ(FT_New_Face(lib, fonts.file(primary).c_str(), fonts.face_index_in_file(primary), &face),
            0);
  EXPECT_STREQ(face->family_name, "Noto Sans CJK SC");
  FT_Done_Face(face);
  FT_Done_FreeType(lib);
}

TEST(Fonts, ExplicitCollectionPathPicksTheFaceByName) {
  const auto& fonts = default_fonts();
  const std::string ttc = fonts.file(fonts.chain(ui::FontWeight::Regular).front());
  for (const char* family : {"Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC"}) {
    ui::FontRequest request;
    request.regular = {{family, ttc, "fonts-noto-cjk"}};
    auto loaded = ui::FontCollection::load(request);
    ASSERT_TRUE(loaded.fonts) << loaded.error;
    EXPECT_EQ(loaded.fonts->family(0), family);
  }
}

TEST(Fonts, MissingRequiredFontNamesTheDebianPackage) {
  ui::FontRequest request;
  request.regular = {{"No Such Family 42", "", "fonts-no-such-package"}};
  auto loaded = ui::FontCollection::load(request);
  EXPECT_FALSE(loaded.fonts);
  EXPECT_NE(loaded.error.find("No Such Family 42"), std::string::npos) << loaded.error;
  EXPECT_NE(loaded.error.find("apt-get install fonts-no-such-package"), std::string::npos);
}

TEST(Fonts, WrongFaceNameInExplicitFileIsAnError) {
  ui::FontRequest request;
  request.regular = {{"Noto Sans CJK XX", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                      "fonts-noto-cjk"}};
  auto loaded = ui::FontCollection::load(request);
  EXPECT_FALSE(loaded.fonts);
  EXPECT_NE(loaded.error.find("fonts-noto-cjk"), std::string::npos);
}

TEST(Fonts, MissingFallbackIsAWarningNotAFailure) {
  ui::FontRequest request = ui::default_font_request();
  request.regular.push_back({"No Such Fallback", "", "fonts-nothing"});
  auto loaded = ui::FontCollection::load(request);
  ASSERT_TRUE(loaded.fonts);
  ASSERT_EQ(loaded.warnings.size(), 1u);
  EXPECT_NE(loaded.warnings[0].find("fonts-nothing"), std::string::npos);
}

TEST(Fonts, FallbackPerCodePoint) {
  const auto& fonts = default_fonts();
  const auto chain = fonts.chain(ui::FontWeight::Regular);
  ASSERT_GE(chain.size(), 2u);
  EXPECT_EQ(fonts.face_for(U'中', ui::FontWeight::Regular), chain[0]);
  EXPECT_EQ(fonts.face_for(U'A', ui::FontWeight::Regular), chain[0]);
  // ₿ and ƀ are not in Noto Sans CJK; Noto Sans has them.
  EXPECT_EQ(fonts.face_for(U'\u20BF', ui::FontWeight::Regular), chain[1]);
  EXPECT_EQ(fonts.face_for(U'\u0180', ui::FontWeight::Regular), chain[1]);
  EXPECT_EQ(fonts.family(chain[1]), "Noto Sans");
  // An Egyptian hieroglyph is in neither.
  EXPECT_EQ(fonts.face_for(U'\U00013000', ui::FontWeight::Regular), std::nullopt);
}

TEST(Fonts, BoldChainIsBold) {
  const auto& fonts = default_fonts();
  const ui::FaceId bold = fonts.chain(ui::FontWeight::Bold).front();
  EXPECT_EQ(fonts.family(bold), "Noto Sans CJK SC");
  EXPECT_NE(fonts.file(bold).find("Bold"), std::string::npos) << fonts.file(bold);
}

TEST(Fonts, MetricsArePlausible) {
  const auto& m = default_fonts().metrics(default_fonts().chain(ui::FontWeight::Regular).front());
  EXPECT_EQ(m.units_per_em, 1000);
  EXPECT_GT(m.cap_height_em, 0.6);
  EXPECT_LT(m.cap_height_em, 0.8);
  EXPECT_GT(m.ascender_em, 0.8);
  EXPECT_GT(m.descender_em, 0.1);
}

}  // namespace
