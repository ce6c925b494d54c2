#include "page_marks.hpp"

#include <algorithm>
#include <variant>

namespace kiosk {

std::string service_id(const std::string& value) {
  if (value.empty() || value.size() > 64) return "general";
  for (const char c : value) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return "general";
  }
  return value;
}

namespace {

// One past the last descendant of `id` (DOM ids are in document order).
a11y::NodeId subtree_end(const a11y::Dom& dom, a11y::NodeId id) {
  a11y::NodeId last = id;
  while (!dom.node(last).children.empty()) last = dom.node(last).children.back();
  return last + 1;
}

}  // namespace

PageMarks read_marks(const a11y::Dom& dom) {
  PageMarks marks;
  for (a11y::NodeId id = 0; id < dom.size(); ++id) {
    if (dom.node(id).type != a11y::NodeType::Element) continue;
    if (dom.has_attribute(id, "data-kiosk-identify")) marks.identify = true;
    if (dom.has_attribute(id, "data-kiosk-pin")) marks.pin = true;
    if (const std::string* r = dom.attribute(id, "data-kiosk-receipt"); r && !marks.receipt) {
      marks.receipt = service_id(*r);
    }
    if (dom.has_attribute(id, "data-kiosk-tiles") && marks.tiles.empty()) {
      // The links inside: the element's descendants follow it in document order.
      const a11y::NodeId end = subtree_end(dom, id);
      for (a11y::NodeId d = id + 1; d < end && marks.tiles.size() < PageMarks::kMaxTiles; ++d) {
        if (!dom.is_element(d, "a")) continue;
        if (const std::string* href = dom.attribute(d, "href"); href && !href->empty()) {
          marks.tiles.push_back(*href);
        }
      }
    }
    if (dom.is_element(id, "meta")) {
      const std::string* name = dom.attribute(id, "name");
      if (name == nullptr) continue;
      if (*name == "kiosk-identify") marks.identify = true;
      if (*name == "kiosk-pin") marks.pin = true;
      if (*name == "kiosk-receipt" && !marks.receipt) {
        const std::string* content = dom.attribute(id, "content");
        marks.receipt = service_id(content ? *content : "");
      }
    }
  }
  return marks;
}

int apply_tiles(ui::Document& doc, const std::vector<std::string>& tiles) {
  if (tiles.empty()) return 0;
  int made = 0;
  for (auto& block : doc.blocks) {
    if (block.kind == ui::BlockKind::Heading || block.kind == ui::BlockKind::FormField) continue;
    const ui::InlineRun* link = nullptr;
    bool only_link = true;
    for (const auto& run : block.runs) {
      if (run.kind == ui::InlineKind::Link) {
        only_link = only_link && link == nullptr;
        link = &run;
      } else if (run.text.find_first_not_of(' ') != std::string::npos) {
        only_link = false;
      }
    }
    const auto* url = link ? std::get_if<ui::UrlTarget>(&link->target) : nullptr;
    if (!only_link || url == nullptr ||
        std::find(tiles.begin(), tiles.end(), url->url) == tiles.end()) {
      continue;
    }
    block.tile = true;
    ++made;
  }
  return made;
}

}  // namespace kiosk
