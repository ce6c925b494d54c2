// 区域跳转: the regions of a page a citizen can jump between, as the government toolbar's
// screen reader offers them. The document model keeps headings, links and form fields, so the
// regions come from those: what comes before the first heading and holds links is the
// navigation (导航区, a page's header menu), the first heading starts the main text (正文区),
// and the first form field starts the form (表单区).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ui/document.hpp"

namespace kiosk {

struct PageRegion {
  std::string name;  // 导航区, 正文区, 表单区
  std::uint32_t first_block = 0;
  int count = 0;     // links, items or fields in it
  std::string unit;  // what `count` counts: 个链接, 项, 个填写项
};

// In page order; empty for an empty page.
std::vector<PageRegion> page_regions(const ui::Document& doc);

// The region after the one holding `block`, wrapping round; nullptr when there are none.
const PageRegion* next_region(const std::vector<PageRegion>& regions, std::uint32_t block);

}  // namespace kiosk
