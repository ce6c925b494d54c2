#include "repair_log.hpp"

#include <algorithm>

#include "page_fetcher.hpp"

namespace kiosk {

void RepairLog::record(const std::string& url, const a11y::RepairSummary& repair) {
  if (!repair.any() || url.empty()) return;
  ++recorded_;
  std::vector<std::string> missing;
  for (const a11y::Missing m : repair.missing) missing.emplace_back(a11y::missing_word(m));
  RepairedPage entry{loggable_url(url), std::move(missing), 1};
  auto it = std::find_if(pages_.begin(), pages_.end(),
                         [&](const RepairedPage& p) { return p.page == entry.page; });
  if (it != pages_.end()) {
    entry.times = it->times + 1;
    pages_.erase(it);
  }
  pages_.insert(pages_.begin(), std::move(entry));
  if (pages_.size() > kMaxPages) pages_.resize(kMaxPages);
}

}  // namespace kiosk
