// Line breaking: UAX #14 with Chinese kinsoku (禁则) rules, mixed Chinese, Latin and digits,
// and the emergency break that keeps over-long words inside the column.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.hpp"
#include "ui/layout.hpp"

namespace {

using kiosk_test::decode_utf8;
using kiosk_test::encode_utf8;

constexpr int kPx = 40;

// The text of each line, read back through the glyphs' code point indices.
std::vector<std::u32string> line_texts(const ui::DocumentLayout& layout, const std::string& text) {
  const std::u32string cps = decode_utf8(text);
  std::vector<std::size_t> starts;
  for (const auto& line : layout.lines) {
    for (std::uint32_t i = 0; i < line.glyph_count; ++i) {
      const auto& g = layout.glyphs[line.first_glyph + i];
      if (!g.marker) {
        starts.push_back(g.code_point);
        break;
      }
    }
  }
  std::vector<std::u32string> lines;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : cps.size();
    lines.push_back(cps.substr(starts[i], end - starts[i]));
  }
  return lines;
}

std::u32string trim_trailing_spaces(std::u32string s) {
  while (!s.empty() && (s.back() == U' ' || s.back() == U'\u3000')) s.pop_back();
  return s;
}

const std::u32string kNeverStart = U"，。、）」”…：；！？』】";
const std::u32string kNeverEnd = U"（「“『【";

const std::string kPunctuated =
    "办理社保卡需要本人到场，携带身份证原件。如委托他人办理，还需提供“委托书”（原件）、"
    "受托人身份证「原件及复印件」……材料不全的，不予受理！是否需要预约？请拨打12345咨询；"
    "也可以通过APP或Wi-Fi网络访问www.example.gov.cn查询办理进度。";

TEST(LineBreaking, KinsokuHoldsAtEveryWidth) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  int checked_lines = 0;
  for (int width = 4 * kPx; width <= 30 * kPx; width += kPx / 4) {
    const auto layout = layouter.layout_text(kPunctuated, kPx, width);
    const auto lines = line_texts(layout, kPunctuated);
    ASSERT_GE(lines.size(), 1u);
    EXPECT_EQ(encode_utf8([&] {
                std::u32string all;
                for (const auto& l : lines) all += l;
                return all;
              }()),
              kPunctuated)
        << "lines must cover the text exactly once";
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::u32string line = trim_trailing_spaces(lines[i]);
      ASSERT_FALSE(line.empty());
      if (i > 0) {
        EXPECT_EQ(kNeverStart.find(line.front()), std::u32string::npos)
            << "width " << width << ": line starts with " << encode_utf8(line.substr(0, 1))
            << " in: " << encode_utf8(line);
      }
      if (i + 1 < lines.size()) {
        EXPECT_EQ(kNeverEnd.find(line.back()), std::u32string::npos)
            << "width " << width << ": line ends with " << encode_utf8(line.substr(line.size() - 1))
            << " in: " << encode_utf8(line);
      }
      ++checked_lines;
    }
  }
  EXPECT_GT(checked_lines, 500);
}

TEST(LineBreaking, EllipsisIsNeverSplit) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  const std::string text = "材料不全的请补齐……然后再来";
  for (int width = 3 * kPx; width <= 14 * kPx; width += kPx / 8) {
    for (const auto& line : line_texts(layouter.layout_text(text, kPx, width), text)) {
      EXPECT_NE(line.front(), U'…') << "width " << width;
    }
  }
}

TEST(LineBreaking, NumbersAndLatinWordsStayWhole) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  const std::string text = "请拨打12345咨询或下载APP办理";
  const std::u32string cps = decode_utf8(text);
  for (int width = 6 * kPx; width <= 14 * kPx; width += kPx / 4) {
    const auto lines = line_texts(layouter.layout_text(text, kPx, width), text);
    ASSERT_GT(lines.size(), 1u);
    std::size_t start = 0;
    for (const auto& line : lines) {
      // A line may not start inside either word.
      for (const std::u32string word : {U"12345", U"APP"}) {
        const std::size_t at = cps.find(word);
        EXPECT_FALSE(start > at && start < at + word.size())
            << "width " << width << " splits " << encode_utf8(word);
      }
      start += line.size();
    }
  }
}

TEST(LineBreaking, ChineseBreaksBetweenAnyIdeographs) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  const std::string text = "一二三四五六七八九十";
  // Ten ideographs of 1 em each in a 4.5 em column: 4 + 4 + 2.
  const auto layout = layouter.layout_text(text, kPx, kPx * 9 / 2);
  ASSERT_EQ(layout.lines.size(), 3u);
  EXPECT_EQ(layout.lines[0].glyph_count, 4u);
  EXPECT_EQ(layout.lines[2].glyph_count, 2u);
}

TEST(LineBreaking, OverlongWordIsBrokenInsideTheColumn) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  const std::string url = "https://zwdt.example.gov.cn/govPortals/bsfw/item/0123456789abcdef";
  const int width = 8 * kPx;
  const auto layout = layouter.layout_text(url, kPx, width);
  EXPECT_GT(layout.lines.size(), 2u);
  for (const auto& line : layout.lines) EXPECT_LE(line.width, width);
}

TEST(LineBreaking, HardLineBreakStartsANewLine) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  const auto layout = layouter.layout_text("第一行\n第二行", kPx, 40 * kPx);
  EXPECT_EQ(layout.lines.size(), 2u);
}

TEST(LineBreaking, InvalidUtf8NeverCrashes) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  const std::string broken = std::string("办理\xE4\xB8") + "\xFF\xFE" + "完成\xC0";
  const auto layout = layouter.layout_text(broken, kPx, 10 * kPx);
  EXPECT_GE(layout.glyphs.size(), 4u);
}

// A control character takes no room, even where HarfBuzz merges it into the cluster of the
// combining marks around it (found by fuzz_text_layout: a line 1 px past the column at 400 %).
TEST(LineBreaking, ControlsBetweenMarksTakeNoRoom) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  // U+06E0 (no face has it: one box), then controls with combining marks between them.
  const std::string box = "\xDB\xA0";
  const std::string with_controls = box + "\x01\x14\xCC\xBC\x01\xCC\x93";
  const auto a = layouter.layout_text(with_controls, kPx, 40 * kPx);
  const auto b = layouter.layout_text(box, kPx, 40 * kPx);
  ASSERT_EQ(a.lines.size(), 1u);
  ASSERT_EQ(b.lines.size(), 1u);
  EXPECT_EQ(a.lines[0].width, b.lines[0].width);
  // A column exactly one box wide: nothing passes its edge.
  const int one_box = b.lines[0].width;
  const auto narrow = layouter.layout_text(with_controls, kPx, one_box);
  for (const auto& line : narrow.lines) EXPECT_LE(line.width, one_box);
}

// HarfBuzz may put a spacing glyph (here U+FFFD for a stray byte) in the cluster of the marks
// before it: the emergency break measures whole clusters, and a cluster wider than the column is
// broken between its glyphs rather than leave the column (fuzz_text_layout in CI, 400 %).
TEST(LineBreaking, AClusterIsMeasuredWhole) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  const std::string box = "\xDB\xA0";
  const int one_box = layouter.layout_text(box, kPx, 40 * kPx).lines.at(0).width;
  for (const std::string tail : {"\x01\x14\xCC\xBC\x81\xCC\x93", "\xCC\xBC\x81\xCC\x93\x81"}) {
    const auto narrow = layouter.layout_text(box + tail, kPx, one_box);
    for (const auto& line : narrow.lines) EXPECT_LE(line.width, one_box);
  }
}

}  // namespace
