#include "history.hpp"

#include "drivers/secure_buffer.hpp"

namespace kiosk {

std::size_t HistoryEntry::bytes() const {
  std::size_t n = url.size() + html.size();
  if (builtin) {
    for (const auto& b : builtin->blocks) {
      for (const auto& r : b.runs) n += r.text.size() + sizeof(r);
    }
  }
  return n + forms.fields.size() * sizeof(FormField);
}

void History::push(HistoryEntry entry) {
  bytes_ += entry.bytes();
  entries_.push_back(std::move(entry));
  while (!entries_.empty() && (entries_.size() > kMaxEntries || bytes_ > kMaxBytes)) {
    HistoryEntry& oldest = entries_.front();
    bytes_ -= oldest.bytes();
    oldest.forms.wipe();
    drivers::secure_wipe(oldest.html.data(), oldest.html.size());
    entries_.pop_front();
  }
}

std::optional<HistoryEntry> History::pop() {
  if (entries_.empty()) return std::nullopt;
  HistoryEntry e = std::move(entries_.back());
  entries_.pop_back();
  bytes_ -= e.bytes();
  return e;
}

void History::replace_top(HistoryEntry entry) {
  if (auto old = pop()) {
    old->forms.wipe();
    drivers::secure_wipe(old->html.data(), old->html.size());
  }
  push(std::move(entry));
}

void History::clear() {
  for (auto& e : entries_) {
    e.forms.wipe();
    drivers::secure_wipe(e.html.data(), e.html.size());
  }
  entries_.clear();
  bytes_ = 0;
}

}  // namespace kiosk
