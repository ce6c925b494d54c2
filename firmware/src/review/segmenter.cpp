#include "segmenter.hpp"

#include <cmath>
#include <limits>

#include "utf8.hpp"

namespace kiosk::review {
namespace {

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0;
}
bool is_latin_or_digit(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
         (c >= 0xFF41 && c <= 0xFF5A);  // full-width too
}
bool ends_sentence(char32_t c) {
  return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == '!' || c == '?' || c == ';' ||
         c == '\n';
}

// jieba's route over one run of hanzi, [begin, end) of `text`.
void cut_han(std::u32string_view text, std::size_t begin, std::size_t end, const Dictionary& d,
             std::vector<Span>& out) {
  const std::size_t n = end - begin;
  const double log_total = std::log(d.total());
  const auto max_len = static_cast<std::size_t>(d.max_word_chars());
  // best[i]: the best log-probability of text[begin+i, end); next[i]: where its first word ends.
  std::vector<double> best(n + 1, 0.0);
  std::vector<std::size_t> next(n + 1, n);
  std::string bytes;
  for (std::size_t i = n; i-- > 0;) {
    // A single character is always a way on (log 1 = 0 when it is no word).
    double top = -std::numeric_limits<double>::infinity();
    std::size_t top_end = i + 1;
    std::uint64_t h = kHashSeed;
    for (std::size_t j = i; j < n && j - i < max_len; ++j) {
      bytes.clear();
      append_code_point(bytes, text[begin + j]);
      h = hash_more(h, bytes);
      const auto f = d.frequency(h);
      if (!f && j > i) continue;
      const double logp = std::log(f && *f > 0 ? static_cast<double>(*f) : 1.0) - log_total;
      const double score = logp + best[j + 1];
      // jieba keeps the larger end on a tie (max over (score, end)).
      if (score > top || (score == top && j + 1 > top_end)) {
        top = score;
        top_end = j + 1;
      }
    }
    best[i] = top;
    next[i] = top_end;
  }
  for (std::size_t i = 0; i < n; i = next[i]) out.push_back({begin + i, begin + next[i]});
}

}  // namespace

std::vector<Span> segment_words(std::u32string_view text, const Dictionary* dictionary) {
  std::vector<Span> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t c = text[i];
    std::size_t j = i + 1;
    if (is_space(c)) {
      i = j;
      continue;
    }
    if (is_latin_or_digit(c)) {
      while (j < text.size() && is_latin_or_digit(text[j])) ++j;
      out.push_back({i, j});
    } else if (is_han(c)) {
      while (j < text.size() && is_han(text[j])) ++j;
      if (dictionary != nullptr && dictionary->size() > 0) {
        cut_han(text, i, j, *dictionary, out);
      } else {
        for (std::size_t k = i; k < j; ++k) out.push_back({k, k + 1});
      }
    } else {
      out.push_back({i, j});
    }
    i = j;
  }
  return out;
}

std::vector<Span> character_spans(std::u32string_view text) {
  std::vector<Span> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_space(text[i])) out.push_back({i, i + 1});
  }
  return out;
}

std::vector<Span> sentence_spans(std::u32string_view text) {
  std::vector<Span> out;
  std::size_t start = 0;
  const auto close = [&](std::size_t end) {
    std::size_t b = start;
    std::size_t e = end;
    while (b < e && is_space(text[b])) ++b;
    while (e > b && is_space(text[e - 1])) --e;
    if (b < e) out.push_back({b, e});
    start = end;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (ends_sentence(text[i])) {
      // A run of closing marks stays with its sentence (！？, ”).
      std::size_t e = i + 1;
      while (e < text.size() && (ends_sentence(text[e]) || text[e] == U'”' || text[e] == U'」' ||
                                 text[e] == U'）' || text[e] == ')')) {
        if (text[e] == '\n') break;
        ++e;
      }
      close(e);
      i = e - 1;
    }
  }
  close(text.size());
  return out;
}

std::u32string to_code_points(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) out += next_code_point(utf8, i).value_or(0xFFFD);
  return out;
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  for (const char32_t c : text) append_code_point(out, c);
  return out;
}

}  // namespace kiosk::review
