#include "a11y/dom.hpp"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

namespace a11y {
namespace {

bool is_void(std::string_view tag) {
  static constexpr std::array<std::string_view, 14> kVoid{
      "area",  "base", "br",   "col",   "embed",  "hr",    "img",
      "input", "link", "meta", "param", "source", "track", "wbr"};
  return std::find(kVoid.begin(), kVoid.end(), tag) != kVoid.end();
}

// Elements whose end tag may be omitted: the parser closes them implicitly.
bool closes_implicitly(std::string_view tag) {
  static constexpr std::array<std::string_view, 16> kImplied{
      "p",        "li",    "td",    "th",    "tr",       "dt", "dd", "option",
      "optgroup", "thead", "tbody", "tfoot", "colgroup", "rt", "rp", "caption"};
  return std::find(kImplied.begin(), kImplied.end(), tag) != kImplied.end();
}

bool is_formatting(std::string_view tag) {
  static constexpr std::array<std::string_view, 14> kFormatting{
      "a",    "b", "big",   "code",   "em",     "font", "i",
      "nobr", "s", "small", "strike", "strong", "tt",   "u"};
  return std::find(kFormatting.begin(), kFormatting.end(), tag) != kFormatting.end();
}

// A cheap scan of start and end tags, conservative about what gumbo will do with them.
std::string check_structure(std::string_view html, const ParseLimits& limits) {
  int depth = 0;
  int formatting = 0;
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    ++i;
    if (html.substr(i, 3) == "!--") {
      const auto end = html.find("-->", i);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    const bool closing = i < html.size() && html[i] == '/';
    if (closing) ++i;
    std::size_t j = i;
    while (j < html.size() && std::isalnum(static_cast<unsigned char>(html[j]))) ++j;
    if (j == i) continue;
    std::string tag(html.substr(i, j - i));
    std::transform(tag.begin(), tag.end(), tag.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto gt = html.find('>', j);
    const bool self_closing = gt != std::string_view::npos && gt > 0 && html[gt - 1] == '/';
    if (tag == "script" || tag == "style" || tag == "textarea" || tag == "title") {
      // Raw text: skip to its end tag.
      if (!closing) {
        const auto end = html.find("</", gt == std::string_view::npos ? j : gt);
        i = end == std::string_view::npos ? html.size() : end;
      }
      continue;
    }
    if (is_void(tag) || self_closing || closes_implicitly(tag)) continue;
    if (is_formatting(tag)) {
      formatting += closing ? -1 : 1;
      formatting = std::max(formatting, 0);
      if (formatting > limits.max_open_formatting) {
        return "too many unclosed formatting elements (more than " +
               std::to_string(limits.max_open_formatting) + " <" + tag + "> and the like)";
      }
    }
    depth += closing ? -1 : 1;
    depth = std::max(depth, 0);
    if (depth > limits.max_depth) {
      return "elements nested deeper than " + std::to_string(limits.max_depth);
    }
  }
  return {};
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string tag_name(const GumboElement& e) {
  if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
  GumboStringPiece piece = e.original_tag;
  gumbo_tag_from_original_text(&piece);
  return lower(std::string(piece.data, piece.length));
}

struct GumboOutputDeleter {
  void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
};

}  // namespace

struct DomBuilder {
  static Dom build(const GumboNode* gumbo_root) {
    Dom dom;
    dom.nodes_.reserve(1024);
    // Iterative: pages may nest deeply, the stack must not.
    std::vector<std::pair<const GumboNode*, NodeId>> stack{{gumbo_root, kNoNode}};
    while (!stack.empty()) {
      auto [g, parent] = stack.back();
      stack.pop_back();
      DomNode n;
      n.parent = parent;
      const GumboVector* children = nullptr;
      switch (g->type) {
        case GUMBO_NODE_DOCUMENT:
          n.type = NodeType::Document;
          children = &g->v.document.children;
          break;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE: {
          n.type = NodeType::Element;
          n.tag = tag_name(g->v.element);
          const GumboVector& attrs = g->v.element.attributes;
          for (unsigned i = 0; i < attrs.length; ++i) {
            const auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
            n.attributes.push_back({lower(a->name), a->value});
          }
          children = &g->v.element.children;
          break;
        }
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE:
          n.type = NodeType::Text;
          n.text = g->v.text.text;
          break;
        case GUMBO_NODE_COMMENT:
          continue;
      }
      const auto id = static_cast<NodeId>(dom.nodes_.size());
      if (parent != kNoNode) dom.nodes_[parent].children.push_back(id);
      if (n.type == NodeType::Element) {
        for (const auto& a : n.attributes) {
          if (a.name == "id" && !a.value.empty()) dom.ids_.emplace(a.value, id);  // first wins
        }
      }
      dom.nodes_.push_back(std::move(n));
      if (children != nullptr) {
        for (unsigned i = children->length; i-- > 0;) {
          stack.push_back({static_cast<const GumboNode*>(children->data[i]), id});
        }
      }
    }
    return dom;
  }
};

ParseResult Dom::parse(std::string_view html, const ParseLimits& limits) {
  ParseResult r;
  if (html.size() > limits.max_bytes) {
    r.error = "page too large: " + std::to_string(html.size() / 1024) + " KB (limit " +
              std::to_string(limits.max_bytes / 1024) + " KB)";
    return r;
  }
  if (std::string why = check_structure(html, limits); !why.empty()) {
    r.error = "page structure refused: " + why;
    return r;
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 1000;
  std::unique_ptr<GumboOutput, GumboOutputDeleter> output(
      gumbo_parse_with_options(&options, html.data(), html.size()));
  if (!output) {
    r.error = "the HTML parser failed";
    return r;
  }
  r.dom = DomBuilder::build(output->document);
  return r;
}

const std::string* Dom::attribute(NodeId id, std::string_view name) const {
  for (const auto& a : nodes_[id].attributes) {
    if (a.name == name) return &a.value;
  }
  return nullptr;
}

NodeId Dom::element_by_id(std::string_view id) const {
  auto it = ids_.find(std::string(id));
  return it == ids_.end() ? kNoNode : it->second;
}

NodeId Dom::ancestor(NodeId id, std::initializer_list<std::string_view> tags) const {
  for (NodeId p = nodes_[id].parent; p != kNoNode; p = nodes_[p].parent) {
    if (nodes_[p].type != NodeType::Element) continue;
    for (auto t : tags) {
      if (nodes_[p].tag == t) return p;
    }
  }
  return kNoNode;
}

std::string Dom::title() const {
  for (NodeId i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].type == NodeType::Element && nodes_[i].tag == "title") {
      std::string t;
      for (NodeId c : nodes_[i].children) t += nodes_[c].text;
      return t;
    }
  }
  return {};
}

}  // namespace a11y
