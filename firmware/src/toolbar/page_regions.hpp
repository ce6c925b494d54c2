// 区域跳转: the regions of a page a citizen can jump between, as the government toolbar's
// screen reader offers them. Where the page marks up landmarks (<nav>, <main>, <aside>, a
// named <form>, <footer> …) they are the regions: 页头区, 导航区, 正文区, 表单区, 搜索区, 服务区,
// 页脚区. Where it has none (a badly built page), they are guessed: links before the first
// heading are the navigation (导航区), a cluster of four or more links among them the service
// entries (服务区), the first heading starts the main text (正文区), the first form field the
// form (表单区), and trailing lines with 主办/版权/技术支持/备案 the footer (页脚区). Each region
// runs to the start of the next; its count is of links, fields or items as fits it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ui/document.hpp"

namespace kiosk {

struct PageRegion {
  std::string name;  // 导航区, 正文区, 表单区 …
  std::uint32_t first_block = 0;
  int count = 0;     // links, items or fields in it
  std::string unit;  // what `count` counts: 个链接, 项, 个填写项
};

// In page order; empty for an empty page.
std::vector<PageRegion> page_regions(const ui::Document& doc);

// The region after the one holding `block`, wrapping round; nullptr when there are none.
const PageRegion* next_region(const std::vector<PageRegion>& regions, std::uint32_t block);

}  // namespace kiosk
