// jieba's word list (python3-jieba's dict.txt: "word freq tag" a line, unsorted), read into
// what the segmenter and the character descriptions need and nothing more: the text is not
// kept. Each word becomes a 64-bit hash and its frequency in two sorted arrays (12 bytes a
// word); each hanzi keeps the two most frequent two-character words it appears in (组词:
// 张 → 主张, 紧张), for saying which 张 is meant.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/result.hpp"

namespace kiosk::review {

// FNV-1a over the word's UTF-8 bytes; the segmenter extends it a character at a time.
inline constexpr std::uint64_t kHashSeed = 0xcbf29ce484222325ULL;
inline std::uint64_t hash_more(std::uint64_t h, std::string_view bytes) {
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}
inline std::uint64_t word_hash(std::string_view word) {
  return hash_more(kHashSeed, word);
}

// Limits checked before anything is allocated: a file outside them is not a jieba dictionary.
inline constexpr std::size_t kMaxDictionaryBytes = 64u << 20;
inline constexpr std::size_t kMaxDictionaryWords = 4'000'000;
inline constexpr std::size_t kMaxWordBytes = 256;
inline constexpr int kMaxWordChars = 32;

class Dictionary {
 public:
  // The word's frequency, nullopt when it is not in the dictionary.
  std::optional<std::uint32_t> frequency(std::uint64_t hash) const;
  std::optional<std::uint32_t> frequency_of(std::string_view word) const {
    return frequency(word_hash(word));
  }
  std::size_t size() const { return entries_.size(); }
  double total() const { return total_; }
  // The longest word, in characters (the segmenter looks no further ahead).
  int max_word_chars() const { return max_chars_; }
  // The most frequent two-character words holding `c`, most frequent first (at most two).
  std::vector<std::string> words_with(char32_t c) const;
  // What the arrays cost, in bytes.
  std::size_t memory_bytes() const;

 private:
  friend Result<Dictionary> parse_jieba_dictionary(std::string_view text, std::string_view name);
  struct Pair {           // a two-character word for each of its characters
    char32_t c = 0;       // the character described
    char32_t other[2]{};  // the other character of the best and second best word
    bool c_first[2]{};    // whether `c` comes first in that word
    std::uint32_t freq[2]{};
  };
  // 12 bytes each (packed: the hash is read unaligned), sorted by hash.
  struct __attribute__((packed)) Entry {
    std::uint64_t hash;
    std::uint32_t freq;
  };
  static_assert(sizeof(Entry) == 12);
  std::vector<Entry> entries_;
  std::vector<Pair> pairs_;  // sorted by c
  double total_ = 0;
  int max_chars_ = 1;
};

// Parses dict.txt's text; `name` is for the technician's error ("dict.txt:12: ...").
Result<Dictionary> parse_jieba_dictionary(std::string_view text, std::string_view name);
// Reads the file (mapped, never copied whole) and parses it.
Result<Dictionary> load_jieba_dictionary(const std::string& path);

// python3-jieba's dictionary.
inline constexpr const char* kJiebaDictionaryPath = "/usr/lib/python3/dist-packages/jieba/dict.txt";

}  // namespace kiosk::review
