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

namespace {

// An entry that leaves the history takes the citizen's entries and the page with it.
void forget(HistoryEntry& e) {
  e.forms.wipe();
  drivers::secure_wipe(e.html.data(), e.html.size());
}

}  // namespace

void History::push(HistoryEntry entry) {
  bytes_ += entry.bytes();
  entries_.push_back(std::move(entry));
  while (!entries_.empty() && (entries_.size() > kMaxEntries || bytes_ > kMaxBytes)) {
    bytes_ -= entries_.front().bytes();
    forget(entries_.front());
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
  if (auto old = pop()) forget(*old);
  push(std::move(entry));
}

void History::clear() {
  for (auto& e : entries_) forget(e);
  entries_.clear();
  bytes_ = 0;
}

}  // namespace kiosk
