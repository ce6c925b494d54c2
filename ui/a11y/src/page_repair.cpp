#include "a11y/page_repair.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "a11y/accessibility_tree.hpp"

namespace a11y {
namespace {

// A label is a few words ("身份证号码"), never a sentence: longer text is not taken.
constexpr std::size_t kMaxLabelBytes = 60;
// How far the search for a neighbouring label goes, in DOM nodes (hostile pages stay linear).
constexpr int kMaxScan = 40;
// Text gathered for a clickable element's name.
constexpr std::size_t kMaxNameBytes = 200;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool has(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

bool unread_tag(const std::string& tag) {
  return tag == "script" || tag == "style" || tag == "head" || tag == "title" ||
         tag == "template" || tag == "noscript";
}

int int_attribute(const Dom& dom, NodeId id, const char* name) {
  const std::string* v = dom.attribute(id, name);
  if (v == nullptr || v->empty() || !std::isdigit(static_cast<unsigned char>(v->front()))) {
    return -1;
  }
  return std::atoi(v->c_str());
}

// The first quoted string in `s` at or after `from`, if only spaces, '=' or '(' come before
// it, and it is not glued to more script ('…' + id): a URL the page wrote out whole.
std::string quoted_after(std::string_view s, std::size_t from) {
  std::size_t i = from;
  while (i < s.size() && (s[i] == ' ' || s[i] == '=' || s[i] == '(')) ++i;
  if (i >= s.size() || (s[i] != '\'' && s[i] != '"')) return {};
  const char q = s[i];
  const std::size_t end = s.find(q, i + 1);
  if (end == std::string_view::npos) return {};
  std::size_t after = end + 1;
  while (after < s.size() && s[after] == ' ') ++after;
  if (after < s.size() && s[after] == '+') return {};
  return std::string(s.substr(i + 1, end - i - 1));
}

// Words on a clickable element inside a form that say it sends the form.
bool submit_words(const std::string& text) {
  static constexpr std::string_view kWords[] = {"提交", "确定", "确认", "下一步", "保存", "申请",
                                                "预约", "查询", "搜索", "登录",   "发送", "submit"};
  const std::string l = lower(text);
  return std::any_of(std::begin(kWords), std::end(kWords), [&](auto w) { return has(l, w); });
}

}  // namespace

const char* missing_word(Missing m) {
  switch (m) {
    case Missing::Label:
      return "label";
    case Missing::Alt:
      return "alt";
    case Missing::Button:
      return "button";
    case Missing::TableLayout:
      return "table-layout";
  }
  return "";
}

std::string PageRepair::label_text(std::string_view text) {
  std::string t = collapse_whitespace(text);
  // Trailing and leading colons, asterisks (required marks) and spaces.
  static constexpr std::string_view kTrim[] = {"：", ":", "*", "＊", " ", "　"};
  bool changed = true;
  while (changed && !t.empty()) {
    changed = false;
    for (auto p : kTrim) {
      if (t.size() >= p.size() && t.compare(t.size() - p.size(), p.size(), p) == 0) {
        t.erase(t.size() - p.size());
        changed = true;
      }
      if (t.size() >= p.size() && t.compare(0, p.size(), p) == 0) {
        t.erase(0, p.size());
        changed = true;
      }
    }
  }
  return t;
}

RepairAction PageRepair::script_action(const Dom& dom, std::string_view script,
                                       const std::vector<NodeId>& forms, int own_form) {
  const std::string s = lower(script);  // ASCII only: byte offsets stay those of `script`
  // Navigation: location.href='…', location='…', location.assign('…'), window.open('…').
  for (std::string_view key :
       {"location.href", "location.assign", "location.replace", "window.open", "location"}) {
    const std::size_t at = s.find(key);
    if (at == std::string::npos) continue;
    std::string url = quoted_after(script, at + key.size());
    if (!url.empty()) return OpenUrl{std::move(url)};
  }
  const std::size_t submit = s.find(".submit(");
  if (submit == std::string::npos) return std::monostate{};
  // The receiver: document.forms[0], document.forms['f'], document.getElementById('f'),
  // $('#f'), document.f, this.form or form.
  const std::size_t start =
      s.find_last_of(";{", submit) == std::string::npos ? 0 : s.find_last_of(";{", submit) + 1;
  const std::string_view receiver = std::string_view(script).substr(start, submit - start);
  const std::string r = lower(receiver);
  auto by_name = [&](std::string name) -> int {
    if (!name.empty() && name.front() == '#') name.erase(0, 1);
    for (std::size_t i = 0; i < forms.size(); ++i) {
      const std::string* id = dom.attribute(forms[i], "id");
      const std::string* n = dom.attribute(forms[i], "name");
      if ((id != nullptr && *id == name) || (n != nullptr && *n == name)) {
        return static_cast<int>(i);
      }
    }
    return -1;
  };
  int form = -1;
  if (const std::size_t f = r.find("forms["); f != std::string::npos) {
    const std::size_t i = f + 6;
    if (i < r.size() && std::isdigit(static_cast<unsigned char>(r[i]))) {
      form = std::atoi(r.c_str() + i);
      if (form >= static_cast<int>(forms.size())) form = -1;
    } else {
      form = by_name(quoted_after(receiver, i));
    }
  } else if (const std::size_t g = r.find("getelementbyid"); g != std::string::npos) {
    form = by_name(quoted_after(receiver, g + 14));
  } else if (const std::size_t j = r.find("$("); j != std::string::npos) {
    form = by_name(quoted_after(receiver, j + 1));
  } else if (const std::size_t d = r.find("document."); d != std::string::npos) {
    form = by_name(collapse_whitespace(receiver.substr(d + 9)));
  }
  if (form < 0) form = own_form;
  if (form < 0 && forms.size() == 1) form = 0;
  if (form < 0) return std::monostate{};
  return SubmitForm{form};
}

PageRepair::PageRepair(const Accessibility& acc) : acc_(acc), dom_(acc.dom()) {
  find_forms();
  repair_tables();
  repair_clickables();
  repair_controls();
  repair_images();
}

void PageRepair::note(Missing m) {
  if (std::find(summary_.missing.begin(), summary_.missing.end(), m) == summary_.missing.end()) {
    summary_.missing.push_back(m);
    std::sort(summary_.missing.begin(), summary_.missing.end());
  }
}

void PageRepair::find_forms() {
  for (NodeId id = 0; id < dom_.size(); ++id) {
    if (dom_.is_element(id, "form")) forms_.push_back(id);
  }
}

bool PageRepair::is_control(NodeId id) const {
  const DomNode& n = dom_.node(id);
  if (n.type != NodeType::Element) return false;
  if (n.tag == "input") {
    const std::string* type = dom_.attribute(id, "type");
    return type == nullptr || lower(*type) != "hidden";
  }
  return n.tag == "select" || n.tag == "textarea" || n.tag == "button";
}

std::string PageRepair::text_of(NodeId id) const {
  std::string text;
  std::vector<NodeId> stack{id};
  int visited = 0;
  while (!stack.empty() && text.size() < kMaxNameBytes && ++visited < 2000) {
    const NodeId n = stack.back();
    stack.pop_back();
    const DomNode& d = dom_.node(n);
    if (d.type == NodeType::Text) {
      text += d.text;
      continue;
    }
    if (d.type != NodeType::Element || unread_tag(d.tag) || acc_.hidden(n)) continue;
    if (d.tag == "select" || d.tag == "textarea") continue;  // its options are no label
    stack.insert(stack.end(), d.children.rbegin(), d.children.rend());
  }
  return collapse_whitespace(text);
}

void PageRepair::repair_tables() {
  for (NodeId t = 0; t < dom_.size(); ++t) {
    if (!dom_.is_element(t, "table") || acc_.hidden(t) || acc_.role(t) != "table") continue;
    // This table's own rows and cells (nested tables are looked at on their own).
    bool nested = false, controls = false, headers = false;
    int rows = 0, columns = 0;
    std::vector<NodeId> own;  // rows and cells
    std::vector<NodeId> stack(dom_.node(t).children.rbegin(), dom_.node(t).children.rend());
    while (!stack.empty()) {
      const NodeId n = stack.back();
      stack.pop_back();
      const DomNode& d = dom_.node(n);
      if (d.type != NodeType::Element) continue;
      if (d.tag == "table") {
        nested = true;
        continue;
      }
      if (is_control(n)) controls = true;
      if (d.tag == "th" || d.tag == "caption" || d.tag == "thead") headers = true;
      if (d.tag == "tr") {
        ++rows;
        int cells = 0;
        for (NodeId c : d.children) cells += dom_.is_element(c, "td") || dom_.is_element(c, "th");
        columns = std::max(columns, cells);
        own.push_back(n);
      }
      if (d.tag == "td" || d.tag == "th") own.push_back(n);
      stack.insert(stack.end(), d.children.rbegin(), d.children.rend());
    }
    const bool presentational =
        dom_.has_attribute(t, "cellpadding") || dom_.has_attribute(t, "cellspacing") ||
        dom_.has_attribute(t, "bgcolor") || dom_.has_attribute(t, "background") ||
        (dom_.has_attribute(t, "border") && int_attribute(dom_, t, "border") == 0);
    const bool data = headers && !nested && !controls;
    const bool layout =
        !data && (nested || controls || rows <= 1 || columns <= 1 || presentational);
    if (!layout) continue;
    layout_tables_.insert(t);
    fixes_[t].marks |= kLayoutTable;
    for (NodeId n : own) fixes_[n].marks |= kLayoutTable;
    ++summary_.layout_tables;
    note(Missing::TableLayout);
  }
}

void PageRepair::repair_clickables() {
  for (NodeId id = 0; id < dom_.size(); ++id) {
    const DomNode& d = dom_.node(id);
    if (d.type != NodeType::Element || acc_.hidden(id)) continue;
    const std::string* onclick = dom_.attribute(id, "onclick");
    const std::string* href = d.tag == "a" ? dom_.attribute(id, "href") : nullptr;
    const bool script_href = href != nullptr && lower(*href).rfind("javascript:", 0) == 0;
    const bool dead_href = href == nullptr || href->empty() || *href == "#" || script_href;
    if (onclick == nullptr && !script_href) continue;
    if (d.tag == "a" && !dead_href) continue;  // a real link already
    const std::string script = onclick != nullptr ? *onclick : href->substr(11);
    const NodeId form_el = dom_.ancestor(id, {"form"});
    int own_form = -1;
    for (std::size_t i = 0; i < forms_.size(); ++i) {
      if (forms_[i] == form_el) own_form = static_cast<int>(i);
    }
    RepairAction action = script_action(dom_, script, forms_, own_form);
    std::string name = text_of(id);
    if (name.empty()) {
      if (const std::string* title = dom_.attribute(id, "title"))
        name = collapse_whitespace(*title);
    }
    if (is_control(id)) {
      // <input type=button onclick="…">: a known submit makes it its form's submit button, a
      // known URL a link; otherwise it stays the button it is.
      if (std::holds_alternative<SubmitForm>(action)) fixes_[id].action = action;
      if (!std::holds_alternative<OpenUrl>(action)) continue;
    } else if (std::holds_alternative<std::monostate>(action) && own_form >= 0 &&
               (submit_words(name) || has(lower(script), "submit"))) {
      action = SubmitForm{own_form};  // 提交 on a div in the form: it sends the form
    }
    // A link whose script the kiosk cannot read stays a link (the browser refuses it as any
    // URL it cannot open); only an <a> with a known action is repaired.
    if (d.tag == "a" && std::holds_alternative<std::monostate>(action)) continue;
    Fix& fix = fixes_[id];
    fix.marks |= kRepairedRole;
    fix.marks &= static_cast<std::uint16_t>(~kLayoutTable);  // a clicked cell is a button
    if (const auto* open = std::get_if<OpenUrl>(&action)) {
      fix.role = "link";
      fix.href = open->url;
    } else {
      fix.role = "button";
    }
    fix.action = std::move(action);
    if (!name.empty()) {
      fix.name = name;
    }
    ++summary_.clickables;
    note(Missing::Button);
  }
}

std::string PageRepair::neighbour_label(NodeId control, bool after,
                                        std::vector<NodeId>& used) const {
  // After a control: past its own subtree (a select's options).
  NodeId last = control;
  while (!dom_.node(last).children.empty()) last = dom_.node(last).children.back();
  std::vector<NodeId> skipped;
  NodeId id = after ? last + 1 : control;
  for (int k = 0; k < kMaxScan; ++k) {
    if (after) {
      if (k > 0) ++id;
      if (id >= dom_.size()) return {};
    } else {
      if (id == 0) return {};
      --id;
    }
    const DomNode& d = dom_.node(id);
    if (d.type == NodeType::Element) {
      if (acc_.hidden(id) || d.tag == "br" || d.tag == "option" || d.tag == "optgroup") continue;
      if (is_control(id) || d.tag == "img" || d.tag == "a" || d.tag == "table" ||
          (d.tag == "tr" && after) || (fixes_.count(id) != 0 && !fixes_.at(id).role.empty())) {
        return {};  // another item of its own lies between: no label here
      }
      continue;
    }
    if (d.type != NodeType::Text) continue;
    if (collapse_whitespace(d.text).empty()) continue;  // before the ancestor walks below
    const NodeId parent = d.parent;
    if (parent != kNoNode && (unread_tag(dom_.node(parent).tag) || acc_.hidden(parent))) continue;
    if (dom_.ancestor(id, {"option", "select", "textarea"}) != kNoNode) continue;
    if (used_text_.count(id) != 0 ||
        dom_.ancestor(id, {"a", "button", "h1", "h2", "h3", "h4", "h5", "h6"}) != kNoNode) {
      return {};
    }
    if (const NodeId label = dom_.ancestor(id, {"label"});
        label != kNoNode && acc_.labels_a_control(label)) {
      return {};
    }
    const std::string text = label_text(d.text);
    if (text.empty()) {
      if (collapse_whitespace(d.text).empty()) continue;
      skipped.push_back(id);  // a lone colon or asterisk between the words and the control
      continue;
    }
    if (text.size() > kMaxLabelBytes) return {};
    used = std::move(skipped);
    used.push_back(id);
    return text;
  }
  return {};
}

std::string PageRepair::table_label(NodeId control, std::vector<NodeId>& used) const {
  const NodeId cell = dom_.ancestor(control, {"td", "th"});
  if (cell == kNoNode) return {};
  const NodeId table = dom_.ancestor(cell, {"table"});
  if (layout_tables_.count(table) == 0) return {};
  if (!label_text(text_of(cell)).empty()) return {};  // the cell has words of its own
  const NodeId row = dom_.node(cell).parent;
  if (row == kNoNode || !dom_.is_element(row, "tr")) return {};
  auto cells_of = [&](NodeId tr) {
    std::vector<NodeId> cells;
    for (NodeId c : dom_.node(tr).children) {
      if (dom_.is_element(c, "td") || dom_.is_element(c, "th")) cells.push_back(c);
    }
    return cells;
  };
  auto holds_control = [&](NodeId root) {
    std::vector<NodeId> stack{root};
    for (int visited = 0; !stack.empty(); ++visited) {
      if (visited > 2000) return true;  // too big to be a label cell (and hostile pages stay fast)
      const NodeId n = stack.back();
      stack.pop_back();
      if (is_control(n)) return true;
      const auto& cc = dom_.node(n).children;
      stack.insert(stack.end(), cc.begin(), cc.end());
    }
    return false;
  };
  auto take = [&](NodeId from) -> std::string {
    if (holds_control(from)) return {};
    const std::string text = label_text(text_of(from));
    if (text.empty() || text.size() > kMaxLabelBytes) return {};
    std::vector<NodeId> stack{from};
    while (!stack.empty()) {
      const NodeId n = stack.back();
      stack.pop_back();
      if (dom_.node(n).type == NodeType::Text) used.push_back(n);
      const auto& cc = dom_.node(n).children;
      stack.insert(stack.end(), cc.begin(), cc.end());
    }
    return text;
  };
  const auto cells = cells_of(row);
  const auto at =
      static_cast<std::size_t>(std::find(cells.begin(), cells.end(), cell) - cells.begin());
  if (at > 0) {
    if (std::string left = take(cells[at - 1]); !left.empty()) return left;
    if (!holds_control(cells[at - 1]) && !text_of(cells[at - 1]).empty()) return {};
  }
  // The cell above, in the same column.
  const auto& siblings = dom_.node(dom_.node(row).parent).children;
  auto it = std::find(siblings.begin(), siblings.end(), row);
  while (it != siblings.begin()) {
    --it;
    if (!dom_.is_element(*it, "tr")) continue;
    const auto above = cells_of(*it);
    if (at < above.size()) return take(above[at]);
    return {};
  }
  return {};
}

void PageRepair::repair_controls() {
  for (NodeId id = 0; id < dom_.size(); ++id) {
    const DomNode& d = dom_.node(id);
    if (d.type != NodeType::Element || acc_.hidden(id)) continue;
    if (d.tag != "input" && d.tag != "select" && d.tag != "textarea") continue;
    const std::string* type_attr = dom_.attribute(id, "type");
    const std::string type = type_attr ? lower(*type_attr) : "";
    if (type == "hidden" || type == "submit" || type == "button" || type == "reset" ||
        type == "image") {
      continue;
    }
    // A name only from a tooltip or a placeholder is weak: the words beside the control are
    // what the author meant as its label ("11位手机号" is a hint, 手机号码 the label).
    const std::string name = acc_.name(id);
    const std::string* title = dom_.attribute(id, "title");
    const std::string* placeholder = dom_.attribute(id, "placeholder");
    const bool weak =
        name.empty() || ((title != nullptr && collapse_whitespace(*title) == name) ||
                         (placeholder != nullptr && collapse_whitespace(*placeholder) == name));
    if (!weak || dom_.has_attribute(id, "aria-label") ||
        dom_.has_attribute(id, "aria-labelledby")) {
      continue;
    }
    if (const NodeId label = dom_.ancestor(id, {"label"}); label != kNoNode) continue;
    std::vector<NodeId> used;
    std::string label;
    if (type == "radio" || type == "checkbox") {
      label = neighbour_label(id, true, used);
      if (label.empty()) label = table_label(id, used);
    } else {
      label = table_label(id, used);
      if (label.empty()) label = neighbour_label(id, false, used);
    }
    if (label.empty()) continue;  // the placeholder or title stays its name
    Fix& fix = fixes_[id];
    fix.name = label;
    fix.marks |= kRepairedName;
    used_text_.insert(used.begin(), used.end());
    ++summary_.named_controls;
    note(Missing::Label);
  }
}

void PageRepair::repair_images() {
  std::vector<NodeId> unnamed;
  std::unordered_map<std::string, int> sources;
  for (NodeId id = 0; id < dom_.size(); ++id) {
    if (!dom_.is_element(id, "img") || acc_.hidden(id) || acc_.role(id) != "image") continue;
    if (looks_like_captcha(dom_, id) || !acc_.name(id).empty()) continue;
    unnamed.push_back(id);
    if (const std::string* src = dom_.attribute(id, "src")) ++sources[*src];
  }
  if (unnamed.empty()) return;
  note(Missing::Alt);
  // Links by target, for a linked image whose link says nothing: another link on the page to
  // the same place names it (the menu's 办事指南 beside the banner's picture of it).
  std::unordered_map<std::string, std::string> link_names;
  bool links_known = false;
  auto named_link = [&](const std::string& href) -> std::string {
    if (!links_known) {
      links_known = true;
      // Words a link shows win over a tooltip (返回首页 on an arrow is not the menu's 首页).
      std::vector<std::pair<std::string, std::string>> titled;
      for (NodeId a = 0; a < dom_.size(); ++a) {
        const std::string* h = dom_.is_element(a, "a") ? dom_.attribute(a, "href") : nullptr;
        if (h == nullptr || acc_.hidden(a)) continue;
        const std::string n = collapse_whitespace(acc_.name(a));
        if (n.empty()) continue;
        if (text_of(a).empty()) {
          titled.emplace_back(*h, n);
        } else {
          link_names.emplace(*h, n);
        }
      }
      std::vector<NodeId> repaired;  // onclick links repaired above, in page order
      for (const auto& entry : fixes_) repaired.push_back(entry.first);
      std::sort(repaired.begin(), repaired.end());
      for (NodeId id : repaired) {
        const Fix& fix = fixes_.at(id);
        if (!fix.href.empty() && !fix.name.empty()) link_names.emplace(fix.href, fix.name);
      }
      for (auto& [target, words] : titled) link_names.emplace(std::move(target), std::move(words));
    }
    auto it = link_names.find(href);
    return it == link_names.end() ? std::string() : it->second;
  };
  for (NodeId id : unnamed) {
    // The link or clickable element holding the image.
    NodeId link = kNoNode;
    for (NodeId p = dom_.node(id).parent; p != kNoNode && link == kNoNode;
         p = dom_.node(p).parent) {
      if ((dom_.is_element(p, "a") && dom_.has_attribute(p, "href")) ||
          (fixes_.count(p) != 0 && !fixes_.at(p).role.empty())) {
        link = p;
      }
    }
    Fix& img = fixes_[id];
    if (link != kNoNode) {
      Fix& lf = fixes_[link];
      if (!text_of(link).empty()) {
        img.marks |= kDroppedImage;  // the link's words say it already
        ++summary_.dropped_images;
        continue;
      }
      std::string name = !lf.name.empty() ? lf.name : collapse_whitespace(acc_.name(link));
      const bool link_named = !name.empty();  // by its title, or its onclick's words
      const std::string* href = dom_.attribute(link, "href");
      const std::string target = !lf.href.empty() ? lf.href : href != nullptr ? *href : "";
      if (name.empty() && !target.empty()) name = named_link(target);
      if (name.empty() && !target.empty()) {
        // Last: the target's file name (/guide/fees.html → fees).
        std::string file = target.substr(0, target.find_first_of("?#"));
        if (const auto slash = file.find_last_of('/'); slash != std::string::npos) {
          file.erase(0, slash + 1);
        }
        file = file.substr(0, file.find('.'));
        if (!file.empty()) name = "链接：" + file;
      }
      if (name.empty()) continue;
      if (!link_named) {
        lf.name = name;
        lf.marks |= kRepairedName;
      }
      img.name = name;
      img.marks |= kRepairedName;
      ++summary_.named_images;
      continue;
    }
    // Decoration: spacers, tiny pictures, and the same picture used again and again (bullets,
    // rules between menu items).
    const std::string src = dom_.attribute(id, "src") ? lower(*dom_.attribute(id, "src")) : "";
    static constexpr std::string_view kDecor[] = {
        "spacer",      "blank", "pixel", "clear.gif", "space.gif", "dot.gif",
        "transparent", "shim",  "1x1",   "line.gif",  "bullet",    "arrow"};
    const int w = int_attribute(dom_, id, "width");
    const int h = int_attribute(dom_, id, "height");
    const bool tiny =
        (w >= 0 && w <= 2) || (h >= 0 && h <= 2) || (w >= 0 && h >= 0 && w <= 16 && h <= 16);
    const bool decor =
        std::any_of(std::begin(kDecor), std::end(kDecor), [&](auto k) { return has(src, k); });
    const auto seen = sources.find(dom_.attribute(id, "src") ? *dom_.attribute(id, "src") : "");
    const bool repeated = seen != sources.end() && seen->second >= 3;
    if (tiny || decor || repeated) {
      img.marks |= kDroppedImage;
      ++summary_.dropped_images;
    }
  }
}

std::string PageRepair::role(NodeId id, std::string role) const {
  auto it = fixes_.find(id);
  if (it == fixes_.end() || it->second.role.empty()) return role;
  return it->second.role;
}

void PageRepair::apply(AxNode& n) const {
  if (n.dom == kNoNode) return;
  if (n.role == "text") {
    if (used_text_.count(n.dom) != 0) n.repaired |= kUsedAsLabel;
    return;
  }
  auto it = fixes_.find(n.dom);
  if (it == fixes_.end()) return;
  const Fix& f = it->second;
  if (!f.name.empty()) n.name = f.name;
  if (!f.href.empty()) n.href = f.href;
  n.action = f.action;
  n.repaired |= f.marks;
}

void PageRepair::finish(std::vector<AxNode>& nodes) {
  if (nodes.empty()) return;
  // Reading order; a link, control or heading is read by its name, so what it holds is not.
  enum class Last { Other, Text, UnnamedImage } last = Last::Other;
  std::vector<std::uint32_t> stack{0};
  while (!stack.empty()) {
    const std::uint32_t i = stack.back();
    stack.pop_back();
    AxNode& n = nodes[i];
    if (n.role == "text") {
      if ((n.repaired & kUsedAsLabel) == 0 && n.name.find_first_not_of(' ') != std::string::npos) {
        last = Last::Text;
      }
      continue;
    }
    if (n.role == "image" && !n.captcha) {
      if ((n.repaired & kDroppedImage) != 0) continue;
      if (!n.name.empty()) {
        last = Last::Other;
      } else if (last == Last::UnnamedImage) {
        n.repaired |= kDroppedImage;  // "图片，无说明" is said once for a run of them
        ++summary_.dropped_images;
      } else {
        last = Last::UnnamedImage;
      }
      continue;
    }
    if (n.role == "link" || n.role == "heading" || n.role == "button" || n.role == "textbox" ||
        n.role == "combobox" || n.role == "checkbox" || n.role == "radio" || n.captcha) {
      last = Last::Other;
      continue;
    }
    stack.insert(stack.end(), n.children.rbegin(), n.children.rend());
  }
}

std::string repair_json(const AxNode& n) {
  std::string out;
  if (n.repaired != 0) {
    out += ",\"repaired\":[";
    bool first = true;
    auto mark = [&](std::uint16_t bit, const char* word) {
      if ((n.repaired & bit) == 0) return;
      if (!first) out += ',';
      first = false;
      out += '"';
      out += word;
      out += '"';
    };
    mark(kRepairedName, "name");
    mark(kRepairedRole, "role");
    mark(kLayoutTable, "layout-table");
    mark(kDroppedImage, "dropped");
    mark(kUsedAsLabel, "used-as-label");
    out += ']';
  }
  if (const auto* s = std::get_if<SubmitForm>(&n.action)) {
    out += ",\"action\":{\"submit_form\":" + std::to_string(s->form) + "}";
  } else if (std::holds_alternative<OpenUrl>(n.action)) {
    out += ",\"action\":{\"open_url\":true}";
  }
  return out;
}

}  // namespace a11y
