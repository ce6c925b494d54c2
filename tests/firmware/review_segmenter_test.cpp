// The review room's parts without a kiosk around them: the jieba dictionary reader (a tiny
// dictionary written here, files of the wrong shape, and Debian's python3-jieba dictionary when
// installed), the segmenter, sentences, and the review cursor's moves and ends.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "review/jieba_dictionary.hpp"
#include "review/review_cursor.hpp"
#include "review/segmenter.hpp"

namespace {

using namespace kiosk::review;

std::vector<std::string> words(const std::string& text, const Dictionary* d) {
  const std::u32string t = to_code_points(text);
  std::vector<std::string> out;
  for (const Span& s : segment_words(t, d))
    out.push_back(to_utf8(t.substr(s.begin, s.end - s.begin)));
  return out;
}

std::vector<std::string> sentences(const std::string& text) {
  const std::u32string t = to_code_points(text);
  std::vector<std::string> out;
  for (const Span& s : sentence_spans(t))
    out.push_back(to_utf8(t.substr(s.begin, s.end - s.begin)));
  return out;
}

constexpr const char* kTiny =
    "社会 500 n\n"
    "保障 400 vn\n"
    "社会保障 300 n\n"
    "社会保障卡 50 n\n"
    "办理 800 v\n"
    "我 2000 r\n"
    "要 1500 v\n"
    "主张 900 v\n"
    "紧张 700 a\n"
    "张 100 q\n"
    "张张 5000 q\n";  // the same character twice describes nothing

Dictionary tiny() {
  auto d = parse_jieba_dictionary(kTiny, "tiny");
  EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().technician);
  return std::move(*d);
}

TEST(JiebaDictionary, ReadsWordsFrequenciesAndTwoCharacterWords) {
  const Dictionary d = tiny();
  EXPECT_EQ(d.size(), 11u);
  EXPECT_EQ(d.frequency_of("社会保障卡"), 50u);
  EXPECT_EQ(d.frequency_of("办理"), 800u);
  EXPECT_FALSE(d.frequency_of("办").has_value());
  EXPECT_EQ(d.max_word_chars(), 5);
  EXPECT_DOUBLE_EQ(d.total(), 500 + 400 + 300 + 50 + 800 + 2000 + 1500 + 900 + 700 + 100 + 5000);
  EXPECT_EQ(d.words_with(U'张'), (std::vector<std::string>{"主张", "紧张"}));
  EXPECT_EQ(d.words_with(U'办'), (std::vector<std::string>{"办理"}));
  EXPECT_TRUE(d.words_with(U'卡').empty()) << "only two-character words describe";
}

TEST(JiebaDictionary, AFileOfTheWrongShapeIsRefusedWithItsLine) {
  for (const auto& [text, why] : std::vector<std::pair<std::string, std::string>>{
           {"社会 500 n\n保障\n", "tiny:2: expected"},
           {"社会 五百 n\n", "tiny:1: frequency"},
           {"社会 5000000000 n\n", "tiny:1: frequency"},
           {"社会 5 n x\n", "tiny:1: tag"},
           {"\xE7\xA4 5 n\n", "tiny:1: word is not UTF-8"},
           {"a\x01 5 n\n", "control character"},
           {"", "no words"},
           {"\n\n", "no words"},
           {"社会 0\n", "all frequencies are zero"},
           {std::string(300, 'a') + " 5\n", "longer than 256 bytes"},
       }) {
    const auto d = parse_jieba_dictionary(text, "tiny");
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_NE(d.error().technician.find(why), std::string::npos) << d.error().technician;
  }
}

TEST(JiebaDictionary, AFileThatIsNotADictionaryIsRefusedBeforeItIsRead) {
  const auto dir = std::filesystem::path("review_dictionary_files");
  std::filesystem::create_directories(dir);
  EXPECT_FALSE(load_jieba_dictionary((dir / "absent.txt").string()).ok());
  EXPECT_FALSE(load_jieba_dictionary(dir.string()).ok()) << "a directory";
  { std::ofstream(dir / "empty.txt"); }
  const auto empty = load_jieba_dictionary((dir / "empty.txt").string());
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().technician.find("size 0 bytes"), std::string::npos);
  // A sparse 65 MB file: refused by its size, never mapped and parsed.
  {
    std::ofstream big(dir / "big.txt");
    big.seekp(65 << 20);
    big << "x";
  }
  const auto big = load_jieba_dictionary((dir / "big.txt").string());
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.error().technician.find("is not 1 byte to 64 MB"), std::string::npos);
  { std::ofstream(dir / "tiny.txt") << kTiny; }
  const auto d = load_jieba_dictionary((dir / "tiny.txt").string());
  ASSERT_TRUE(d.ok()) << d.error().technician;
  EXPECT_EQ(d->frequency_of("主张"), 900u);
  std::filesystem::remove_all(dir);
}

TEST(Segmenter, TheMostProbableRouteThroughTheDictionary) {
  const Dictionary d = tiny();
  EXPECT_EQ(words("我要办理社会保障卡", &d),
            (std::vector<std::string>{"我", "要", "办理", "社会保障卡"}));
  EXPECT_EQ(words("办理社会保障", &d), (std::vector<std::string>{"办理", "社会保障"}));
  EXPECT_EQ(words("办不理", &d), (std::vector<std::string>{"办", "不", "理"}))
      << "characters no word covers stay single";
}

TEST(Segmenter, LatinAndDigitRunsAreOneWordSpacesNone) {
  const Dictionary d = tiny();
  EXPECT_EQ(words("办理 SH2026 号，ＡＢ１", &d),
            (std::vector<std::string>{"办理", "SH2026", "号", "，", "ＡＢ１"}));
}

TEST(Segmenter, WithoutADictionaryEveryHanziIsAWord) {
  EXPECT_EQ(words("办理AB卡", nullptr), (std::vector<std::string>{"办", "理", "AB", "卡"}));
}

TEST(Segmenter, SentencesEndAtTheirMarksAndLineEnds) {
  EXPECT_EQ(sentences("请带身份证。照片一张！可以吗？ok? 第一；第二\n第三"),
            (std::vector<std::string>{"请带身份证。", "照片一张！", "可以吗？", "ok?", "第一；",
                                      "第二", "第三"}));
  EXPECT_EQ(sentences("他说：“好。”然后走了"),
            (std::vector<std::string>{"他说：“好。”", "然后走了"}));
  EXPECT_TRUE(sentences("  \n ").empty());
}

TEST(ReviewCursor, StartsNowhereMovesAndStopsAtTheEnds) {
  const std::vector<Span> units{{0, 2}, {3, 4}, {4, 7}};
  ReviewCursor c;
  EXPECT_EQ(c.move({}, true), std::nullopt);
  auto m = c.move(units, true);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->unit, (Span{0, 2}));
  EXPECT_FALSE(m->edge);
  m = c.move(units, false);
  EXPECT_EQ(m->unit, (Span{0, 2}));
  EXPECT_TRUE(m->edge) << "the first unit again, at the edge";
  c.move(units, true);
  m = c.move(units, true);
  EXPECT_EQ(m->unit, (Span{4, 7}));
  m = c.move(units, true);
  EXPECT_EQ(m->unit, (Span{4, 7}));
  EXPECT_TRUE(m->edge);
  c.reset();
  m = c.move(units, false);
  EXPECT_EQ(m->unit, (Span{4, 7})) << "previous from nowhere: the last (the end of an entry)";
  // Characters, then words: the word the cursor stands in is the one 'previous' leaves.
  const std::vector<Span> chars{{0, 1}, {1, 2}, {3, 4}, {4, 5}, {5, 6}, {6, 7}};
  c.reset();
  for (int i = 0; i < 5; ++i) c.move(chars, true);  // on 5
  EXPECT_EQ(c.current(units), (Span{4, 7}));
  EXPECT_EQ(c.move(units, false)->unit, (Span{3, 4}));
}

long rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// Debian's python3-jieba: the real dictionary, its cost and what it cuts.
TEST(JiebaDictionary, DebiansDictionary) {
  if (!std::filesystem::exists(kJiebaDictionaryPath)) {
    GTEST_SKIP() << "python3-jieba is not installed (" << kJiebaDictionaryPath << ")";
  }
  const long rss_before = rss_kib();
  const auto t0 = std::chrono::steady_clock::now();
  const auto d = load_jieba_dictionary(kJiebaDictionaryPath);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  ASSERT_TRUE(d.ok()) << d.error().technician;
  std::printf("jieba dictionary: %zu words, %zu KB, read in %lld ms, RSS %+ld KiB\n", d->size(),
              d->memory_bytes() / 1024, static_cast<long long>(ms), rss_kib() - rss_before);
  EXPECT_GT(d->size(), 340'000u);
  EXPECT_LT(d->memory_bytes(), 14u << 20) << "about 12 bytes a word";
  // What jieba itself gives (python3 -c "jieba.cut(text, HMM=False)", checked by hand).
  const std::vector<std::pair<std::string, std::vector<std::string>>> cuts{
      {"我要办理社会保障卡", {"我", "要", "办理", "社会保障", "卡"}},
      {"请携带本人有效身份证件原件", {"请", "携带", "本人", "有效", "身份证件", "原件"}},
      {"上海市浦东新区世纪大道100号", {"上海市浦东新区", "世纪", "大道", "100", "号"}},
      {"委托他人办理的，还需提供委托书及受托人身份证件。",
       {"委托", "他人", "办理", "的", "，", "还", "需", "提供", "委托书", "及", "受托人",
        "身份证件", "。"}},
  };
  for (const auto& [text, cut] : cuts) EXPECT_EQ(words(text, &*d), cut) << text;
  EXPECT_EQ(d->words_with(U'张'), (std::vector<std::string>{"主张", "一张"}));
  EXPECT_EQ(d->words_with(U'证'), (std::vector<std::string>{"保证", "证明"}));
}

}  // namespace
