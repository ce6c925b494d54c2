#include "style_sheets.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "a11y/author_css.hpp"

namespace kiosk {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool has_word(const std::string& list, std::string_view word) {
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && std::isspace(static_cast<unsigned char>(list[i]))) ++i;
    std::size_t j = i;
    while (j < list.size() && !std::isspace(static_cast<unsigned char>(list[j]))) ++j;
    if (j > i && std::string_view(list).substr(i, j - i) == word) return true;
    i = j;
  }
  return false;
}

}  // namespace

std::vector<std::string> linked_style_sheets(const a11y::Dom& dom, const StyleSheetLimits& limits) {
  std::vector<std::string> out;
  for (a11y::NodeId id = 0; id < dom.size() && out.size() < limits.max_sheets; ++id) {
    if (!dom.is_element(id, "link")) continue;
    const std::string* rel = dom.attribute(id, "rel");
    const std::string* href = dom.attribute(id, "href");
    if (rel == nullptr || href == nullptr || href->empty()) continue;
    const std::string r = lower(*rel);
    if (!has_word(r, "stylesheet") || has_word(r, "alternate")) continue;
    if (dom.has_attribute(id, "disabled")) continue;
    if (const std::string* media = dom.attribute(id, "media");
        media != nullptr && !a11y::css_media_for_screen(*media)) {
      continue;
    }
    out.push_back(*href);
  }
  return out;
}

FetchedSheets fetch_style_sheets(PageFetcher& fetcher, const std::string& page_url,
                                 const std::vector<std::string>& hrefs, long total_timeout_ms,
                                 const StyleSheetLimits& limits) {
  FetchedSheets out;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(total_timeout_ms);
  for (const auto& href : hrefs) {
    if (out.sheets.size() + out.skipped.size() >= limits.max_sheets) break;
    const std::string url = resolve_url(page_url, href);
    if (url.empty()) {
      out.skipped.push_back("style sheet: unreadable href");
      continue;
    }
    if (!fetcher.allowed(url)) {  // never asked for: the allowlist holds for sheets too
      out.skipped.push_back("style sheet not on the allowlist: " + loggable_url(url));
      continue;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      out.skipped.push_back("style sheet after the page's time limit: " + loggable_url(url));
      continue;
    }
    FetchResult f = fetcher.get(url, limits.max_bytes);
    if (!f.ok) {
      out.skipped.push_back("style sheet skipped: " + f.error);
      continue;
    }
    const std::string type = lower(f.content_type);
    if (!type.empty() && type.rfind("text/css", 0) != 0) {  // as browsers do in standards mode
      out.skipped.push_back("style sheet not text/css (" + f.content_type +
                            "): " + loggable_url(url));
      continue;
    }
    out.sheets.push_back(std::move(f.body));
  }
  return out;
}

}  // namespace kiosk
