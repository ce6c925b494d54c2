#include "wording.hpp"

#include <cmath>
#include <variant>

namespace kiosk {

std::string describe_position(const ui::ReadingView& view) {
  const ui::Document& doc = view.document();
  return "第" + std::to_string(view.focus().block + 1) + "项，共" +
         std::to_string(doc.blocks.size()) + "项。页面：" + doc.title + "。" + describe_focus(view);
}

std::string describe_focus(const ui::ReadingView& view) {
  const ui::Document& doc = view.document();
  if (doc.blocks.empty()) return "空白页";
  const ui::Block& block = doc.blocks[view.focus().block];
  if (const ui::InlineRun* link = view.focused_link()) {
    // Form fields already say what they are (编辑框：姓名，必填).
    return std::holds_alternative<ui::ControlTarget>(link->target) ? link->text
                                                                   : "链接，" + link->text;
  }
  switch (block.kind) {
    case ui::BlockKind::Heading:
      return "标题" + std::to_string(block.level) + "级，" + block.plain_text();
    case ui::BlockKind::ListItem:
      return (block.level > 0 ? "列表第" + std::to_string(block.level) + "项，" : "列表项，") +
             block.plain_text();
    case ui::BlockKind::TableRow:
      return "表格，" + block.plain_text();
    case ui::BlockKind::FormField:
    case ui::BlockKind::Paragraph:
      break;
  }
  return block.plain_text();
}

std::string describe_page(const ui::ReadingView& view) {
  const ui::Document& doc = view.document();
  std::string text = doc.title + "。" + describe_focus(view);
  if (doc.blocks.size() > 1 && doc.blocks.front().kind == ui::BlockKind::Heading &&
      view.focus().block == 0) {
    text += "。" + doc.blocks[1].plain_text();
  }
  return text;
}

int zoom_percent(double zoom) {
  return static_cast<int>(std::lround(zoom * 100));
}

}  // namespace kiosk
