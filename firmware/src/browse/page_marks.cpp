#include "page_marks.hpp"

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

PageMarks read_marks(const a11y::Dom& dom) {
  PageMarks marks;
  for (a11y::NodeId id = 0; id < dom.size(); ++id) {
    if (dom.node(id).type != a11y::NodeType::Element) continue;
    if (dom.has_attribute(id, "data-kiosk-identify")) marks.identify = true;
    if (dom.has_attribute(id, "data-kiosk-pin")) marks.pin = true;
    if (const std::string* r = dom.attribute(id, "data-kiosk-receipt"); r && !marks.receipt) {
      marks.receipt = service_id(*r);
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

}  // namespace kiosk
