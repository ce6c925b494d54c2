// Where the review stands in the focused item's text: one position (a code-point index), moved
// by character, word or sentence over the units the caller cut. Before the first move it
// stands nowhere: "next" goes to the first unit, "previous" to the last (the end of a typed
// entry, where a citizen checking it starts). At either end it stays, and says so.
#pragma once

#include <optional>
#include <vector>

#include "segmenter.hpp"

namespace kiosk::review {

class ReviewCursor {
 public:
  struct Move {
    Span unit;          // the unit now under the cursor (the same one again at an end)
    bool edge = false;  // there was no unit further that way
  };
  // nullopt: there are no units at all.
  std::optional<Move> move(const std::vector<Span>& units, bool forward);
  // The unit of `units` the cursor stands in (or the last one before it; the first when the
  // cursor stands nowhere); nullopt: no units.
  std::optional<Span> current(const std::vector<Span>& units) const;
  void reset() { pos_.reset(); }
  std::optional<std::size_t> position() const { return pos_; }

 private:
  std::optional<std::size_t> pos_;
};

}  // namespace kiosk::review
