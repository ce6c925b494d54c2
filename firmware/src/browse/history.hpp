// Where Back goes: the pages seen in this session, bounded by count and by bytes so a long
// session cannot grow the kiosk's memory without end. A fetched page is kept as its HTML (built
// again on Back, off the UI thread), not as its laid-out Document; a built-in page as its
// Document. The oldest entries go first. Form entries travel with their page (personal data:
// wiped when the entry goes).
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>

#include "forms.hpp"
#include "ui/document.hpp"

namespace kiosk {

struct HistoryEntry {
  std::string url;   // empty for a built-in page
  std::string html;  // a fetched page's source
  std::optional<ui::Document> builtin;
  PageForms forms;
  ui::FocusTarget focus;
  bool text_only = false;

  std::size_t bytes() const;
};

class History {
 public:
  static constexpr std::size_t kMaxEntries = 20;
  static constexpr std::size_t kMaxBytes = 8 * 1024 * 1024;

  void push(HistoryEntry entry);
  std::optional<HistoryEntry> pop();
  // The newest entry replaced (pushed if there is none).
  void replace_top(HistoryEntry entry);
  bool empty() const { return entries_.empty(); }
  // The newest entry (the page before the one shown), if any.
  const HistoryEntry* top() const { return entries_.empty() ? nullptr : &entries_.back(); }
  std::size_t size() const { return entries_.size(); }
  std::size_t bytes() const { return bytes_; }
  void clear();  // wipes every entry's form values

 private:
  std::deque<HistoryEntry> entries_;
  std::size_t bytes_ = 0;
};

}  // namespace kiosk
