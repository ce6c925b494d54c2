// Author CSS (issue 14): what a page's style sheets say exists — display:none, visibility,
// ::before/::after content — in the model, the names and the reading view.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "a11y/accessibility_tree.hpp"
#include "a11y/author_css.hpp"

namespace {

struct Page {
  a11y::Dom dom;
  std::vector<std::string> linked;
  explicit Page(const std::string& html, std::vector<std::string> sheets = {})
      : dom(std::move(*a11y::Dom::parse(html).dom)), linked(std::move(sheets)) {}
  a11y::Accessibility acc() const { return a11y::Accessibility(dom, linked); }
  std::vector<std::string> texts() const {
    const auto doc = a11y::AccessibilityTree::build(acc()).to_document("t");
    std::vector<std::string> out;
    for (const auto& b : doc.blocks) out.push_back(b.plain_text());
    return out;
  }
  a11y::NodeId id(const std::string& i) const { return dom.element_by_id(i); }
};

using Texts = std::vector<std::string>;

TEST(AuthorCss, DisplayNoneFromStyleElementHidesTheSubtree) {
  Page p(R"(<style>.print-only { display: none }</style>
            <p>办理须知</p><div class="note print-only"><p id="in">仅打印</p></div>)");
  EXPECT_EQ(p.texts(), (Texts{"办理须知"}));
  EXPECT_TRUE(p.acc().hidden(p.id("in")));  // an ancestor's display:none hides descendants
}

TEST(AuthorCss, SelectorsByTypeIdAttributeChildDescendantAndNot) {
  Page p(R"(<style>
      #a, [data-x], [lang=en], [rel~=note], section > p, ul li em, p:not(.keep) { display:none }
    </style>
    <p id="a">一</p><p data-x>二</p><p lang="en" class="keep">三</p>
    <p rel="a note" class="keep">四</p><section><div><p class="keep">五</p></div></section>
    <section><p class="keep">六</p></section><ul><li><b><em>七</em></b>八</li></ul>
    <p class="keep">九</p><p>十</p>)");
  // 五 is a descendant of section, not a child: child combinator does not hide it.
  EXPECT_EQ(p.texts(), (Texts{"五", "八", "九"}));
}

TEST(AuthorCss, SpecificityThenOrderDecide) {
  Page p(R"(<style>
      #x { display: block } p.box { display: none }      /* id beats class */
      .b { display: none } .b { display: block }         /* later wins at equal specificity */
      p.c.d { display: none } p.c { display: block }     /* two classes beat one */
    </style><p id="x" class="box">一</p><p class="b">二</p><p class="c d">三</p>)");
  EXPECT_EQ(p.texts(), (Texts{"一", "二"}));
}

TEST(AuthorCss, ImportantAndInlineStyle) {
  Page p(R"(<style>
      #a { display: block } p.a { display: none !important }
      .b { display: none }
      .c { display: none !important }
    </style>
    <p id="a" class="a">一</p><p class="b" style="display: block">二</p>
    <p class="c" style="display: block">三</p><p style="display:block; display : none">四</p>
    <p class="e" style="display:none !important">五</p>)");
  // !important beats specificity; style="" beats sheets; a sheet's !important beats style="".
  EXPECT_EQ(p.texts(), (Texts{"二"}));
}

TEST(AuthorCss, VisibilityHiddenHidesOwnContentButVisibleDescendantShows) {
  Page p(R"(<style>.v { visibility: hidden } .v .back { visibility: visible }</style>
            <div class="v" id="v">藏起来<span class="back" id="s">又显示</span></div>
            <p>后面</p>)");
  EXPECT_EQ(p.texts(), (Texts{"又显示", "后面"}));
  const auto acc = p.acc();
  EXPECT_TRUE(acc.hidden(p.id("v")));
  EXPECT_FALSE(acc.removed(p.id("v")));
  EXPECT_FALSE(acc.hidden(p.id("s")));
}

TEST(AuthorCss, VisibilityInALinkName) {
  Page p(R"(<style>.sr { visibility: hidden }</style>
            <a href="/a" id="a">社保卡<span class="sr">（隐藏）</span>补办</a>)");
  EXPECT_EQ(p.acc().name(p.id("a")), "社保卡补办");
}

TEST(AuthorCss, DisplayNoneCannotBeUndoneByAChild) {
  Page p(R"(<div style="display:none"><p style="display:block; visibility:visible">一</p></div>
            <p>二</p>)");
  EXPECT_EQ(p.texts(), (Texts{"二"}));
}

TEST(AuthorCss, BeforeAndAfterContentInALinkName) {
  Page p(R"(<style>
      a.ext::before { content: "外部链接：" }
      a.ext:after { content: "（" attr(data-size) "）" }
      a::before { content: none }
    </style>
    <a href="/x" class="ext none" id="a" data-size="2页">办事指南</a>)");
  // a::before has lower specificity than a.ext::before: the text stays.
  EXPECT_EQ(p.acc().name(p.id("a")), "外部链接：办事指南（2页）");
}

TEST(AuthorCss, GeneratedContentIsRead) {
  Page p(R"(<style>.req::after { content: " *必填" } .tip::before { content: "\63d0\793a\FF1a" }
            .off::before { content: "不读"; display: none }</style>
            <p class="req">姓名</p><p class="tip">请带身份证</p><p class="off">正文</p>)");
  EXPECT_EQ(p.texts(), (Texts{"姓名 *必填", "提示：请带身份证", "正文"}));
}

TEST(AuthorCss, ContentAlternativeTextIsReadInstead) {
  Page p(R"(<style>.star::before { content: "★" / "重要：" }</style>
            <a href="/n" class="star" id="a">办理须知</a>)");
  EXPECT_EQ(p.acc().name(p.id("a")), "重要：办理须知");
}

TEST(AuthorCss, MediaPrintIsSkippedScreenIsRead) {
  Page p(R"(<style media="print">.a { display: none }</style>
            <style>@media print { .b { display: none } }
                   @media screen and (min-width: 100px) { .c { display: none } }
                   @media all { .d { display: none } }</style>
            <p class="a">一</p><p class="b">二</p><p class="c">三</p><p class="d">四</p>)");
  EXPECT_EQ(p.texts(), (Texts{"一", "二"}));
}

TEST(AuthorCss, LinkedSheetsComeBeforeStyleElements) {
  Page p(R"(<style>.b { display: block }</style><p class="a">一</p><p class="b">二</p>)",
         {".a { display: none } .b { display: none }"});
  EXPECT_EQ(p.texts(), (Texts{"二"}));
}

TEST(AuthorCss, UnsupportedSelectorsDropTheirWholeRule) {
  Page p(R"(<style>p:hover, .a { display: none } .b + .c { display: none }
            .d { display: none }</style>
            <p class="a">一</p><p class="b">二</p><p class="c">三</p><p class="d">四</p>)");
  EXPECT_EQ(p.texts(), (Texts{"一", "二", "三"}));
}

TEST(AuthorCss, MalformedSheetsNeitherCrashNorHang) {
  const std::vector<std::string> bad = {"",
                                        "{",
                                        "}",
                                        "p{",
                                        "p{display:",
                                        "p{display",
                                        "@media",
                                        "@media print {",
                                        "p{content:\"",
                                        "p::before{content:attr(",
                                        "/*",
                                        "a[",
                                        "a[x=\"",
                                        ":not(",
                                        ":not(:not(p))",
                                        std::string(100000, '{'),
                                        std::string(100000, '}'),
                                        std::string(50000, '['),
                                        "p " + std::string(5000, '>') + " a{display:none}",
                                        "\\",
                                        "p{content:'\\"};
  for (const auto& css : bad) {
    Page p("<style>" + css + "</style><p>留下</p>", {css});
    EXPECT_EQ(p.texts(), (Texts{"留下"})) << css.substr(0, 40);
  }
}

TEST(AuthorCss, DeepDescendantSelectorsAreBounded) {
  // A chain of descendant combinators over a deep page: matching stays within its budget.
  std::string sel;
  for (int i = 0; i < 15; ++i) sel += "div ";  // 16 compounds: the limit
  std::string html = "<style>" + sel + "p { display: none }</style>";
  for (int i = 0; i < 400; ++i) html += "<div>";
  html += "<p>深</p>";
  const Page p(html);
  const auto acc = p.acc();
  EXPECT_EQ(acc.author_styles().rule_count(), 1u);
  // 15 div ancestors exist, so the rule matches.
  EXPECT_TRUE(acc.hidden(static_cast<a11y::NodeId>(p.dom.size() - 2)));
}

TEST(AuthorCss, MatchingWorkOverThePageIsBounded) {
  std::string html = "<style>p[data-x] { display: none }</style>";
  for (int i = 0; i < 50; ++i) html += "<p>" + std::to_string(i) + "</p>";
  html += "<p data-x id=\"last\">末</p>";
  const Page p(html);
  const auto last = p.id("last");
  const auto full = a11y::AuthorStyles::compute(p.dom, {});
  EXPECT_TRUE(full.display_none(last));
  EXPECT_FALSE(full.matching_cut_short());
  a11y::CssLimits small;
  small.max_match_steps = 20;  // the rule is a candidate for every <p>: runs out early
  const auto cut = a11y::AuthorStyles::compute(p.dom, {}, small);
  EXPECT_FALSE(cut.display_none(last));
  EXPECT_TRUE(cut.matching_cut_short());
  // A hostile sheet of the most rules, all tried on every element, on a 2,000-element page.
  std::string hostile;
  for (int i = 0; i < 8192; ++i) hostile += "[data-a" + std::to_string(i) + "] p{display:none}";
  std::string big;
  for (int i = 0; i < 2000; ++i) big += "<p>x</p>";
  const Page b(big, {hostile});
  const auto styles = b.acc().author_styles();
  EXPECT_EQ(styles.rule_count(), 8192u);
  EXPECT_TRUE(styles.matching_cut_short());
}

TEST(AuthorCss, SheetAndSelectorLimits) {
  a11y::CssLimits limits;
  limits.max_sheet_bytes = 64;
  EXPECT_TRUE(
      a11y::StyleSheet::parse(std::string(65, ' ') + "p{display:none}", limits).rules().empty());
  std::string many;
  for (int i = 0; i < 10000; ++i) many += ".c" + std::to_string(i) + "{display:none}";
  EXPECT_EQ(
      a11y::StyleSheet::parse(many, a11y::CssLimits{.max_sheet_bytes = 1 << 20}).rules().size(),
      a11y::CssLimits{}.max_rules);
}

TEST(AuthorCss, ParsedSelectorsHaveSpecificity) {
  const auto sheet = a11y::StyleSheet::parse("#a .b p:not(.c)::before { content: 'x' }");
  ASSERT_EQ(sheet.rules().size(), 1u);
  const auto& r = sheet.rules()[0];
  EXPECT_EQ(r.specificity, (1u << 16) | (2u << 8) | 2u);
  EXPECT_EQ(r.pseudo, a11y::CssPseudo::Before);
  EXPECT_EQ(r.compounds.size(), 3u);
}

}  // namespace
