// Which pages the kiosk had to repair, for the fleet's health report (issue 14/16): the page as
// scheme, host and path (never the query or fragment, which may hold what a citizen typed), what
// its author left out, and how often it was opened. Bounded: the most recently opened few.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "a11y/page_repair.hpp"
#include "kiosk/health.hpp"

namespace kiosk {

class RepairLog {
 public:
  static constexpr std::size_t kMaxPages = 8;

  // A page opened (not a Back or a text-only switch); pages that needed no repair are not kept.
  void record(const std::string& url, const a11y::RepairSummary& repair);
  // Most recently opened first.
  const std::vector<RepairedPage>& pages() const { return pages_; }
  // How many repaired pages were recorded so far (the health report is rewritten when it moves).
  long recorded() const { return recorded_; }

 private:
  std::vector<RepairedPage> pages_;
  long recorded_ = 0;
};

}  // namespace kiosk
