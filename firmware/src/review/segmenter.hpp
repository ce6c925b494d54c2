// Words of Chinese text, cut as jieba cuts them without its HMM: from each character, every
// dictionary word that starts there (a DAG); then, from the end backwards, the route whose
// words' log-probabilities add up to the most. Characters no word covers stay single; a run of
// Latin letters and digits is one word; spaces are no word at all. Without a dictionary every
// hanzi is a word of its own.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "jieba_dictionary.hpp"

namespace kiosk::review {

// A unit of text as code-point indices [begin, end).
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

std::vector<Span> segment_words(std::u32string_view text, const Dictionary* dictionary);

// Each character but spaces; sentences, each ending at 。！？；!?; or a line end (kept in the
// sentence), spaces at their ends left out.
std::vector<Span> character_spans(std::u32string_view text);
std::vector<Span> sentence_spans(std::u32string_view text);

// UTF-8 ↔ code points for the review (broken bytes become U+FFFD).
std::u32string to_code_points(std::string_view utf8);
std::string to_utf8(std::u32string_view text);

}  // namespace kiosk::review
