#include "a11y/accessibility_tree.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

#include "a11y/landmarks.hpp"

namespace a11y {
namespace {

bool flattened(const std::string& role) {
  return role.empty() || role == "generic" || role == "none";
}

bool inline_role(const std::string& role) {
  static constexpr std::array<std::string_view, 13> kInline{
      "text",      "link",        "emphasis", "strong",    "code", "mark",      "time",
      "subscript", "superscript", "deletion", "insertion", "term", "definition"};
  return std::find(kInline.begin(), kInline.end(), role) != kInline.end();
}

bool control_role(const std::string& role) {
  static constexpr std::array<std::string_view, 11> kControls{
      "textbox", "searchbox", "combobox",   "listbox", "checkbox", "radio",
      "switch",  "slider",    "spinbutton", "button",  "status"};
  return std::find(kControls.begin(), kControls.end(), role) != kControls.end();
}

void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

// Phrasing elements: named, they stay inside their line of text.
bool phrasing(const std::string& tag) {
  static constexpr std::array<std::string_view, 29> kTags{
      "abbr", "b", "bdi", "bdo", "cite",  "data",   "dfn",  "em",    "font", "i",
      "kbd",  "q", "rp",  "rt",  "ruby",  "s",      "samp", "small", "span", "sub",
      "sup",  "u", "var", "a",   "label", "strike", "big",  "tt",    "nobr"};
  return std::find(kTags.begin(), kTags.end(), tag) != kTags.end();
}

// A named box's name is the author's (aria-labelledby, aria-label, else title), never its content
// (a <label title> names itself by its title here, its text being read anyway).
std::string box_name(const Accessibility& acc, NodeId id) {
  const Dom& dom = acc.dom();
  const std::string* label = dom.attribute(id, "aria-label");
  if (dom.has_attribute(id, "aria-labelledby") || dom.has_attribute(id, "aria-labeledby") ||
      (label != nullptr && !collapse_whitespace(*label).empty())) {
    return acc.name(id);
  }
  const std::string* title = dom.attribute(id, "title");
  return title != nullptr ? collapse_whitespace(*title) : std::string();
}

// Counts characters, not bytes, of UTF-8 text.
std::size_t characters(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Input types HTML-AAM maps to no ARIA role, and the word a citizen hears for each.
std::string input_word(const std::string& type) {
  if (type == "password") return "密码框";
  if (type == "date") return "日期框";
  if (type == "time") return "时间框";
  if (type == "month") return "月份框";
  if (type == "week") return "星期框";
  if (type == "datetime-local") return "日期时间框";
  if (type == "color") return "颜色框";
  if (type == "file") return "文件选择框";
  return {};
}

std::string control_word(const std::string& role) {
  if (role == "textbox" || role == "searchbox") return "编辑框";
  if (role == "combobox" || role == "listbox") return "选择框";
  if (role == "checkbox" || role == "switch") return "复选框";
  if (role == "radio") return "单选按钮";
  if (role == "slider") return "滑块";
  if (role == "spinbutton") return "数字框";
  if (role == "button") return "按钮";
  return "状态";
}

}  // namespace

std::string control_label(const std::string& role, const std::string& name,
                          const std::string& value, const States& states,
                          const std::string& description) {
  const std::string typed = input_word(states.input_type);
  std::string label =
      (typed.empty() ? control_word(role) : typed) + "：" + (name.empty() ? "无标签" : name);
  if (states.checkable) label += states.checked ? "，已选中" : "，未选中";
  // A radio's place in its group, across containers: 第1项，共6项 (as options are said).
  if (role == "radio" && states.position > 0 && states.set_size > 0) {
    label += "，第" + std::to_string(states.position) + "项，共" + std::to_string(states.set_size) +
             "项";
  }
  // A checkbox's or radio's value is what the form sends, never content to read.
  if (!value.empty() && role != "button" && !states.checkable) label += "，内容：" + value;
  if (states.input_type == "file") label += "，本机不能选择文件";
  if (states.required) label += "，必填";
  if (states.invalid) label += "，填写有误";
  if (states.disabled) label += "，不可用";
  if (!description.empty()) label += "，" + description;
  return label;
}

bool looks_like_captcha(const Dom& dom, NodeId img) {
  static constexpr std::array<std::string_view, 6> kMarkers{"captcha",   "验证码", "yzm",
                                                            "checkcode", "verify", "vcode"};
  for (const char* attr : {"id", "class", "name", "alt", "src"}) {
    const std::string* v = dom.attribute(img, attr);
    if (v == nullptr) continue;
    std::string l = *v;
    std::transform(l.begin(), l.end(), l.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (auto m : kMarkers) {
      if (l.find(m) != std::string::npos) return true;
    }
  }
  return false;
}

AccessibilityTree AccessibilityTree::build(const Accessibility& acc) {
  const Dom& dom = acc.dom();
  AccessibilityTree tree;
  AxNode root;
  root.role = "document";
  root.dom = dom.root();
  root.name = collapse_whitespace(dom.title());
  tree.nodes_.push_back(root);
  for (NodeId id = 0; id < dom.size() && tree.anchors_.size() < kMaxAnchors; ++id) {
    if (dom.node(id).type != NodeType::Element) continue;
    const std::string* name = dom.attribute(id, "id");
    if ((name == nullptr || name->empty()) && dom.is_element(id, "a")) {
      name = dom.attribute(id, "name");
    }
    if (name != nullptr && !name->empty() && name->size() <= kMaxAnchorName) {
      tree.anchors_.emplace_back(*name, id);
    }
  }
  PageRepair repair(acc);  // badly built pages: what their author meant (page_repair.hpp)
  // Iterative pre-order walk: (dom node, ax parent).
  // `after`: the entry stands for the element's ::after text, read after its children.
  struct Entry {
    NodeId id;
    std::uint32_t parent;
    bool after = false;
  };
  std::vector<Entry> stack;
  for (auto it = dom.node(dom.root()).children.rbegin(); it != dom.node(dom.root()).children.rend();
       ++it) {
    stack.push_back({*it, 0});
  }
  // CSS-generated text (::before/::after content) is read as a text node of its element.
  auto generated_text = [&](NodeId id, std::uint32_t parent, const std::string& text) {
    std::string name = collapse_whitespace(text);
    if (name.empty()) return;
    // A space at either end separates it from the element's text, as in a text node.
    if (std::isspace(static_cast<unsigned char>(text.front()))) name.insert(name.begin(), ' ');
    if (std::isspace(static_cast<unsigned char>(text.back()))) name.push_back(' ');
    AxNode t;
    t.dom = id;
    t.role = "text";
    t.name = std::move(name);
    t.depth = tree.nodes_[parent].depth + 1;
    tree.nodes_[parent].children.push_back(static_cast<std::uint32_t>(tree.nodes_.size()));
    tree.nodes_.push_back(std::move(t));
  };
  while (!stack.empty()) {
    const auto [id, parent, after] = stack.back();
    stack.pop_back();
    if (after) {
      generated_text(id, parent, acc.css_after(id));
      continue;
    }
    const DomNode& d = dom.node(id);
    std::uint32_t attach_to = parent;
    if (d.type == NodeType::Text && acc.hidden(id)) continue;  // under visibility:hidden
    if (d.type == NodeType::Text) {
      // Runs of white space become one space; a space at either end is kept, because it
      // separates this text from its neighbours (two links side by side, Latin words).
      std::string text = collapse_whitespace(d.text);
      const bool lead = !d.text.empty() && std::isspace(static_cast<unsigned char>(d.text.front()));
      const bool trail = !d.text.empty() && std::isspace(static_cast<unsigned char>(d.text.back()));
      if (text.empty()) {
        if (!lead) continue;
        text = " ";
      } else {
        if (lead) text.insert(text.begin(), ' ');
        if (trail) text.push_back(' ');
      }
      AxNode t;
      t.dom = id;
      t.role = "text";
      t.name = std::move(text);
      t.depth = tree.nodes_[parent].depth + 1;
      repair.apply(t);
      tree.nodes_[parent].children.push_back(static_cast<std::uint32_t>(tree.nodes_.size()));
      tree.nodes_.push_back(std::move(t));
      continue;
    }
    if (d.type != NodeType::Element) continue;
    if (acc.removed(id)) continue;
    if (acc.hidden(id)) {
      // visibility:hidden: not shown itself, but a descendant with visibility:visible is.
      for (auto it = d.children.rbegin(); it != d.children.rend(); ++it) {
        if (acc.aria_owner(*it) == kNoNode) stack.push_back({*it, parent});
      }
      continue;
    }
    std::string role = repair.role(id, acc.role(id));
    const std::string type = acc.input_type(id);
    // Inputs HTML-AAM maps to no ARIA role (password, date, time, month, week, color) are
    // text fields here, and a file input a button; States::input_type says which kind.
    if (d.tag == "input" && role.empty() && type != "hidden") {
      role = type == "file" ? "button" : "textbox";
    }
    bool named_box = false;
    if (flattened(role) && d.tag != "body" && d.tag != "html" &&
        (dom.has_attribute(id, "aria-label") || dom.has_attribute(id, "aria-labelledby") ||
         dom.has_attribute(id, "aria-labeledby") || dom.has_attribute(id, "title")) &&
        role != "none") {
      // Named by its author though it has no role (dl, li outside a list, thead, abbr, kbd,
      // summary, iframe …): shown, so the name is not lost.
      named_box = !box_name(acc, id).empty();
      if (named_box) role = "group";
    }
    const bool root_document = role == "document" && d.tag == "html";
    if (!flattened(role) && !root_document) {
      AxNode n;
      n.dom = id;
      n.role = role;
      n.name = named_box ? box_name(acc, id) : acc.name(id);
      n.description = acc.description(id);
      n.states = acc.states(id);
      n.level = acc.heading_level(id);
      n.named_box = named_box;
      n.inline_box = named_box && phrasing(d.tag);
      if (control_role(role)) n.value = acc.value(id);
      if (type == "password" && !n.value.empty()) {
        n.value = "已输入" + std::to_string(characters(n.value)) + "位";  // never in clear
      }
      if (n.states.position > 0) {
        n.position = n.states.position;
        n.set_size = n.states.set_size;
      }
      n.ordered = role == "list" && d.tag == "ol";
      if (d.tag == "img") {
        if (const std::string* src = dom.attribute(id, "src")) n.src = *src;
      }
      if (d.tag == "img" && looks_like_captcha(dom, id)) {
        n.captcha = true;
        if (const std::string* src = dom.attribute(id, "data-speak-src")) n.speak_src = *src;
        // An audio captcha linked beside the image (the next few siblings).
        if (d.parent != kNoNode) {
          const auto& sib = dom.node(d.parent).children;
          auto it = std::find(sib.begin(), sib.end(), id);
          for (int k = 0; it != sib.end() && k < 6; ++it, ++k) {
            const std::string* href =
                dom.is_element(*it, "a") ? dom.attribute(*it, "href") : nullptr;
            if (href != nullptr && href->find(".wav") != std::string::npos) {
              n.audio_src = *href;
              break;
            }
          }
        }
      }
      if (role == "link") {
        if (const std::string* href = dom.attribute(id, "href")) n.href = *href;
      }
      repair.apply(n);
      n.depth = tree.nodes_[parent].depth + 1;
      attach_to = static_cast<std::uint32_t>(tree.nodes_.size());
      tree.nodes_[parent].children.push_back(attach_to);
      tree.nodes_.push_back(std::move(n));
    }
    // A label's text is said with its control, not a second time on its own.
    const bool skip_text = d.tag == "label" && acc.labels_a_control(id);
    if (!skip_text) {
      generated_text(id, attach_to, acc.css_before(id));
      if (!acc.css_after(id).empty()) stack.push_back({id, attach_to, true});
    }
    // aria-owns: owned elements come after the owner's own children, not where the DOM has them.
    const auto& owned = acc.aria_owned(id);
    for (auto it = owned.rbegin(); it != owned.rend(); ++it) stack.push_back({*it, attach_to});
    for (auto it = d.children.rbegin(); it != d.children.rend(); ++it) {
      if (skip_text && dom.node(*it).type == NodeType::Text) continue;
      if (acc.aria_owner(*it) != kNoNode) continue;
      stack.push_back({*it, attach_to});
    }
  }
  // Positions in sets, now that children are known.
  for (auto& n : tree.nodes_) {
    std::vector<std::uint32_t> items;
    for (auto c : n.children) {
      const AxNode& item = tree.nodes_[c];
      const std::string& r = item.role;
      if (item.position > 0) continue;  // its own set, found by the model (radio groups)
      // A native radio is in its group by name, wherever it sits (set by the model).
      if (r == "radio" && dom.is_element(item.dom, "input")) continue;
      if (r == "listitem" || r == "option" || r == "row" || r == "radio") items.push_back(c);
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      tree.nodes_[items[i]].position = static_cast<int>(i + 1);
      tree.nodes_[items[i]].set_size = static_cast<int>(items.size());
    }
  }
  repair.finish(tree.nodes_);
  tree.repair_ = repair.summary();
  return tree;
}

std::string AccessibilityTree::to_json_lines(const Dom& dom) const {
  std::string out;
  for (const AxNode& n : nodes_) {
    if (n.role == "text" && n.name.find_first_not_of(' ') == std::string::npos) continue;
    out += "{\"depth\":" + std::to_string(n.depth) + ",\"role\":";
    json_string(out, n.role);
    out += ",\"name\":";
    json_string(out, n.name);
    if (!n.description.empty()) {
      out += ",\"description\":";
      json_string(out, n.description);
    }
    if (!n.value.empty()) {
      out += ",\"value\":";
      json_string(out, n.value);
    }
    std::vector<std::string> states;
    if (n.states.required) states.push_back("required");
    if (n.states.invalid) states.push_back("invalid");
    if (n.states.disabled) states.push_back("disabled");
    if (n.states.readonly) states.push_back("readonly");
    if (n.states.checkable)
      states.push_back(n.states.mixed ? "mixed" : n.states.checked ? "checked" : "unchecked");
    if (n.states.expandable) states.push_back(n.states.expanded ? "expanded" : "collapsed");
    if (n.states.selected) states.push_back("selected");
    if (n.states.focusable) states.push_back("focusable");
    out += ",\"states\":[";
    for (std::size_t i = 0; i < states.size(); ++i) {
      if (i > 0) out += ',';
      json_string(out, states[i]);
    }
    out += ']';
    if (n.level > 0) out += ",\"level\":" + std::to_string(n.level);
    if (n.position > 0) {
      out +=
          ",\"position\":" + std::to_string(n.position) + ",\"size\":" + std::to_string(n.set_size);
    }
    if (n.dom != kNoNode && dom.node(n.dom).type == NodeType::Element) {
      out += ",\"tag\":";
      json_string(out, dom.node(n.dom).tag);
      out += ",\"attributes\":{";
      bool first = true;
      for (const auto& a : dom.node(n.dom).attributes) {
        if (!first) out += ',';
        first = false;
        json_string(out, a.name);
        out += ':';
        json_string(out, a.value);
      }
      out += '}';
    }
    out += repair_json(n);
    out += "}\n";
  }
  return out;
}

namespace {

struct DocumentWriter {
  const std::vector<AxNode>& nodes;
  ui::Document doc;
  std::vector<ui::InlineRun> runs;
  int lists = 0;
  int tables = 0;
  bool text_only = false;
  // For anchors: the furthest DOM node each block of doc covers (blocks are written in
  // document order, so these only grow), and the furthest written so far.
  std::vector<NodeId> block_end;
  NodeId furthest = 0;

  // A node whose whole subtree becomes text here (a text leaf, a link, a heading …).
  void covers(std::uint32_t i) {
    furthest = std::max(furthest, nodes[i].dom);
    for (auto c : nodes[i].children) covers(c);
  }
  void add_run(ui::InlineRun run) { runs.push_back(std::move(run)); }
  void push_block(ui::Block b) {
    doc.blocks.push_back(std::move(b));
    block_end.push_back(furthest);
  }

  void flush(ui::BlockKind kind = ui::BlockKind::Paragraph, int group = 0) {
    // Spaces at the ends of a block mean nothing; paragraphs of only white space are dropped.
    while (!runs.empty() && runs.front().kind == ui::InlineKind::Text &&
           runs.front().text.find_first_not_of(' ') == std::string::npos) {
      runs.erase(runs.begin());
    }
    if (!runs.empty() && runs.front().kind == ui::InlineKind::Text) {
      runs.front().text.erase(0, runs.front().text.find_first_not_of(' '));
    }
    while (!runs.empty() && runs.back().kind == ui::InlineKind::Text &&
           runs.back().text.find_first_not_of(' ') == std::string::npos) {
      runs.pop_back();
    }
    if (!runs.empty() && runs.back().kind == ui::InlineKind::Text) {
      runs.back().text.erase(runs.back().text.find_last_not_of(' ') + 1);
    }
    bool text = false;
    for (const auto& r : runs) text = text || r.text.find_first_not_of(' ') != std::string::npos;
    if (text) {
      ui::Block b = ui::make_paragraph(std::move(runs));
      b.kind = kind;
      b.group = group;
      push_block(std::move(b));
    }
    runs.clear();
  }
  void add_text(const std::string& t) {
    if (t.empty()) return;
    if (!runs.empty() && runs.back().kind == ui::InlineKind::Text) {
      // One space where the source had white space between pieces, never two.
      if (!runs.back().text.empty() && runs.back().text.back() == ' ' && t.front() == ' ') {
        runs.back().text += t.substr(1);
        return;
      }
      runs.back().text += t;
    } else {
      add_run(ui::text_run(t));
    }
  }
  // Inline content of a subtree, flattened into runs.
  void inline_content(std::uint32_t i) {
    const AxNode& n = nodes[i];
    if ((n.repaired & (kDroppedImage | kUsedAsLabel)) != 0) return;  // page_repair.hpp
    if (n.role == "text" || n.role == "link" || n.role == "image" || control_role(n.role)) {
      covers(i);
    }
    if (n.role == "text") {
      add_text(n.name);
    } else if (n.role == "link") {
      add_run(ui::link_run(n.name.empty() ? "链接" : n.name, ui::UrlTarget{n.href}));
    } else if (n.role == "image") {
      if (text_only) return;
      // The block being built is pushed next: its index is the number of blocks so far.
      if (!n.src.empty()) {
        doc.images.push_back({static_cast<std::uint32_t>(doc.blocks.size()), n.src});
      }
      add_text(n.name.empty() ? "（图片，无说明）" : "（图片：" + n.name + "）");
    } else if (control_role(n.role)) {
      add_run(control_run(n));
    } else {
      for (auto c : n.children) inline_content(c);
      if (n.named_box) named_aside(i);
    }
  }
  // A named box's name, said after its content when it adds to it (abbr title="…").
  void named_aside(std::uint32_t i) {
    const AxNode& n = nodes[i];
    std::string content;
    for (auto c : n.children) content += plain(c);
    if (collapse_whitespace(content) != n.name) add_text("（" + n.name + "）");
  }
  ui::InlineRun control_run(const AxNode& n) {
    return ui::link_run(control_label(n.role, n.name, n.value, n.states, n.description),
                        ui::ControlTarget{n.dom});
  }
  void list_item(std::uint32_t i, int number) {
    flush();
    for (auto c : nodes[i].children) inline_content(c);
    ui::Block item{ui::BlockKind::ListItem, number, lists, std::move(runs)};
    runs.clear();
    push_block(std::move(item));
  }

  std::string plain(std::uint32_t i) {
    std::vector<ui::InlineRun> saved;
    saved.swap(runs);
    inline_content(i);
    std::string text;
    for (const auto& r : runs) text += r.text;
    runs.swap(saved);
    return text;
  }

  // Tables are read row by row, each cell with its column header: 费用：免费；时限：5个工作日.
  void table(std::uint32_t i) {
    flush();
    ++tables;
    const AxNode& t = nodes[i];
    if (!t.name.empty()) push_block(ui::make_paragraph("表格：" + t.name));
    std::vector<std::string> headers;
    for (auto r : t.children) {
      const AxNode& row = nodes[r];
      if (row.role != "row") {
        if (row.role != "caption") block(r);
        continue;
      }
      auto is_header = [&](std::uint32_t c) { return nodes[c].role == "columnheader"; };
      auto is_space = [&](std::uint32_t c) { return nodes[c].role == "text"; };
      const bool header_row =
          std::any_of(row.children.begin(), row.children.end(), is_header) &&
          std::all_of(row.children.begin(), row.children.end(),
                      [&](std::uint32_t c) { return is_header(c) || is_space(c); });
      if (header_row && headers.empty()) {
        for (auto c : row.children) {
          if (!is_space(c)) headers.push_back(plain(c));
        }
        continue;
      }
      std::size_t col = 0;
      for (auto c : row.children) {
        if (is_space(c)) continue;  // white space between cells
        if (col > 0) add_text("；");
        if (col < headers.size() && !headers[col].empty() && nodes[c].role != "rowheader") {
          add_text(headers[col] + "：");
        }
        inline_content(c);
        ++col;
      }
      flush(ui::BlockKind::TableRow, tables);
    }
  }

  void block(std::uint32_t i) {
    const AxNode& n = nodes[i];
    if (n.captcha) {
      // The accessible alternative: Enter spells the characters; without one, say so.
      flush();
      covers(i);
      if (!n.speak_src.empty()) {
        add_run(ui::link_run("验证码图片，按确认键收听", ui::CaptchaTarget{n.speak_src}));
      } else if (!n.audio_src.empty()) {
        add_run(ui::link_run("验证码图片，按确认键收听语音验证码",
                             ui::AudioCaptchaTarget{n.audio_src}));
      } else {
        add_run(ui::text_run("验证码图片，无法朗读。请向工作人员求助，工作人员会协助您完成。"));
      }
      flush(ui::BlockKind::FormField);
      return;
    }
    if (control_role(n.role)) {
      // Each form field is an item of its own: label, kind, value and state.
      flush();
      covers(i);
      add_run(control_run(n));
      flush(ui::BlockKind::FormField);
      return;
    }
    if (inline_role(n.role) || n.role == "image" || n.inline_box) {
      inline_content(i);
      return;
    }
    if (n.named_box || (n.role == "document" && !n.name.empty() && i != 0)) {
      // The author's name for a part of the page heads it (dl aria-label="办理信息").
      flush();
      push_block(ui::make_paragraph(n.name));
    }
    if (n.role == "heading") {
      flush();
      covers(i);
      push_block(ui::make_heading(std::clamp(n.level, 1, 6), n.name));
      return;
    }
    if (n.role == "listitem") {
      list_item(i, 0);
      return;
    }
    if (n.role == "list") {
      flush();
      ++lists;
      for (auto c : n.children) {
        if (nodes[c].role == "listitem") {
          list_item(c, n.ordered ? nodes[c].position : 0);
        } else {
          block(c);
        }
      }
      return;
    }
    if (n.role == "table" && (n.repaired & kLayoutTable) != 0) {  // layout: read as text
      flush();
      for (auto c : n.children) block(c);
      flush();
      return;
    }
    if (n.role == "table") {
      table(i);
      return;
    }
    flush();
    for (auto c : n.children) block(c);
    flush();
  }
};

}  // namespace

ui::Document AccessibilityTree::to_document(const std::string& title, bool text_only) const {
  DocumentWriter w{nodes_, {}, {}, 0, 0, false, {}, 0};
  w.text_only = text_only;
  w.doc.title = title;
  if (!nodes_.empty()) w.block(0);
  w.flush();
  // Each anchor lands on the block holding its element, or else the next one: the first block
  // reaching at least as far into the page (anchors and blocks are both in document order).
  std::size_t b = 0;
  for (const auto& [name, element] : anchors_) {
    while (b < w.block_end.size() && w.block_end[b] < element) ++b;
    if (b == w.block_end.size()) break;
    if (w.doc.anchor(name) == nullptr) {
      w.doc.anchors.push_back({name, static_cast<std::uint32_t>(b)});
    }
  }
  w.doc.landmarks = landmarks_of(nodes_, w.block_end);  // region jumps (a11y/landmarks.hpp)
  return std::move(w.doc);
}

}  // namespace a11y
