// Cases written from the specifications, one or more per rule, each citing it: AccName 1.2
// (§4.3.2 "Computation steps"), HTML-AAM (element and attribute mappings), WAI-ARIA 1.2 (roles,
// presentational conflict resolution, aria-owns) and HTML (radio button groups, details). The
// wpt HTML-AAM cases run in html_aam_conformance_test.cpp; these cover what they leave out.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "a11y/accessibility_tree.hpp"
#include "bad_page.hpp"

namespace {

using a11y::NodeId;

class Page {
 public:
  explicit Page(const std::string& html)
      : dom_(std::move(*a11y::Dom::parse(html).dom)), acc_(dom_) {}
  NodeId id(std::string_view s) const {
    const NodeId n = dom_.element_by_id(s);
    EXPECT_NE(n, a11y::kNoNode) << "no element with id " << s;
    return n;
  }
  std::string name(std::string_view s) const { return acc_.name(id(s)); }
  std::string role(std::string_view s) const { return acc_.role(id(s)); }
  std::string description(std::string_view s) const { return acc_.description(id(s)); }
  std::string value(std::string_view s) const { return acc_.value(id(s)); }
  a11y::States states(std::string_view s) const { return acc_.states(id(s)); }
  bool hidden(std::string_view s) const { return acc_.hidden(id(s)); }
  const a11y::Accessibility& acc() const { return acc_; }
  a11y::AccessibilityTree tree() const { return a11y::AccessibilityTree::build(acc_); }
  // The tree node made from the element with this id, or nullptr when it is not in the tree.
  const a11y::AxNode* node(const a11y::AccessibilityTree& t, std::string_view s) const {
    const NodeId n = id(s);
    for (const auto& x : t.nodes()) {
      if (x.dom == n) return &x;
    }
    return nullptr;
  }
  std::vector<std::string> reading(bool text_only = false) const {
    std::vector<std::string> out;
    for (const auto& b : tree().to_document("t", text_only).blocks) out.push_back(b.plain_text());
    return out;
  }

 private:
  a11y::Dom dom_;
  a11y::Accessibility acc_;
};

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// ---- AccName 1.2 §4.3.2 step 2A: hidden, not referenced -------------------------------------

TEST(AccName, Step2A_HiddenContentIsLeftOutOfANameFromContent) {
  Page p(R"(<button id="b">办理<span hidden>（隐藏）</span><span aria-hidden="true">★</span>
            <span style="display:none">x</span>业务</button>)");
  EXPECT_EQ(p.name("b"), "办理 业务");
}

TEST(AccName, Step2A_HiddenLabelForNamesNothing) {
  // HTML-AAM §4.1.1 uses the associated label; a hidden label is not rendered, so step 2A
  // leaves it out (wpt hidden-names.html agrees).
  Page p(R"(<label for="i" hidden>姓名</label><input id="i" title="请输入">)");
  EXPECT_EQ(p.name("i"), "请输入");
}

TEST(AccName, Step2A_HiddenNodeReferencedByLabelledbyIsRead) {
  // "…not part of an aria-labelledby traversal, where the node directly referenced by that
  // relation was hidden": a directly referenced hidden node gives its whole content.
  Page p(R"(<div id="l" hidden>身份证 <span hidden>号码</span></div>
            <input id="i" aria-labelledby="l">)");
  EXPECT_EQ(p.name("i"), "身份证 号码");
}

TEST(AccName, Step2A_ControlsInsideAHiddenReferencedLabelGiveTheirValues) {
  Page p(R"(<div id="l" style="display:none">每页显示 <select><option>10</option>
            <option selected>20</option></select> 条 <input value="3" aria-label="x"> 次</div>
            <input type="checkbox" id="c" aria-labelledby="l">)");
  EXPECT_EQ(p.name("c"), "每页显示 20 条 3 次");
}

TEST(AccName, Step2A_ClosedDetailsHidesAllButItsSummary) {
  // HTML §4.11.1: a closed details element shows only its first summary.
  Page p(R"(<details id="d"><summary id="s">办理须知</summary><p id="c">须携带身份证</p></details>
            <details open><summary>材料</summary><p id="o">户口本</p></details>)");
  EXPECT_FALSE(p.hidden("s"));
  EXPECT_TRUE(p.hidden("c"));
  EXPECT_FALSE(p.hidden("o"));
  const auto r = p.reading();
  EXPECT_FALSE(contains(r, "须携带身份证"));
  EXPECT_TRUE(contains(r, "户口本"));
}

// ---- step 2B: aria-labelledby ----------------------------------------------------------------

TEST(AccName, Step2B_ReferencesAreJoinedInOrderWithSpaces) {
  Page p(R"(<span id="a">申请人</span><span id="b">手机号</span>
            <input id="i" aria-labelledby="b  a nosuchid">)");
  EXPECT_EQ(p.name("i"), "手机号 申请人");
}

TEST(AccName, Step2B_ChainsAreNotFollowedASecondTime) {
  // "…and the current node is not already part of an aria-labelledby traversal": the
  // referenced node's own aria-labelledby is ignored; its content is used.
  Page p(R"(<span id="c">第三</span><span id="b" aria-labelledby="c">第二</span>
            <button id="a" aria-labelledby="b">第一</button>)");
  EXPECT_EQ(p.name("a"), "第二");
  EXPECT_EQ(p.name("b"), "第三");
}

TEST(AccName, Step2B_CyclesVisitEachNodeOnce) {
  Page p(R"(<span id="x" aria-labelledby="y">甲<span id="y" aria-labelledby="x">乙</span></span>
            <button id="z" aria-labelledby="z t">提交</button><span id="t">申请</span>)");
  // x follows y (its content); y follows x, whose content reaches y again: y is not read twice.
  EXPECT_EQ(p.name("x"), "乙");
  EXPECT_EQ(p.name("y"), "甲");
  // A node may name itself: its content then comes from step 2F, once.
  EXPECT_EQ(p.name("z"), "提交 申请");
}

TEST(AccName, Step2B_LegacySpellingAriaLabeledbyIsHonoured) {
  // Browsers accept the misspelling aria-labeledby; aria-labelledby wins when both are set.
  Page p(R"(<span id="a">户籍地</span><span id="b">现住址</span>
            <input id="i" aria-labeledby="a"><input id="j" aria-labeledby="a" aria-labelledby="b">
            <section id="s" aria-labeledby="a"></section>)");
  EXPECT_EQ(p.name("i"), "户籍地");
  EXPECT_EQ(p.name("j"), "现住址");
  EXPECT_EQ(p.role("s"), "region");
}

TEST(AccName, Step2B_LabelledbyWinsOverAriaLabelAndNativeLabel) {
  Page p(R"(<span id="a">甲</span><label for="i">乙</label>
            <input id="i" aria-label="丙" aria-labelledby="a">)");
  EXPECT_EQ(p.name("i"), "甲");
}

// ---- step 2C: embedded controls --------------------------------------------------------------

TEST(AccName, Step2C_TextboxGivesItsValue) {
  Page p(R"(<label for="c">发送 <input value="3" aria-label="份数"> 份</label>
            <input type="checkbox" id="c">)");
  EXPECT_EQ(p.name("c"), "发送 3 份");
}

TEST(AccName, Step2C_ComboboxAndListboxGiveTheChosenOption) {
  Page p(
      R"(<span id="l1">每 <select><option>1</option><option selected>2</option></select> 天</span>
            <span id="l2">语言 <div role="listbox"><div role="option">英语</div>
            <div role="option" aria-selected="true">中文</div></div></span>
            <span id="l3">区 <select multiple><option selected>黄浦</option><option>徐汇</option>
            <option selected>静安</option></select></span>
            <button id="b1" aria-labelledby="l1"></button><button id="b2" aria-labelledby="l2"></button>
            <button id="b3" aria-labelledby="l3"></button>)");
  EXPECT_EQ(p.name("b1"), "每 2 天");
  EXPECT_EQ(p.name("b2"), "语言 中文");
  EXPECT_EQ(p.name("b3"), "区 黄浦 静安");
}

TEST(AccName, Step2C_RangeGivesValuetextThenValuenowThenValue) {
  Page p(R"(<span id="l">音量 <input type="range" min="0" max="10" value="7" aria-label="v">
            <span role="slider" aria-valuenow="3" aria-valuetext="低" tabindex="0"></span>
            <span role="spinbutton" aria-valuenow="5" tabindex="0"></span>
            <input type="number" value="9" aria-label="n"></span>
            <button id="b" aria-labelledby="l"></button>)");
  EXPECT_EQ(p.name("b"), "音量 7 低 5 9");
}

TEST(AccName, Step2C_AControlIsNotItsOwnValueWhenNamed) {
  // The embedded-control rule applies inside another's name, not to the control itself.
  Page p(R"(<label>手机号 <input id="i" value="13800000000"></label>)");
  EXPECT_EQ(p.name("i"), "手机号");
}

// ---- step 2D, 2E: aria-label and the host language -------------------------------------------

TEST(AccName, Step2D_BlankAriaLabelIsSkipped) {
  Page p(
      R"(<button id="b" aria-label="  ">确定</button><button id="c" aria-label="提交">确定</button>)");
  EXPECT_EQ(p.name("b"), "确定");
  EXPECT_EQ(p.name("c"), "提交");
}

TEST(AccName, Step2E_LabelsForAndWrappingJoinInOrder) {
  Page p(R"(<label for="i">证件</label><label>号码 <input id="i"></label>)");
  EXPECT_EQ(p.name("i"), "证件 号码");
}

// ---- step 2F: name from content and white space ----------------------------------------------

TEST(AccName, Step2F_AsciiWhitespaceCollapsesNoBreakSpaceStays) {
  Page p("<button id=\"b\">  预约 \t\n 挂号 </button><button id=\"n\">A&nbsp;&nbsp;B</button>");
  EXPECT_EQ(p.name("b"), "预约 挂号");
  EXPECT_EQ(p.name("n"), "A\u00a0\u00a0B");
}

TEST(AccName, Step2F_SpacesBetweenInlinePiecesAreKeptNeverAdded) {
  Page p(R"(<a id="a" href="#">con<b>tent</b> <i>here</i></a>
            <h2 id="h"><button>button</button>label</h2>
            <a id="d" href="#"><div>一</div><div>二</div></a>)");
  EXPECT_EQ(p.name("a"), "content here");
  EXPECT_EQ(p.name("h"), "button label");  // an inline-block is set apart, never "buttonlabel"
  EXPECT_EQ(p.name("d"), "一 二");
}

TEST(AccName, Step2F_RolesWithoutNameFromContentTakeNone) {
  Page p(
      R"(<nav id="n">首页 办事</nav><div id="g" role="group">甲</div><a id="a" href="#">链接</a>)");
  EXPECT_EQ(p.name("n"), "");
  EXPECT_EQ(p.name("g"), "");
  EXPECT_EQ(p.name("a"), "链接");
}

TEST(AccName, Step2F_AriaOwnsAddsOwnedContentAfterTheOwnersChildren) {
  // WAI-ARIA 1.2 aria-owns: owned elements are the owner's children, after its DOM children.
  Page p(R"(<button id="b" aria-owns="s">立即</button><p>其他</p><span id="s">预约</span>)");
  EXPECT_EQ(p.name("b"), "立即预约");
}

TEST(AccName, Step2I_TooltipThenPlaceholderLast) {
  Page p(R"(<input id="i" title="姓名" placeholder="请输入"><input id="j" placeholder="请输入">)");
  EXPECT_EQ(p.name("i"), "姓名");
  EXPECT_EQ(p.name("j"), "请输入");
  EXPECT_EQ(p.description("i"), "");  // the title is the name, not said twice
}

// ---- WAI-ARIA 1.2 aria-owns ------------------------------------------------------------------

TEST(AriaOwns, OwnedElementMovesUnderItsOwnerInTheTree) {
  Page p(R"(<ul id="l" aria-owns="x"><li>一</li></ul><p>中间</p><li id="x">二</li>)");
  EXPECT_EQ(p.role("x"), "listitem");
  const auto t = p.tree();
  const auto* list = p.node(t, "l");
  const auto* item = p.node(t, "x");
  ASSERT_NE(list, nullptr);
  ASSERT_NE(item, nullptr);
  const auto index = static_cast<std::uint32_t>(item - t.nodes().data());
  EXPECT_NE(std::find(list->children.begin(), list->children.end(), index), list->children.end());
  EXPECT_EQ(item->position, 2);
  EXPECT_EQ(item->set_size, 2);
}

TEST(AriaOwns, CyclesAndSecondClaimsAreIgnored) {
  Page p(R"(<div id="a" aria-owns="b"><span>甲</span></div><div id="b" aria-owns="a">乙</div>
            <div id="c" aria-owns="b"></div><div id="d" aria-owns="d e"><p id="e">丙</p></div>)");
  EXPECT_EQ(p.acc().aria_owner(p.id("b")), p.id("a"));
  EXPECT_EQ(p.acc().aria_owner(p.id("a")), a11y::kNoNode);  // would be a cycle
  EXPECT_EQ(p.acc().aria_owner(p.id("e")), p.id("d"));      // a descendant may be owned
  EXPECT_EQ(p.acc().aria_owner(p.id("d")), a11y::kNoNode);  // never itself
  EXPECT_FALSE(p.tree().nodes().empty());
}

// ---- HTML-AAM §4 input types -----------------------------------------------------------------

TEST(HtmlAamInputs, EveryTypeIsInTheTreeWithItsKindAndValue) {
  Page p(R"(<form aria-label="f">
    <input id="pw" type="password" value="secret12" aria-label="密码">
    <input id="d" type="date" value="2026-05-01" aria-label="日期">
    <input id="t" type="time" value="09:30" aria-label="时间">
    <input id="m" type="month" value="2026-05" aria-label="月">
    <input id="w" type="week" value="2026-W18" aria-label="周">
    <input id="dt" type="datetime-local" value="2026-05-01T09:30" aria-label="预约">
    <input id="c" type="color" aria-label="颜色">
    <input id="f" type="file" aria-label="附件">
    <input id="r" type="range" aria-label="音量">
    <input id="r2" type="range" min="10" max="20" aria-label="音量2">
    <input id="n" type="number" value="2" aria-label="人数">
    <input id="e" type="email" value="a@b.cn" aria-label="邮箱">
    <input id="u" type="bogus" value="x" aria-label="未知"></form>)");
  EXPECT_EQ(p.role("n"), "spinbutton");
  EXPECT_EQ(p.role("r"), "slider");
  EXPECT_EQ(p.role("e"), "textbox");
  EXPECT_EQ(p.role("u"), "textbox");  // unknown types are text fields (HTML)
  EXPECT_EQ(p.states("u").input_type, "text");
  EXPECT_EQ(p.value("r"), "50");  // HTML: the default of a range is the middle
  EXPECT_EQ(p.value("r2"), "15");
  EXPECT_EQ(p.value("c"), "#000000");
  EXPECT_EQ(p.value("f"), "");
  EXPECT_EQ(p.value("d"), "2026-05-01");
  const auto t = p.tree();
  for (const char* id : {"pw", "d", "t", "m", "w", "dt", "c", "f", "r", "n", "e", "u"}) {
    const auto* n = p.node(t, id);
    ASSERT_NE(n, nullptr) << id << " is not in the tree";
    EXPECT_FALSE(n->role.empty()) << id;
    EXPECT_FALSE(n->name.empty()) << id;
  }
  EXPECT_EQ(p.node(t, "pw")->states.input_type, "password");
  EXPECT_EQ(p.node(t, "pw")->value, "已输入8位");  // never in clear
  EXPECT_EQ(p.node(t, "f")->role, "button");
  EXPECT_EQ(p.node(t, "t")->value, "09:30");
  const auto r = p.reading();
  EXPECT_TRUE(contains(r, "密码框：密码，内容：已输入8位"));
  EXPECT_TRUE(contains(r, "日期框：日期，内容：2026-05-01"));
  EXPECT_TRUE(contains(r, "时间框：时间，内容：09:30"));
  EXPECT_TRUE(contains(r, "颜色框：颜色，内容：#000000"));
  EXPECT_TRUE(contains(r, "文件选择框：附件，本机不能选择文件"));
  EXPECT_TRUE(contains(r, "滑块：音量，内容：50"));
}

TEST(HtmlAamInputs, CheckboxAndRadioValuesAreNotContent) {
  Page p(R"(<label><input id="c" type="checkbox" value="agree" checked>同意</label>)");
  EXPECT_EQ(p.value("c"), "");
  EXPECT_TRUE(contains(p.reading(), "复选框：同意，已选中"));
}

// ---- HTML radio button groups ----------------------------------------------------------------

TEST(RadioGroups, GroupedByNameAndFormOwnerAcrossContainers) {
  // HTML §4.10.5.1.17: a radio button group is every input of type radio with the same name in
  // the same form owner (and tree), wherever they sit.
  Page p(R"(<form id="f1"><table>
      <tr><td><label><input id="r1" type="radio" name="xb" value="m">男</label></td>
          <td><label><input id="r2" type="radio" name="xb" value="f">女</label></td></tr>
      <tr><td><label><input id="r3" type="radio" name="xb" value="o">其他</label></td></tr></table>
      <div><p><label><input id="r4" type="radio" name="xb" value="n" checked>不愿透露</label></p></div>
      <input id="r5" type="radio" name="xb" value="h" hidden>
      <input id="q1" type="radio" name="other" aria-label="甲">
      <input id="x1" type="radio" name="yy" form="f2" aria-label="外">
    </form>
    <form id="f2"><input id="y1" type="radio" name="xb" aria-label="乙">
      <input id="y2" type="radio" name="yy" aria-label="丙"></form>
    <input id="z1" type="radio" name="xb" aria-label="无表单">)");
  EXPECT_EQ(p.states("r1").position, 1);
  EXPECT_EQ(p.states("r1").set_size, 4);  // the hidden one is not counted
  EXPECT_EQ(p.states("r3").position, 3);
  EXPECT_EQ(p.states("r4").position, 4);
  EXPECT_EQ(p.states("q1").set_size, 1);
  EXPECT_EQ(p.states("y1").set_size, 1);  // another form owner: another group
  EXPECT_EQ(p.states("x1").position, 1);  // form="f2" joins f2's group
  EXPECT_EQ(p.states("y2").position, 2);
  EXPECT_EQ(p.states("y2").set_size, 2);
  EXPECT_EQ(p.states("z1").set_size, 1);
  std::string all;
  for (const auto& b : p.reading()) all += b + "\n";
  // (The table holds form controls and no headers: the repair reads it as layout, a radio a line.)
  EXPECT_NE(all.find("单选按钮：男，未选中，第1项，共4项"), std::string::npos) << all;
  EXPECT_NE(all.find("单选按钮：女，未选中，第2项，共4项"), std::string::npos) << all;
  EXPECT_NE(all.find("单选按钮：不愿透露，已选中，第4项，共4项"), std::string::npos) << all;
  EXPECT_EQ(all.find("内容："), std::string::npos) << "a radio's value is never said as content";
  // The row is named from content once per radio, the label not said twice.
  const auto t = p.tree();
  const auto row = std::find_if(t.nodes().begin(), t.nodes().end(),
                                [](const a11y::AxNode& n) { return n.role == "row"; });
  ASSERT_NE(row, t.nodes().end());
  EXPECT_EQ(row->name, "男 女");
}

TEST(RadioGroups, AriaPosinsetAndSetsizeWin) {
  Page p(R"(<div role="radiogroup"><span id="a" role="radio" aria-posinset="3" aria-setsize="9"
            tabindex="0">甲</span></div>)");
  EXPECT_EQ(p.states("a").position, 3);
  EXPECT_EQ(p.states("a").set_size, 9);
}

// ---- HTML-AAM: elements exposed only when named ----------------------------------------------

TEST(HtmlAamNamedElements, AriaLabelOrTitleKeepsOtherwiseUnexposedElements) {
  Page p(R"(<dl id="dl" aria-label="办理信息"><dt>时限</dt><dd>5天</dd></dl>
    <li id="li" title="提示">孤立项</li>
    <table><thead id="th" aria-label="表头"><tr><th>甲</th></tr></thead>
      <tbody id="tb" title="数据"><tr><td>乙</td></tr></tbody></table>
    <p>世界卫生组织简称<abbr id="ab" title="World Health Organization">WHO</abbr>。</p>
    <p>按<kbd id="kb" aria-label="确认键">Enter</kbd>继续</p>
    <details open><summary id="su" aria-label="更多说明">更多</summary>内容</details>
    <iframe id="if" title="地图" src="map.html"></iframe>
    <div id="doc" role="document" aria-label="须知全文"><p>正文</p></div>
    <dl id="plain"><dt>不命名</dt></dl>)");
  const auto t = p.tree();
  for (const char* id : {"dl", "li", "th", "tb", "ab", "kb", "su", "if", "doc"}) {
    const auto* n = p.node(t, id);
    ASSERT_NE(n, nullptr) << id << " is left out of the tree";
    EXPECT_FALSE(n->name.empty()) << id;
  }
  EXPECT_EQ(p.node(t, "plain"), nullptr);
  EXPECT_EQ(p.node(t, "doc")->role, "document");
  const auto r = p.reading();
  EXPECT_TRUE(contains(r, "办理信息"));
  EXPECT_TRUE(contains(r, "世界卫生组织简称WHO（World Health Organization）。"));
  EXPECT_TRUE(contains(r, "须知全文"));
  EXPECT_TRUE(contains(r, "地图"));
}

TEST(HtmlAamNamedElements, ATitledLabelStaysInItsLine) {
  Page p(R"(<p><label title="请按身份证填写">姓名 <input id="i"></label> 必填</p>)");
  EXPECT_EQ(p.name("i"), "姓名");
  EXPECT_EQ(p.description("i"), "");
  const auto r = p.reading();
  ASSERT_FALSE(r.empty());
  EXPECT_NE(r.front().find("编辑框：姓名"), std::string::npos) << r.front();
  EXPECT_NE(r.front().find("（请按身份证填写）"), std::string::npos) << r.front();
}

TEST(HtmlAamNamedElements, DirectoryIsAList) {
  // WAI-ARIA 1.3 deprecates directory: user agents expose it as list.
  Page p(R"(<div id="d" role="directory"><li id="i">一</li><li>二</li></div>)");
  EXPECT_EQ(p.role("d"), "list");
  EXPECT_EQ(p.role("i"), "listitem");
}

TEST(HtmlAamNamedElements, UnnamedFormAndRegionAreNoLandmarks) {
  // HTML-AAM: section and form are region/form only with an accessible name; Core-AAM: an
  // unnamed role=region or role=form is not exposed as a landmark.
  Page p(R"(<form id="f"></form><section id="s"></section><div id="r" role="region"></div>
            <div id="rf" role="form"></div><div id="n" role="region" aria-label="公告"></div>
            <form id="nf" title="登录"></form>)");
  EXPECT_EQ(p.role("f"), "generic");
  EXPECT_EQ(p.role("s"), "generic");
  EXPECT_EQ(p.role("r"), "generic");
  EXPECT_EQ(p.role("rf"), "generic");
  EXPECT_EQ(p.role("n"), "region");
  EXPECT_EQ(p.role("nf"), "form");
}

// ---- WAI-ARIA 1.2 §9.3 presentational role conflict resolution -------------------------------

TEST(PresentationalRoles, FocusableOrGloballyLabelledElementsKeepTheirRole) {
  Page p(R"(<button id="b" role="none">确定</button>
            <h2 id="h" role="presentation" aria-describedby="x">标题</h2><span id="x">说明</span>
            <h2 id="h2" role="presentation">标题</h2>
            <div id="t" role="none" tabindex="-1">可聚焦</div>
            <button id="db" role="none" disabled>不可用</button>
            <img id="i" role="presentation" alt="" src="a.png">
            <a id="a" role="none" href="#">链接</a><a id="a2" role="none">无链接</a>
            <div id="live" role="none" aria-live="polite">通知</div>)");
  EXPECT_EQ(p.role("b"), "button");
  EXPECT_EQ(p.role("h"), "heading");
  EXPECT_EQ(p.role("h2"), "none");
  EXPECT_EQ(p.role("t"), "generic");
  EXPECT_EQ(p.role("db"), "none");  // a disabled button is not focusable
  EXPECT_EQ(p.role("i"), "none");
  EXPECT_EQ(p.role("a"), "link");
  EXPECT_EQ(p.role("a2"), "none");
  EXPECT_EQ(p.role("live"), "generic");
}

TEST(PresentationalRoles, RequiredPartsOfAPresentationalTableAreNoneToo) {
  Page p(R"(<table role="presentation"><caption id="c">x</caption><tr id="r"><th id="h">甲</th>
            <td id="d">乙</td></tr></table><ul role="none"><li id="l">项</li></ul>)");
  EXPECT_EQ(p.role("r"), "none");
  EXPECT_EQ(p.role("d"), "none");
  EXPECT_EQ(p.role("h"), "none");
  EXPECT_EQ(p.role("c"), "none");
  EXPECT_EQ(p.role("l"), "generic");
}

// ---- Tree building is linear in the page ------------------------------------------------------

std::uint64_t work_for(std::size_t sections) {
  auto parsed = a11y::Dom::parse(a11y_test::bad_page_sections(sections));
  EXPECT_TRUE(parsed.dom) << parsed.error;
  if (!parsed.dom) return 0;
  const a11y::Accessibility acc(*parsed.dom);
  const auto tree = a11y::AccessibilityTree::build(acc);
  EXPECT_GT(tree.nodes().size(), sections * 10);
  (void)tree.to_document("t");
  return acc.work();
}

TEST(TreeScaling, WorkGrowsLinearlyWithTheBadlyBuiltPage) {
  // Layout tables nested section in section: names from content of every row and link asked
  // per ancestor were quadratic. The work (names, roles and pieces computed) for 4N sections
  // must stay within 4.5 times that for N; quadratic growth would be about 16 times.
  const std::uint64_t n = work_for(16);
  const std::uint64_t n4 = work_for(64);
  ASSERT_GT(n, 0U);
  EXPECT_LE(static_cast<double>(n4) / static_cast<double>(n), 4.5)
      << "work for 16 sections " << n << ", for 64 sections " << n4;
}

TEST(TreeScaling, RadioGroupsAndLabelsScaleLinearly) {
  // Many radios of one group and many labels: positions and labels are indexed, not scanned.
  auto page = [](int n) {
    std::string html = "<form><table>";
    for (int i = 0; i < n; ++i) {
      const std::string k = std::to_string(i);
      html += "<tr><td><label for=\"i" + k + "\">项" + k + "</label><input id=\"i" + k +
              "\"></td><td><input type=radio name=g aria-label=\"选" + k + "\"></td></tr>";
    }
    return html + "</table></form>";
  };
  auto work = [&](int n) {
    auto parsed = a11y::Dom::parse(page(n));
    const a11y::Accessibility acc(*parsed.dom);
    (void)a11y::AccessibilityTree::build(acc);
    return acc.work();
  };
  const std::uint64_t n = work(200);
  const std::uint64_t n4 = work(800);
  EXPECT_LE(static_cast<double>(n4) / static_cast<double>(n), 4.5);
}

TEST(TreeScaling, ManyLabelledbyReferencesToOneBigContainerScaleLinearly) {
  auto work = [](int n) {
    std::string html = "<table id=\"big\">";
    for (int i = 0; i < n; ++i) html += "<tr><td><span><b>办事</b>指南</span></td></tr>";
    html += "</table>";
    for (int i = 0; i < n; ++i) html += "<input aria-labelledby=\"big\">";
    auto parsed = a11y::Dom::parse(html);
    const a11y::Accessibility acc(*parsed.dom);
    (void)a11y::AccessibilityTree::build(acc);
    return acc.work();
  };
  const std::uint64_t n = work(100);
  const std::uint64_t n4 = work(400);
  EXPECT_LE(static_cast<double>(n4) / static_cast<double>(n), 4.5)
      << "work for 100 " << n << ", for 400 " << n4;
}

TEST(TreeScaling, LongNamesFromContentAreCut) {
  std::string html = "<a id=\"a\" href=\"#\">";
  for (int i = 0; i < 3000; ++i) html += "<span>办事</span>";
  Page p(html + "</a>");
  const std::string name = p.name("a");
  EXPECT_LE(name.size(), a11y::Accessibility::kMaxNameBytes);
  EXPECT_GT(name.size(), a11y::Accessibility::kMaxNameBytes - 8);
  EXPECT_EQ(name.substr(0, 6), "办事");
}

}  // namespace
