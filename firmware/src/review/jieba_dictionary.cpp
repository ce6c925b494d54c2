#include "jieba_dictionary.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "utf8.hpp"

namespace kiosk::review {
namespace {

struct Line {
  std::string_view word;
  std::uint32_t freq = 0;
  int chars = 0;
  char32_t first = 0;
  char32_t second = 0;
};

// One line, checked: "word freq" or "word freq tag"; an error message otherwise.
std::optional<std::string> read_line(std::string_view line, Line& out) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const std::size_t s1 = line.find(' ');
  if (s1 == std::string_view::npos || s1 == 0) return "expected \"word frequency [tag]\"";
  out.word = line.substr(0, s1);
  if (out.word.size() > kMaxWordBytes) return "word longer than 256 bytes";
  std::string_view rest = line.substr(s1 + 1);
  const std::size_t s2 = rest.find(' ');
  const std::string_view freq = rest.substr(0, s2);
  if (freq.empty() || freq.size() > 9) return "frequency is not a number below 10^9";
  std::uint32_t f = 0;
  for (const char c : freq) {
    if (c < '0' || c > '9') return "frequency is not a number below 10^9";
    f = f * 10 + static_cast<std::uint32_t>(c - '0');
  }
  out.freq = f;
  if (s2 != std::string_view::npos) {
    const std::string_view tag = rest.substr(s2 + 1);
    if (tag.empty() || tag.size() > 8) return "tag is not 1-8 letters";
    for (const char c : tag) {
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return "tag is not 1-8 letters";
    }
  }
  out.chars = 0;
  out.first = out.second = 0;
  for (std::size_t i = 0; i < out.word.size();) {
    const auto c = next_code_point(out.word, i);
    if (!c) return "word is not UTF-8";
    if (*c < 0x20 || *c == 0x7F) return "word holds a control character";
    if (out.chars == 0) out.first = *c;
    if (out.chars == 1) out.second = *c;
    ++out.chars;
  }
  return std::nullopt;
}

// Calls `each(line_number, line)` for every non-empty line; stops at the first false.
template <typename Each>
void for_lines(std::string_view text, Each each) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (line.empty() || line == "\r") continue;
    if (!each(number, line)) return;
  }
}

Error refused(std::string_view name, std::size_t line, const std::string& why) {
  return technician_error("jieba dictionary " + std::string(name) +
                          (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + why);
}

}  // namespace

Result<Dictionary> parse_jieba_dictionary(std::string_view text, std::string_view name) {
  if (text.size() > kMaxDictionaryBytes) return refused(name, 0, "larger than 64 MB");
  // First pass: every line checked and counted, before anything is allocated.
  std::size_t words = 0;
  std::optional<std::pair<std::size_t, std::string>> bad;
  for_lines(text, [&](std::size_t number, std::string_view line) {
    Line l;
    if (auto why = read_line(line, l)) {
      bad.emplace(number, std::move(*why));
      return false;
    }
    if (++words > kMaxDictionaryWords) {
      bad.emplace(number, "more than 4,000,000 words");
      return false;
    }
    return true;
  });
  if (bad) return refused(name, bad->first, bad->second);
  if (words == 0) return refused(name, 0, "no words");

  Dictionary d;
  d.entries_.reserve(words);
  // Two-character words of hanzi, per character while reading (CJK and Extension A only).
  constexpr char32_t kLow = 0x3400;
  constexpr char32_t kHigh = 0x9FFF;
  std::vector<Dictionary::Pair> dense(kHigh - kLow + 1);
  const auto offer = [&](char32_t c, char32_t other, bool c_first, std::uint32_t freq) {
    Dictionary::Pair& p = dense[c - kLow];
    p.c = c;
    if (freq > p.freq[0] || p.other[0] == 0) {
      p.other[1] = p.other[0];
      p.c_first[1] = p.c_first[0];
      p.freq[1] = p.freq[0];
      p.other[0] = other;
      p.c_first[0] = c_first;
      p.freq[0] = freq;
    } else if (freq > p.freq[1] || p.other[1] == 0) {
      p.other[1] = other;
      p.c_first[1] = c_first;
      p.freq[1] = freq;
    }
  };
  for_lines(text, [&](std::size_t, std::string_view line) {
    Line l;
    (void)read_line(line, l);  // checked above
    d.entries_.push_back({word_hash(l.word), l.freq});
    d.total_ += l.freq;
    d.max_chars_ = std::max(d.max_chars_, std::min(l.chars, kMaxWordChars));
    if (l.chars == 2 && l.freq > 0 && is_han(l.first) && is_han(l.second) && l.first != l.second) {
      offer(l.first, l.second, true, l.freq);
      offer(l.second, l.first, false, l.freq);
    }
    return true;
  });
  // Sorted by hash; a word listed twice keeps its larger frequency.
  std::sort(d.entries_.begin(), d.entries_.end(),
            [](const Dictionary::Entry& a, const Dictionary::Entry& b) {
              const std::uint64_t ha = a.hash;
              const std::uint64_t hb = b.hash;
              if (ha != hb) return ha < hb;
              const std::uint32_t fa = a.freq;
              const std::uint32_t fb = b.freq;
              return fa > fb;
            });
  d.entries_.erase(std::unique(d.entries_.begin(), d.entries_.end(),
                               [](const Dictionary::Entry& a, const Dictionary::Entry& b) {
                                 const std::uint64_t ha = a.hash;
                                 const std::uint64_t hb = b.hash;
                                 return ha == hb;
                               }),
                   d.entries_.end());
  // A copy only when duplicates freed much room (jieba's file has one).
  if (d.entries_.capacity() - d.entries_.size() > d.entries_.size() / 64)
    d.entries_.shrink_to_fit();
  std::size_t described = 0;
  for (const auto& p : dense) described += p.c != 0 ? 1 : 0;
  d.pairs_.reserve(described);
  for (const auto& p : dense) {
    if (p.c != 0) d.pairs_.push_back(p);
  }
  if (d.total_ <= 0) return refused(name, 0, "all frequencies are zero");
  return d;
}

std::optional<std::uint32_t> Dictionary::frequency(std::uint64_t hash) const {
  const auto it =
      std::lower_bound(entries_.begin(), entries_.end(), hash, [](const Entry& e, std::uint64_t h) {
        const std::uint64_t eh = e.hash;
        return eh < h;
      });
  if (it == entries_.end()) return std::nullopt;
  const std::uint64_t found = it->hash;
  if (found != hash) return std::nullopt;
  const std::uint32_t f = it->freq;
  return f;
}

std::vector<std::string> Dictionary::words_with(char32_t c) const {
  std::vector<std::string> out;
  const auto it = std::lower_bound(pairs_.begin(), pairs_.end(), c,
                                   [](const Pair& p, char32_t x) { return p.c < x; });
  if (it == pairs_.end() || it->c != c) return out;
  for (int k = 0; k < 2; ++k) {
    if (it->other[k] == 0) break;
    std::string w;
    append_code_point(w, it->c_first[k] ? c : it->other[k]);
    append_code_point(w, it->c_first[k] ? it->other[k] : c);
    out.push_back(std::move(w));
  }
  return out;
}

std::size_t Dictionary::memory_bytes() const {
  return entries_.capacity() * sizeof(Entry) + pairs_.capacity() * sizeof(Pair);
}

Result<Dictionary> load_jieba_dictionary(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return refused(path, 0, std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return refused(path, 0, "not a regular file");
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size == 0 || size > kMaxDictionaryBytes) {
    ::close(fd);
    return refused(path, 0, "size " + std::to_string(size) + " bytes is not 1 byte to 64 MB");
  }
  // Mapped, not read: the file's pages are the kernel's cache and leave with munmap.
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return refused(path, 0, std::string("mmap: ") + std::strerror(errno));
  ::madvise(map, size, MADV_SEQUENTIAL);
  Result<Dictionary> d = parse_jieba_dictionary({static_cast<const char*>(map), size}, path);
  ::munmap(map, size);
  return d;
}

}  // namespace kiosk::review
