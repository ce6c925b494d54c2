// The repair pass, rule by rule: names for unnamed controls from the text that labels them,
// onclick elements made buttons and links with typed actions, layout tables read as text,
// decorative images dropped, linked images named, never two unnamed images in a row, and the
// marks in the dump.
#include <gtest/gtest.h>

#include "a11y/accessibility_tree.hpp"
#include "a11y/page_repair.hpp"

namespace {

using a11y::AxNode;

struct Page {
  a11y::Dom dom;
  a11y::AccessibilityTree tree;
  ui::Document doc;
};

Page load(const std::string& body) {
  auto parsed = a11y::Dom::parse("<!doctype html><html><head><title>t</title></head><body>" + body +
                                 "</body></html>");
  EXPECT_TRUE(parsed.dom) << parsed.error;
  a11y::Dom dom = std::move(*parsed.dom);
  const a11y::Accessibility acc(dom);
  auto tree = a11y::AccessibilityTree::build(acc);
  auto doc = tree.to_document("t");
  return {std::move(dom), std::move(tree), std::move(doc)};
}

std::vector<const AxNode*> with_role(const Page& p, const std::string& role) {
  std::vector<const AxNode*> out;
  for (const auto& n : p.tree.nodes()) {
    if (n.role == role) out.push_back(&n);
  }
  return out;
}

std::string text(const ui::Document& doc) {
  std::string all;
  for (const auto& b : doc.blocks) all += b.plain_text() + "\n";
  return all;
}

int count(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

TEST(PageRepair, ControlTakesTheTextJustBeforeIt) {
  const Page p = load("<p>姓名<font color=red>*</font>：<input name=xm></p>");
  const auto boxes = with_role(p, "textbox");
  ASSERT_EQ(boxes.size(), 1u);
  EXPECT_EQ(boxes[0]->name, "姓名");
  EXPECT_NE(boxes[0]->repaired & a11y::kRepairedName, 0);
  // The words are said with the field, not a second time before it.
  EXPECT_EQ(text(p.doc), "编辑框：姓名\n");
  EXPECT_EQ(p.tree.repair().named_controls, 1);
  ASSERT_EQ(p.tree.repair().missing.size(), 1u);
  EXPECT_STREQ(a11y::missing_word(p.tree.repair().missing[0]), "label");
}

TEST(PageRepair, RadioAndCheckboxTakeTheTextJustAfter) {
  const Page p = load(
      "<p>性别：<input type=radio name=s>男 <input type=radio name=s>女</p>"
      "<p><input type=checkbox name=c> 我已阅读并同意办事须知</p>");
  const auto radios = with_role(p, "radio");
  ASSERT_EQ(radios.size(), 2u);
  EXPECT_EQ(radios[0]->name, "男");
  EXPECT_EQ(radios[1]->name, "女");
  const auto boxes = with_role(p, "checkbox");
  ASSERT_EQ(boxes.size(), 1u);
  EXPECT_EQ(boxes[0]->name, "我已阅读并同意办事须知");
  // The group's words stay as text.
  EXPECT_NE(text(p.doc).find("性别："), std::string::npos);
}

TEST(PageRepair, LayoutTableCellToTheLeftOrAboveNamesTheControl) {
  const Page p = load(
      "<table border=0 cellpadding=2><tr><td>申请人</td><td>联系电话</td></tr>"
      "<tr><td><input name=a></td><td><input name=b></td></tr>"
      "<tr><td>居住事由：</td><td><select name=c><option>务工</option></select></td></tr>"
      "</table>");
  const auto boxes = with_role(p, "textbox");
  ASSERT_EQ(boxes.size(), 2u);
  EXPECT_EQ(boxes[0]->name, "申请人");
  EXPECT_EQ(boxes[1]->name, "联系电话");
  const auto selects = with_role(p, "combobox");
  ASSERT_EQ(selects.size(), 1u);
  EXPECT_EQ(selects[0]->name, "居住事由");
}

TEST(PageRepair, PlaceholderOrTitleWhenNothingBesideIt) {
  const Page p = load(
      "<form><p><input name=a placeholder=\"手机号码\"></p>"
      "<p><input name=b title=\"短信验证码\"></p></form>");
  const auto boxes = with_role(p, "textbox");
  ASSERT_EQ(boxes.size(), 2u);
  EXPECT_EQ(boxes[0]->name, "手机号码");
  EXPECT_EQ(boxes[1]->name, "短信验证码");
  EXPECT_EQ(boxes[0]->repaired, 0);
}

TEST(PageRepair, TextBesideAPlaceholderIsTheLabel) {
  const Page p = load("<p>手机号码：<input name=a placeholder=\"11位手机号\"></p>");
  const auto boxes = with_role(p, "textbox");
  ASSERT_EQ(boxes.size(), 1u);
  EXPECT_EQ(boxes[0]->name, "手机号码");
}

TEST(PageRepair, WellBuiltControlsAndSentencesAreLeftAlone) {
  const Page p = load(
      "<label for=a>姓名</label><input id=a>"
      "<p>请在下面的输入框中填写您在本市居住期间使用的完整通讯地址，包括街道和门牌号码</p>"
      "<input name=b><h2>联系方式</h2><input name=c>");
  const auto boxes = with_role(p, "textbox");
  ASSERT_EQ(boxes.size(), 3u);
  EXPECT_EQ(boxes[0]->name, "姓名");
  EXPECT_EQ(boxes[0]->repaired, 0);
  EXPECT_EQ(boxes[1]->name, "");  // a sentence is no label
  EXPECT_EQ(boxes[2]->name, "");  // nor is a heading
  EXPECT_FALSE(p.tree.repair().any());
}

TEST(PageRepair, LocationHrefOnclickBecomesALink) {
  const Page p = load(
      "<div onclick=\"location.href='/query.html'\">进度查询</div>"
      "<a href=\"javascript:void(0)\" onclick=\"window.open('/a.html')\">指南</a>"
      "<a href=\"javascript:location.href='/b.html'\">预约</a>");
  const auto links = with_role(p, "link");
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links[0]->name, "进度查询");
  EXPECT_EQ(links[0]->href, "/query.html");
  EXPECT_EQ(links[0]->action, a11y::RepairAction(a11y::OpenUrl{"/query.html"}));
  EXPECT_NE(links[0]->repaired & a11y::kRepairedRole, 0);
  EXPECT_EQ(links[1]->href, "/a.html");
  EXPECT_EQ(links[2]->href, "/b.html");
  ASSERT_FALSE(p.doc.blocks.empty());
  EXPECT_EQ(p.doc.blocks[0].runs[0].target, ui::LinkTarget(ui::UrlTarget{"/query.html"}));
}

TEST(PageRepair, SubmitScriptOrSubmitWordsSendTheForm) {
  const Page p = load(
      "<form action=/a><input name=x></form>"
      "<form id=f2 action=/b><input name=y>"
      "<div onclick=\"document.forms[1].submit()\">提交</div>"
      "<span onclick=\"checkForm()\">提交申请</span>"
      "<td onclick=\"document.getElementById('f2').submit()\">确定</td></form>");
  const auto buttons = with_role(p, "button");
  ASSERT_EQ(buttons.size(), 2u);  // a <td> outside a table is no element at all
  EXPECT_EQ(buttons[0]->name, "提交");
  EXPECT_EQ(buttons[0]->action, a11y::RepairAction(a11y::SubmitForm{1}));
  EXPECT_EQ(buttons[1]->action, a11y::RepairAction(a11y::SubmitForm{1}));
  // Shown as a control: the form's submission path takes it by its node.
  bool found = false;
  for (const auto& b : p.doc.blocks) {
    for (const auto& r : b.runs) {
      if (r.target == ui::LinkTarget(ui::ControlTarget{buttons[0]->dom})) {
        found = true;
        EXPECT_EQ(r.text, "按钮：提交");
      }
    }
  }
  EXPECT_TRUE(found);
}

TEST(PageRepair, ScriptActionsAreReadNarrowly) {
  auto parsed = a11y::Dom::parse("<form name=yy id=f1></form><form name=zz></form>");
  ASSERT_TRUE(parsed.dom);
  const a11y::Dom& dom = *parsed.dom;
  std::vector<a11y::NodeId> forms;
  for (a11y::NodeId i = 0; i < dom.size(); ++i) {
    if (dom.is_element(i, "form")) forms.push_back(i);
  }
  using a11y::PageRepair;
  using A = a11y::RepairAction;
  EXPECT_EQ(PageRepair::script_action(dom, "document.zz.submit()", forms, -1),
            A(a11y::SubmitForm{1}));
  EXPECT_EQ(PageRepair::script_action(dom, "$('#f1').submit();", forms, -1),
            A(a11y::SubmitForm{0}));
  EXPECT_EQ(PageRepair::script_action(dom, "document.forms['zz'].submit()", forms, -1),
            A(a11y::SubmitForm{1}));
  EXPECT_EQ(PageRepair::script_action(dom, "this.form.submit()", forms, 1), A(a11y::SubmitForm{1}));
  // Two forms and no way to tell which: nothing is guessed.
  EXPECT_EQ(PageRepair::script_action(dom, "form.submit()", forms, -1), A(std::monostate{}));
  // A URL glued to script is not a URL the kiosk knows.
  EXPECT_EQ(PageRepair::script_action(dom, "location.href='/x?id='+id", forms, -1),
            A(std::monostate{}));
  EXPECT_EQ(PageRepair::script_action(dom, "location = \"/y.html\"", forms, -1),
            A(a11y::OpenUrl{"/y.html"}));
  EXPECT_EQ(PageRepair::script_action(dom, "window.print()", forms, -1), A(std::monostate{}));
}

TEST(PageRepair, ALinkWithAnUnknownScriptStaysALinkAButtonWithAUrlBecomesOne) {
  const Page p = load(
      "<a href=\"javascript:alert(1)\">六</a>"
      "<input type=button value=返回 onclick=\"location.href='/'\">"
      "<form><a href=\"javascript:check()\">提交</a></form>");
  const auto links = with_role(p, "link");
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0]->href, "javascript:alert(1)");
  EXPECT_EQ(links[0]->repaired, 0);
  EXPECT_EQ(links[1]->href, "/");
  const auto buttons = with_role(p, "button");
  ASSERT_EQ(buttons.size(), 1u);
  EXPECT_EQ(buttons[0]->action, a11y::RepairAction(a11y::SubmitForm{0}));
}

TEST(PageRepair, UnknownScriptIsAButtonWithoutAction) {
  const Page p = load("<span onclick=\"window.print()\">打印本页</span>");
  const auto buttons = with_role(p, "button");
  ASSERT_EQ(buttons.size(), 1u);
  EXPECT_EQ(buttons[0]->name, "打印本页");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(buttons[0]->action));
  ASSERT_EQ(p.tree.repair().missing.size(), 1u);
  EXPECT_STREQ(a11y::missing_word(p.tree.repair().missing[0]), "button");
}

TEST(PageRepair, LayoutTablesAreReadAsTextDataTablesKeepHeaders) {
  const Page p = load(
      "<table width=100% border=0 "
      "cellpadding=0><tr><td>主办：人社局</td><td>技术支持：大数据中心</td>"
      "</tr></table>"
      "<table border=1><tr><th>项目</th><th>费用</th></tr><tr><td>补换</td><td>20元</td></tr>"
      "</table>"
      "<table><tr><td><table><tr><td>甲</td></tr></table></td><td>乙</td></tr>"
      "<tr><td>丙</td><td>丁</td></tr></table>");
  int rows = 0;
  for (const auto& b : p.doc.blocks) rows += b.kind == ui::BlockKind::TableRow;
  EXPECT_EQ(rows, 1);  // only the data table's row
  const std::string t = text(p.doc);
  EXPECT_NE(t.find("项目：补换；费用：20元"), std::string::npos) << t;
  EXPECT_NE(t.find("主办：人社局\n技术支持：大数据中心"), std::string::npos) << t;
  EXPECT_EQ(p.tree.repair().layout_tables, 3);  // single row, nested, and the one holding it
  const auto tables = with_role(p, "table");
  ASSERT_EQ(tables.size(), 4u);
  EXPECT_NE(tables[0]->repaired & a11y::kLayoutTable, 0);
  EXPECT_EQ(tables[1]->repaired & a11y::kLayoutTable, 0);
}

TEST(PageRepair, DecorationIsDropped) {
  const Page p = load(
      "<img src=/img/spacer.gif width=1 height=1><p>甲</p><img src=/i/a.gif width=8 height=8>"
      "<p>乙</p><img src=/i/b.gif><p>丙</p><img src=/i/b.gif><p>丁</p><img src=/i/b.gif>"
      "<p>戊</p><img src=/i/photo.jpg width=300 height=200>");
  EXPECT_EQ(count(text(p.doc), "图片，无说明"), 1) << text(p.doc);
  EXPECT_EQ(p.tree.repair().dropped_images, 5);
}

TEST(PageRepair, LinkedImageIsNamedByItsLinkTitleOrTarget) {
  const Page p = load(
      "<a href=/guide.html>办事指南</a>"
      "<a href=/guide.html><img src=/i/g.gif width=96 height=96></a>"
      "<a href=/more.html title=更多公告><img src=/i/m.gif width=96 height=96></a>"
      "<a href=/fees.html><img src=/i/f.gif width=96 height=96></a>"
      "<a href=/x.html>文字<img src=/i/x.gif width=96 height=96></a>");
  const auto links = with_role(p, "link");
  ASSERT_EQ(links.size(), 5u);
  EXPECT_EQ(links[1]->name, "办事指南");
  EXPECT_EQ(links[2]->name, "更多公告");
  EXPECT_EQ(links[3]->name, "链接：fees");
  EXPECT_EQ(links[4]->name, "文字");
  EXPECT_EQ(count(text(p.doc), "图片"), 0);
}

TEST(PageRepair, NeverTwoUnnamedImagesInARow) {
  const Page p = load(
      "<img src=/a.jpg width=300 height=200><img src=/b.jpg width=300 height=200>"
      "<p><img src=/c.jpg width=300 height=200></p><p>说明文字</p>"
      "<img src=/d.jpg width=300 height=200>");
  const std::string t = text(p.doc);
  EXPECT_EQ(count(t, "图片，无说明"), 2) << t;
  EXPECT_EQ(t.find("图片，无说明）\n（图片，无说明"), std::string::npos) << t;
}

TEST(PageRepair, TheDumpMarksWhatWasRepaired) {
  auto parsed = a11y::Dom::parse(
      "<form><table border=0><tr><td>姓名</td><td><input name=a></td></tr></table>"
      "<div onclick=\"document.forms[0].submit()\">提交</div></form>");
  ASSERT_TRUE(parsed.dom);
  const a11y::Accessibility acc(*parsed.dom);
  const std::string dump = a11y::AccessibilityTree::build(acc).to_json_lines(*parsed.dom);
  EXPECT_NE(dump.find("\"name\":\"姓名\""), std::string::npos) << dump;
  EXPECT_NE(dump.find("\"repaired\":[\"name\"]"), std::string::npos) << dump;
  EXPECT_NE(dump.find("\"repaired\":[\"layout-table\"]"), std::string::npos) << dump;
  EXPECT_NE(dump.find("\"repaired\":[\"role\"],\"action\":{\"submit_form\":0}"), std::string::npos)
      << dump;
}

}  // namespace
