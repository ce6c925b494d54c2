#include "review_cursor.hpp"

namespace kiosk::review {

std::optional<Span> ReviewCursor::current(const std::vector<Span>& units) const {
  if (units.empty()) return std::nullopt;
  if (!pos_) return units.front();
  const Span* at = &units.front();
  for (const Span& u : units) {
    if (u.begin > *pos_) break;
    at = &u;
  }
  return *at;
}

std::optional<ReviewCursor::Move> ReviewCursor::move(const std::vector<Span>& units, bool forward) {
  if (units.empty()) return std::nullopt;
  if (!pos_) {
    const Span u = forward ? units.front() : units.back();
    pos_ = u.begin;
    return Move{u, false};
  }
  const Span here = *current(units);
  const Span* to = nullptr;
  if (forward) {
    for (const Span& u : units) {
      if (u.begin > *pos_) {
        to = &u;
        break;
      }
    }
  } else {
    // The unit before the one the cursor stands in (a space between units belongs to neither).
    const std::size_t from = here.begin <= *pos_ && *pos_ < here.end ? here.begin : *pos_;
    for (const Span& u : units) {
      if (u.begin >= from) break;
      to = &u;
    }
  }
  if (to == nullptr) return Move{here, true};
  pos_ = to->begin;
  return Move{*to, false};
}

}  // namespace kiosk::review
