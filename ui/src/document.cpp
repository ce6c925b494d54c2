#include "ui/document.hpp"

namespace ui {

std::string Block::plain_text() const {
  std::string out;
  for (const auto& r : runs) out += r.text;
  return out;
}

Block make_heading(int level, std::string text) {
  return Block{BlockKind::Heading, level, 0, {text_run(std::move(text))}};
}

Block make_paragraph(std::string text) {
  return Block{BlockKind::Paragraph, 0, 0, {text_run(std::move(text))}};
}

Block make_paragraph(std::vector<InlineRun> runs) {
  return Block{BlockKind::Paragraph, 0, 0, std::move(runs)};
}

Block make_list_item(std::string text, int number) {
  return Block{BlockKind::ListItem, number, 0, {text_run(std::move(text))}};
}

InlineRun text_run(std::string text) {
  return InlineRun{InlineKind::Text, std::move(text), {}};
}

InlineRun link_run(std::string text, LinkTarget target) {
  return InlineRun{InlineKind::Link, std::move(text), std::move(target)};
}

}  // namespace ui

namespace ui {

const Anchor* Document::anchor(std::string_view name) const {
  for (const auto& a : anchors) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

}  // namespace ui
