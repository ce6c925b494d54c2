// The accessibility tree of a page: what a screen reader's browse mode works on. Hidden
// content and generic wrappers are left out; text stays as "text" leaves. It can be dumped as
// JSON lines (one node per line) and turned into the reading view's Document.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "a11y/accessibility.hpp"
#include "a11y/page_repair.hpp"
#include "a11y/repair_types.hpp"
#include "ui/document.hpp"

namespace a11y {

struct AxNode {
  NodeId dom = kNoNode;
  std::string role;  // "text" for text leaves
  std::string name;
  std::string description;
  std::string value;
  std::string href;  // links
  States states;
  int level = 0;     // headings
  int position = 0;  // list items, options, rows: 1-based position in their set
  int set_size = 0;
  int depth = 0;
  bool ordered = false;   // lists: <ol> numbers its items
  bool captcha = false;   // an image recognised as a captcha by its markup
  std::string speak_src;  // captcha: data-speak-src, a URL that returns its characters as text
  std::string audio_src;  // captcha: a WAV the page links next to the image
  std::string src;        // images: where the picture is (recognised on request, review/)
  std::vector<std::uint32_t> children;
  std::uint16_t repaired = 0;  // RepairMark bits: what the repair pass changed (page_repair.hpp)
  RepairAction action;         // a repaired button or link: what activating it does
  // An element with no role of its own (dl, abbr, thead, iframe …) shown only because the author
  // named it (aria-label, aria-labelledby, title); `inline_box` when it sits inside a line of
  // text (abbr, kbd, span …), so the reading view keeps the line whole.
  bool named_box = false;
  bool inline_box = false;
};

// How a form field is read and shown: 编辑框：姓名，必填，内容：张三.
std::string control_label(const std::string& role, const std::string& name,
                          const std::string& value, const States& states,
                          const std::string& description);

// True when an image's id, class, name, alt or src says it is a captcha (captcha, 验证码, yzm,
// checkcode, verify).
bool looks_like_captcha(const Dom& dom, NodeId img);

class AccessibilityTree {
 public:
  static AccessibilityTree build(const Accessibility& acc);

  const std::vector<AxNode>& nodes() const { return nodes_; }  // pre-order, [0] the root
  // What the page lacked and the repair pass gave it (page_repair.hpp).
  const RepairSummary& repair() const { return repair_; }
  // One JSON object per line: depth, role, name, description, value, states, level,
  // position/size, and the source element's tag and attributes.
  std::string to_json_lines(const Dom& dom) const;
  // The reading view's document: headings, paragraphs with inline links, list items, tables
  // as rows read with their headers, images by alt text, form fields with label and state.
  // In text-only mode (纯文本) images and decoration are left out; captchas stay.
  ui::Document to_document(const std::string& title, bool text_only = false) const;

  // Elements an in-page link can name (an id, or <a name>), in document order; at most
  // kMaxAnchors, names up to kMaxAnchorName bytes (a hostile page's 100,000 ids cost nothing).
  static constexpr std::size_t kMaxAnchors = 2000;
  static constexpr std::size_t kMaxAnchorName = 200;

 private:
  std::vector<AxNode> nodes_;
  std::vector<std::pair<std::string, NodeId>> anchors_;
  RepairSummary repair_;
};

}  // namespace a11y
