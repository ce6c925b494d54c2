#include "page_loader.hpp"

#include <fstream>
#include <sstream>

#include "a11y/accessibility_tree.hpp"
#include "repaired_forms.hpp"

namespace kiosk {
namespace {

LoadedPage error_page(const std::string& reason) {
  LoadedPage page;
  page.error = reason;
  page.document.title = "无法显示此页面";
  page.document.blocks.push_back(ui::make_heading(1, "无法显示此页面"));
  page.document.blocks.push_back(ui::make_paragraph(
      "这个页面无法在自助终端上显示。请按返回键回到上一页，或请工作人员协助您办理。"));
  return page;
}

}  // namespace

LoadedPage load_html(std::string_view html, const std::string& source, bool text_only) {
  return load_html(html, source, text_only, {});
}

LoadedPage load_html(std::string_view html, const std::string& source, bool text_only,
                     const LinkedSheetFetch& fetch_sheets) {
  auto parsed = a11y::Dom::parse(html);
  if (!parsed.dom) return error_page(source + ": " + parsed.error);
  const std::vector<std::string> sheets =
      fetch_sheets ? fetch_sheets(*parsed.dom) : std::vector<std::string>{};
  const a11y::Accessibility acc(*parsed.dom, sheets);
  const auto tree = a11y::AccessibilityTree::build(acc);
  LoadedPage page;
  std::string title = a11y::collapse_whitespace(parsed.dom->title());
  page.document = tree.to_document(title.empty() ? "无标题页面" : title, text_only);
  page.forms = extract_forms(acc);
  apply_repairs(page.forms, tree, *parsed.dom);  // badly built pages (a11y/page_repair.hpp)
  page.repair = tree.repair();
  page.marks = read_marks(*parsed.dom);
  apply_tiles(page.document, page.marks.tiles);
  if (page.document.blocks.empty()) {
    page.document.blocks.push_back(ui::make_paragraph("这个页面没有可以阅读的内容。"));
  }
  page.ok = true;
  return page;
}

LoadedPage load_html_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return error_page(path + ": cannot open the file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return load_html(buffer.str(), path);
}

}  // namespace kiosk
