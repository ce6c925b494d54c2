// A small, immutable DOM of our own, built from an HTML5 parse. The parser (gumbo) sits
// behind Dom::parse only, so it can be replaced without touching the accessibility code.
//
// Bad pages are bounded before the parser sees them: gumbo takes minutes on 100000 nested
// elements and exhausts memory on deeply nested unclosed formatting tags, so such pages are
// refused with a reason instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace a11y {

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = UINT32_MAX;

enum class NodeType : std::uint8_t { Document, Element, Text };

struct Attribute {
  std::string name;  // lower case
  std::string value;
};

struct DomNode {
  NodeType type = NodeType::Element;
  std::string tag;   // lower case element name; empty for text
  std::string text;  // text nodes only
  std::vector<Attribute> attributes;
  NodeId parent = kNoNode;
  std::vector<NodeId> children;
};

// Checked by a scan that follows the HTML5 tokenizer and models the parser's stack of open
// elements (never closing more than the parser would), before gumbo runs; the built DOM is
// checked again. A page over a limit is refused with a reason for technicians.
struct ParseLimits {
  std::size_t max_bytes = 4 * 1024 * 1024;
  int max_depth = 512;                 // nesting of open elements, as the parser would nest them
  int max_open_formatting = 256;       // unclosed <b>, <i>, <font> ... (adoption agency cost)
  std::size_t max_elements = 50000;    // start tags, plus formatting elements the parser reopens
  std::size_t max_attributes = 256;    // on one tag (gumbo's duplicate check is quadratic)
  std::size_t max_dom_depth = 1024;    // the built tree: what the accessibility code walks
  std::size_t max_dom_nodes = 200000;  // the built tree: elements and text
};

struct ParseResult;

class Dom {
 public:
  static ParseResult parse(std::string_view html, const ParseLimits& limits = {});

  NodeId root() const { return 0; }
  std::size_t size() const { return nodes_.size(); }
  const DomNode& node(NodeId id) const { return nodes_[id]; }

  const std::string* attribute(NodeId id, std::string_view name) const;
  bool has_attribute(NodeId id, std::string_view name) const {
    return attribute(id, name) != nullptr;
  }
  NodeId element_by_id(std::string_view id) const;
  bool is_element(NodeId id, std::string_view tag) const {
    return nodes_[id].type == NodeType::Element && nodes_[id].tag == tag;
  }
  // The nearest ancestor (not the node itself) with one of the tags, or kNoNode.
  NodeId ancestor(NodeId id, std::initializer_list<std::string_view> tags) const;
  std::string title() const;

 private:
  friend struct DomBuilder;
  std::vector<DomNode> nodes_;
  std::unordered_map<std::string, NodeId> ids_;
};

struct ParseResult {
  std::optional<Dom> dom;
  std::string error;  // for technicians; the kiosk says a plain sentence
};

}  // namespace a11y
