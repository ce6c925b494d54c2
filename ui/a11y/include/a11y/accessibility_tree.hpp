// The accessibility tree of a page: what a screen reader's browse mode works on. Hidden
// content and generic wrappers are left out; text stays as "text" leaves. It can be dumped as
// JSON lines (one node per line) and turned into the reading view's Document.
#pragma once

#include <string>
#include <vector>

#include "a11y/accessibility.hpp"
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
  bool ordered = false;  // lists: <ol> numbers its items
  std::vector<std::uint32_t> children;
};

class AccessibilityTree {
 public:
  static AccessibilityTree build(const Accessibility& acc);

  const std::vector<AxNode>& nodes() const { return nodes_; }  // pre-order, [0] the root
  // One JSON object per line: depth, role, name, description, value, states, level,
  // position/size, and the source element's tag and attributes.
  std::string to_json_lines(const Dom& dom) const;
  // The reading view's document: headings, paragraphs with inline links, list items, tables
  // as rows read with their headers, images by alt text, form fields with label and state.
  ui::Document to_document(const std::string& title) const;

 private:
  std::vector<AxNode> nodes_;
};

}  // namespace a11y
