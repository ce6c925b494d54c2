// A page's linked style sheets (<link rel=stylesheet href>), fetched on the loader's thread
// with the page: only from allowed origins (the same origin_allowed check as the page, every
// redirect hop included), each within a size limit, all within the page's time limit. A sheet
// that cannot be fetched is skipped: the page still shows, with what the other sheets say.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "a11y/dom.hpp"
#include "page_fetcher.hpp"

namespace kiosk {

struct StyleSheetLimits {
  std::size_t max_sheets = 8;
  std::size_t max_bytes = 256 * 1024;  // each (a11y::CssLimits reads no more either)
};

// The hrefs of the page's linked sheets in document order: rel has the word "stylesheet" (not
// "alternate"), and media, when given, includes screen or all (media="print" is skipped).
std::vector<std::string> linked_style_sheets(const a11y::Dom& dom,
                                             const StyleSheetLimits& limits = {});

struct FetchedSheets {
  std::vector<std::string> sheets;   // texts, in document order
  std::vector<std::string> skipped;  // for the log: which and why (URLs without queries)
};

// Resolves each href against `page_url` and fetches it with `fetcher` (the session's cookies,
// its allowlist and timeouts); stops once `total_timeout_ms` has passed since the first.
FetchedSheets fetch_style_sheets(PageFetcher& fetcher, const std::string& page_url,
                                 const std::vector<std::string>& hrefs, long total_timeout_ms,
                                 const StyleSheetLimits& limits = {});

}  // namespace kiosk
