#include "page_regions.hpp"

#include <algorithm>

namespace kiosk {

std::vector<PageRegion> page_regions(const ui::Document& doc) {
  std::vector<PageRegion> regions;
  const auto n = static_cast<std::uint32_t>(doc.blocks.size());
  std::uint32_t first_heading = n;
  std::uint32_t first_field = n;
  int fields = 0;
  for (std::uint32_t b = 0; b < n; ++b) {
    const ui::BlockKind kind = doc.blocks[b].kind;
    if (kind == ui::BlockKind::Heading && first_heading == n) first_heading = b;
    if (kind == ui::BlockKind::FormField) {
      if (first_field == n) first_field = b;
      ++fields;
    }
  }
  int nav_links = 0;
  for (std::uint32_t b = 0; b < first_heading && first_heading < n; ++b) {
    for (const auto& run : doc.blocks[b].runs) nav_links += run.kind == ui::InlineKind::Link;
  }
  if (nav_links > 0) regions.push_back({"导航区", 0, nav_links, "个链接"});
  const std::uint32_t main = nav_links > 0 ? first_heading : 0;
  if (main < n) {
    int items = 0;
    for (std::uint32_t b = main; b < n; ++b)
      items += doc.blocks[b].kind != ui::BlockKind::FormField;
    if (items > 0) regions.push_back({"正文区", main, items, "项"});
  }
  if (fields > 0) regions.push_back({"表单区", first_field, fields, "个填写项"});
  std::stable_sort(regions.begin(), regions.end(), [](const PageRegion& a, const PageRegion& b) {
    return a.first_block < b.first_block;
  });
  return regions;
}

const PageRegion* next_region(const std::vector<PageRegion>& regions, std::uint32_t block) {
  if (regions.empty()) return nullptr;
  // The region holding `block` is the last one starting at or before it.
  std::size_t next = 0;
  for (std::size_t i = 0; i < regions.size(); ++i) {
    if (regions[i].first_block <= block) next = i + 1;
  }
  return &regions[next % regions.size()];
}

}  // namespace kiosk
