// libFuzzer target: any bytes as a page's style sheet (a11y/author_css.hpp). The parser must
// never crash or hang and must keep its bounds (rules, compounds, simple selectors, generated
// text); the cascade over a small page with the same bytes as a linked sheet, a <style> and a
// style="" attribute must finish, and an element hidden by display:none hides its subtree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "a11y/accessibility_tree.hpp"
#include "a11y/author_css.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

std::string attribute_safe(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '"' || c == '<' || c == '&') ? ' ' : c;
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view css(reinterpret_cast<const char*>(data), size);
  const a11y::CssLimits limits;
  const auto sheet = a11y::StyleSheet::parse(css, limits);
  check(sheet.rules().size() <= limits.max_rules);
  for (const auto& rule : sheet.rules()) {
    check(!rule.compounds.empty() && rule.compounds.size() <= limits.max_compounds);
    check(rule.declarations < sheet.blocks().size());
    for (const auto& c : rule.compounds) check(c.simple.size() <= limits.max_simple);
  }
  for (const auto& block : sheet.blocks()) {
    check(!block.empty());
    for (const auto& d : block) {
      if (d.property == a11y::CssDeclaration::Property::Content) {
        // Text plus attr() marks: bounded by the limit and one attribute name's marks.
        check(d.value.size() <= limits.max_content_bytes + 4 + 2 * 256);
      }
    }
  }
  (void)a11y::StyleSheet::parse_declarations(css, limits);
  if (size > 64 * 1024) return 0;  // the page below parses the bytes three times
  std::string html = "<style>";
  html.append(attribute_safe(css));
  html +=
      "</style><div class=\"a b\" id=\"x\" lang=\"zh\"><p title=\"t\">一<a href=\"/\">二</a>"
      "<span style=\"";
  html += attribute_safe(css.substr(0, 4096));
  html += "\">三</span></p><ul><li>四</li></ul></div>";
  auto parsed = a11y::Dom::parse(html);
  if (!parsed.dom) return 0;
  const a11y::Accessibility acc(*parsed.dom, {std::string(css)});
  for (a11y::NodeId id = 0; id < parsed.dom->size(); ++id) {
    const a11y::NodeId parent = parsed.dom->node(id).parent;
    if (parent != a11y::kNoNode && acc.removed(parent)) check(acc.hidden(id) && acc.removed(id));
  }
  const auto tree = a11y::AccessibilityTree::build(acc);
  (void)tree.to_document("fuzz");
  return 0;
}
