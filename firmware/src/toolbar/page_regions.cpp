#include "page_regions.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace kiosk {
namespace {

enum class Counts { Links, Fields, Items };

struct Start {
  const char* name;
  Counts counts;
  std::uint32_t first;
};

int links_in(const ui::Block& b) {
  int n = 0;
  for (const auto& run : b.runs) n += run.kind == ui::InlineKind::Link;
  return n;
}

int count_in(const ui::Document& doc, Counts counts, std::uint32_t first, std::uint32_t end) {
  int n = 0;
  for (std::uint32_t b = first; b < end; ++b) {
    const ui::Block& block = doc.blocks[b];
    switch (counts) {
      case Counts::Links:
        n += links_in(block);
        break;
      case Counts::Fields:
        n += block.kind == ui::BlockKind::FormField;
        break;
      case Counts::Items:
        n += block.kind != ui::BlockKind::FormField;
        break;
    }
  }
  return n;
}

const char* unit_of(Counts counts) {
  switch (counts) {
    case Counts::Links:
      return "个链接";
    case Counts::Fields:
      return "个填写项";
    case Counts::Items:
      return "项";
  }
  return "项";
}

Start start_of(const ui::Landmark& l) {
  using K = ui::LandmarkKind;
  switch (l.kind) {
    case K::Banner:
      return {"页头区", Counts::Items, l.first_block};
    case K::Navigation:
      return {"导航区", Counts::Links, l.first_block};
    case K::Main:
      return {"正文区", Counts::Items, l.first_block};
    case K::Form:
      return {"表单区", Counts::Fields, l.first_block};
    case K::Search:
      return {"搜索区", Counts::Fields, l.first_block};
    case K::Complementary:
      return {"服务区", Counts::Links, l.first_block};
    case K::ContentInfo:
      return {"页脚区", Counts::Items, l.first_block};
  }
  return {"正文区", Counts::Items, l.first_block};
}

bool footer_words(const ui::Block& b) {
  static constexpr std::array<std::string_view, 7> kWords{"主办", "版权",      "技术支持", "备案",
                                                          "ICP",  "Copyright", "©"};
  const std::string text = b.plain_text();
  return std::any_of(kWords.begin(), kWords.end(),
                     [&](std::string_view w) { return text.find(w) != std::string::npos; });
}

// A page without landmarks: where its parts begin, guessed from headings, links and fields.
std::vector<Start> guessed(const ui::Document& doc) {
  std::vector<Start> starts;
  const auto n = static_cast<std::uint32_t>(doc.blocks.size());
  std::uint32_t first_heading = n;
  std::uint32_t first_field = n;
  for (std::uint32_t b = 0; b < n; ++b) {
    const ui::BlockKind kind = doc.blocks[b].kind;
    if (kind == ui::BlockKind::Heading && first_heading == n) first_heading = b;
    if (kind == ui::BlockKind::FormField && first_field == n) first_field = b;
  }
  std::uint32_t first_link = n;
  if (first_heading < n) {
    for (std::uint32_t b = 0; b < first_heading; ++b) {
      const int links = links_in(doc.blocks[b]);
      if (links == 0) continue;
      if (first_link == n) {
        first_link = b;
        starts.push_back({"导航区", Counts::Links, 0});
      } else if (links >= 4) {
        starts.push_back({"服务区", Counts::Links, b});  // a cluster of service entries
        break;
      }
    }
  }
  starts.push_back({"正文区", Counts::Items, first_link < n ? first_heading : 0});
  if (first_field < n) starts.push_back({"表单区", Counts::Fields, first_field});
  // The footer: the last few blocks, from the first of them that says who runs the site.
  const std::uint32_t from =
      std::max<std::uint32_t>(n > 4 ? n - 4 : 0, first_field < n     ? first_field + 1
                                                 : first_heading < n ? first_heading + 1
                                                                     : 0);
  for (std::uint32_t b = from; b < n; ++b) {
    if (doc.blocks[b].kind != ui::BlockKind::FormField && footer_words(doc.blocks[b])) {
      starts.push_back({"页脚区", Counts::Items, b});
      break;
    }
  }
  return starts;
}

}  // namespace

std::vector<PageRegion> page_regions(const ui::Document& doc) {
  const auto n = static_cast<std::uint32_t>(doc.blocks.size());
  std::vector<Start> starts;
  if (!doc.landmarks.empty()) {
    for (const ui::Landmark& l : doc.landmarks) {
      if (l.first_block < n) starts.push_back(start_of(l));
    }
    const bool form = std::any_of(starts.begin(), starts.end(),
                                  [](const Start& s) { return s.counts == Counts::Fields; });
    if (!form) {  // fields of an unnamed <form> (no landmark): the form region as guessed
      for (std::uint32_t b = 0; b < n; ++b) {
        if (doc.blocks[b].kind == ui::BlockKind::FormField) {
          starts.push_back({"表单区", Counts::Fields, b});
          break;
        }
      }
    }
  }
  if (starts.empty()) starts = guessed(doc);
  // In page order; where two start on the same block the inner one (listed later) names it.
  std::stable_sort(starts.begin(), starts.end(),
                   [](const Start& a, const Start& b) { return a.first < b.first; });
  std::vector<Start> unique;
  for (const Start& s : starts) {
    if (!unique.empty() && unique.back().first == s.first) {
      unique.back() = s;
    } else {
      unique.push_back(s);
    }
  }
  std::vector<Start> kept;
  for (std::size_t i = 0; i < unique.size(); ++i) {
    const std::uint32_t end = i + 1 < unique.size() ? unique[i + 1].first : n;
    const int count = count_in(doc, unique[i].counts, unique[i].first, end);
    // A one-line footer is not worth a region of its own: one key reaches it anyway.
    const bool small_footer = std::string_view(unique[i].name) == "页脚区" && count < 2;
    if (count > 0 && !small_footer) kept.push_back(unique[i]);
  }
  // What a left-out region held belongs to the region before it.
  std::vector<PageRegion> regions;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const std::uint32_t end = i + 1 < kept.size() ? kept[i + 1].first : n;
    regions.push_back({kept[i].name, kept[i].first,
                       count_in(doc, kept[i].counts, kept[i].first, end), unit_of(kept[i].counts)});
  }
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
