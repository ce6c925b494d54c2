// The accessibility tree and the reading view's document made from a page; bad pages.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "a11y/accessibility_tree.hpp"
#include "browse/page_loader.hpp"

namespace {

struct Page {
  a11y::Dom dom;
  explicit Page(const std::string& html) : dom(std::move(*a11y::Dom::parse(html).dom)) {}
  a11y::AccessibilityTree tree() const {
    return a11y::AccessibilityTree::build(a11y::Accessibility(dom));
  }
};

std::vector<std::string> texts(const ui::Document& d) {
  std::vector<std::string> out;
  for (const auto& b : d.blocks) out.push_back(b.plain_text());
  return out;
}

TEST(AccessibilityTree, HiddenContentIsLeftOut) {
  Page p(R"(<p>看得见</p><p hidden>一</p><p aria-hidden="true">二</p>
            <p style="display: none">三</p><p style="visibility:hidden">四</p>
            <script>五</script><style>p{}</style><input type="hidden" value="六">)");
  const auto doc = p.tree().to_document("t");
  EXPECT_EQ(texts(doc), (std::vector<std::string>{"看得见"}));
}

TEST(AccessibilityTree, NamesRolesAndStatesOfFormFields) {
  Page p(R"(<label for="n">姓名</label><input id="n" required aria-invalid="true"
               aria-describedby="e"><span id="e">请填写姓名</span>
            <label><input type="checkbox" checked> 同意</label>
            <select aria-label="区"><option>黄浦区<option selected>徐汇区</select>)");
  const auto tree = p.tree();
  const auto& nodes = tree.nodes();
  auto find = [&](const std::string& role) {
    return *std::find_if(nodes.begin(), nodes.end(), [&](auto& n) { return n.role == role; });
  };
  const auto textbox = find("textbox");
  EXPECT_EQ(textbox.name, "姓名");
  EXPECT_EQ(textbox.description, "请填写姓名");
  EXPECT_TRUE(textbox.states.required);
  EXPECT_TRUE(textbox.states.invalid);
  const auto checkbox = find("checkbox");
  EXPECT_EQ(checkbox.name, "同意");
  EXPECT_TRUE(checkbox.states.checked);
  const auto combo = find("combobox");
  EXPECT_EQ(combo.name, "区");
  EXPECT_EQ(combo.value, "徐汇区");
  const auto doc = tree.to_document("t");
  const auto t = texts(doc);
  EXPECT_NE(std::find(t.begin(), t.end(), "编辑框：姓名，必填，填写有误，请填写姓名"), t.end())
      << "label text is said with its field, not twice";
  EXPECT_NE(std::find(t.begin(), t.end(), "复选框：同意，已选中"), t.end());
}

TEST(AccessibilityTree, ErrorMessageDescribesAnInvalidField) {
  Page p(R"(<input aria-label="手机" aria-invalid="true" aria-errormessage="m" aria-describedby="h">
            <span id="m">号码应为11位</span><span id="h">用于接收短信</span>
            <input aria-label="邮编" aria-errormessage="m2"><span id="m2">错误</span>)");
  const auto tree = p.tree();
  std::vector<std::string> descriptions;
  for (const auto& n : tree.nodes()) {
    if (n.role == "textbox") descriptions.push_back(n.description);
  }
  EXPECT_EQ(descriptions, (std::vector<std::string>{"号码应为11位", ""}))
      << "the error message only while the field is invalid";
}

TEST(AccessibilityTree, ListsTablesHeadingsAndImages) {
  Page p(R"(<h2>材料</h2><ol><li>身份证</li><li>照片</li></ol>
            <table><tr><th>项目</th><th>费用</th></tr><tr><td>补领</td><td>20元</td></tr></table>
            <img src="a.png" alt="办事流程图"><img src="b.png"><img src="c.png" alt="">)");
  const auto doc = p.tree().to_document("t");
  ASSERT_GE(doc.blocks.size(), 5u);
  EXPECT_EQ(doc.blocks[0].kind, ui::BlockKind::Heading);
  EXPECT_EQ(doc.blocks[0].level, 2);
  EXPECT_EQ(doc.blocks[1].kind, ui::BlockKind::ListItem);
  EXPECT_EQ(doc.blocks[1].level, 1) << "ordered lists are numbered";
  EXPECT_EQ(doc.blocks[2].level, 2);
  EXPECT_EQ(doc.blocks[3].plain_text(), "项目：补领；费用：20元");
  EXPECT_EQ(doc.blocks[4].plain_text(), "（图片：办事流程图）（图片，无说明）")
      << "decorative alt=\"\" images are skipped, unlabeled ones announced";
}

TEST(AccessibilityTree, LinksKeepTheirTargets) {
  Page p(R"(<p>请先<a href="/book">预约</a>再来。</p>)");
  const auto doc = p.tree().to_document("t");
  ASSERT_EQ(doc.blocks.size(), 1u);
  ASSERT_EQ(doc.blocks[0].runs.size(), 3u);
  EXPECT_EQ(doc.blocks[0].runs[1].kind, ui::InlineKind::Link);
  EXPECT_EQ(doc.blocks[0].runs[1].target, ui::LinkTarget(ui::UrlTarget{"/book"}));
}

TEST(AccessibilityTree, JsonLinesCarryRoleNameStatesAndSource) {
  Page p(R"(<title>标题"引号"</title><h1 id="t">欢迎</h1><input aria-label="号码" required>)");
  const std::string json = p.tree().to_json_lines(p.dom);
  EXPECT_NE(json.find(R"("role":"document","name":"标题\"引号\"")"), std::string::npos) << json;
  EXPECT_NE(
      json.find(
          R"("role":"heading","name":"欢迎","states":[],"level":1,"tag":"h1","attributes":{"id":"t"})"),
      std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("role":"textbox","name":"号码","states":["required","focusable"])"),
            std::string::npos)
      << json;
  EXPECT_EQ(std::count(json.begin(), json.end(), '\n'), 4)
      << "document, heading, its text, textbox";
}

TEST(BadPages, DeepNestingIsRefusedQuickly) {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<div>";
  const auto start = std::chrono::steady_clock::now();
  auto parsed = a11y::Dom::parse(html);
  EXPECT_FALSE(parsed.dom);
  EXPECT_NE(parsed.error.find("nested deeper"), std::string::npos) << parsed.error;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST(BadPages, UnclosedFormattingIsRefused) {
  // Identical ones: the parser keeps three in its list of formatting elements, but nests
  // them all.
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<b>";
  auto parsed = a11y::Dom::parse(html);
  EXPECT_FALSE(parsed.dom);
  EXPECT_NE(parsed.error.find("nested deeper"), std::string::npos) << parsed.error;
  // Distinct ones: all stay in the list.
  html.clear();
  for (int i = 0; i < 100000; ++i) html += "<b class=c" + std::to_string(i) + ">";
  parsed = a11y::Dom::parse(html);
  EXPECT_FALSE(parsed.dom);
  EXPECT_NE(parsed.error.find("formatting"), std::string::npos) << parsed.error;
}

TEST(BadPages, HugePageIsRefused) {
  auto parsed = a11y::Dom::parse(std::string(11 * 1024 * 1024, 'x'));
  EXPECT_FALSE(parsed.dom);
  EXPECT_NE(parsed.error.find("too large"), std::string::npos);
}

TEST(BadPages, FiveThousandRowTableStillReads) {
  std::string html = "<table><tr><th>序号<th>事项";
  for (int i = 0; i < 5000; ++i) html += "<tr><td>" + std::to_string(i) + "<td>办理";
  auto page = kiosk::load_html(html, "rows");
  ASSERT_TRUE(page.ok) << page.error;
  EXPECT_EQ(page.document.blocks.size(), 5000u);
  EXPECT_EQ(page.document.blocks.back().plain_text(), "序号：4999；事项：办理");
}

TEST(BadPages, BrokenMarkupAndEncodingGiveAReadablePage) {
  auto page = kiosk::load_html("<p>未闭合<b>粗体<p>下一段\xFF\xFE<a href=x>链接", "broken");
  ASSERT_TRUE(page.ok);
  EXPECT_GE(page.document.blocks.size(), 2u);
}

TEST(BadPages, RefusedPageBecomesAnErrorPageNotABlankScreen) {
  std::string html;
  for (int i = 0; i < 5000; ++i) html += "<section>";
  auto page = kiosk::load_html(html, "deep.html");
  EXPECT_FALSE(page.ok);
  EXPECT_NE(page.error.find("deep.html"), std::string::npos);
  EXPECT_EQ(page.document.title, "无法显示此页面");
  EXPECT_NE(page.document.blocks.at(1).plain_text().find("工作人员"), std::string::npos);
}

TEST(BadPages, EmptyPageSaysSo) {
  auto page = kiosk::load_html("<html><body></body></html>", "empty");
  ASSERT_TRUE(page.ok);
  EXPECT_EQ(page.document.blocks.at(0).plain_text(), "这个页面没有可以阅读的内容。");
}

TEST(AccessibilityTree, AnchorsLandOnTheFirstBlockAtOrAfterTheirElement) {
  a11y::ParseResult parsed = a11y::Dom::parse(
      "<p>一</p><div id=empty></div><h2 id=two>二</h2><p>三<a name=inline>四</a></p>"
      "<ul id=list><li>五</li></ul><div id=end></div>");
  ASSERT_TRUE(parsed.dom);
  const a11y::Accessibility acc(*parsed.dom);
  const ui::Document doc = a11y::AccessibilityTree::build(acc).to_document("t");
  auto block_of = [&](const char* name) {
    const ui::Anchor* a = doc.anchor(name);
    return a == nullptr ? -1 : static_cast<int>(a->block);
  };
  EXPECT_EQ(block_of("empty"), 1);  // an empty element: the next block (the heading)
  EXPECT_EQ(block_of("two"), 1);
  EXPECT_EQ(block_of("inline"), 2);  // inside a paragraph: that paragraph
  EXPECT_EQ(block_of("list"), 3);
  EXPECT_EQ(block_of("end"), -1);  // nothing after it
  EXPECT_EQ(block_of("missing"), -1);
}

}  // namespace
