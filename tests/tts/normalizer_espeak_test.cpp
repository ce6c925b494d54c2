// The normaliser's output checked against eSpeak NG's own reading (espeak_TextToPhonemes):
// each hanzi must come out as exactly one Mandarin syllable, with no switch to the English
// voice. Raw digits fail this check (12345 is read as 一万二千三百四十五), so it can fail.
#include <espeak-ng/speak_lib.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "tts/text_normalizer.hpp"
#include "tts/voices.hpp"

namespace {

class Espeak : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_GT(espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, 0), 0);
    tts::LibraryVersion v;
    ASSERT_TRUE(tts::parse_espeak_version(espeak_Info(nullptr), v));
    voice_ = tts::espeak_voice_name(tts::Voice::Mandarin, v);
    ASSERT_EQ(espeak_SetVoiceByName(voice_.c_str()), EE_OK) << voice_;
  }
  static void TearDownTestSuite() { espeak_Terminate(); }

  static std::string phonemes(const std::string& text) {
    std::string out;
    const void* p = text.c_str();
    while (p != nullptr) {
      const char* ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8, 0);
      if (ph != nullptr) out += std::string(ph) + " ";
    }
    return out;
  }
  // Mandarin syllables carry a tone contour written as digits (55, 35, 214, 51, 21 ...).
  static int syllables(const std::string& ph) {
    static const std::regex tone("[1-5]{2,3}");
    return static_cast<int>(
        std::distance(std::sregex_iterator(ph.begin(), ph.end(), tone), std::sregex_iterator()));
  }
  static int hanzi(const std::string& s) {
    int n = 0;
    for (std::size_t i = 0; i < s.size();) {
      const auto c = static_cast<unsigned char>(s[i]);
      if ((c >> 4) == 14) {
        const char32_t cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
        n += cp >= 0x4E00 && cp <= 0x9FFF;
        i += 3;
      } else {
        i += c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : 4;
      }
    }
    return n;
  }
  static inline std::string voice_;
};

const char* const kInputs[] = {
    "身份证号31010119900101123X",
    "手机13812345678",
    "热线12345",
    "电话021-62345678",
    "1203室",
    "3号窗口",
    "共1500份",
    "2026年11月25日",
    "2026-11-05",
    "14:30",
    "9:05",
    "9:00—17:00",
    "3.14",
    "12.5%",
    "¥12.50",
    "12.05元",
    "3-5个工作日",
    "3101**********1234",
    "138****5678",
};

TEST_F(Espeak, EveryNormalisedHanziIsOneSyllable) {
  for (const char* input : kInputs) {
    const std::string spoken = tts::normalize_chinese(input);
    const std::string ph = phonemes(spoken);
    EXPECT_EQ(ph.find("(en)"), std::string::npos) << input << " -> " << spoken << " -> " << ph;
    EXPECT_EQ(syllables(ph), hanzi(spoken)) << input << " -> " << spoken << " -> " << ph;
  }
}

TEST_F(Espeak, RawDigitsWouldBeMisread) {
  // The check is sharp: without normalisation eSpeak reads these wrongly.
  EXPECT_NE(syllables(phonemes("热线12345")), 2 + 5);
  EXPECT_NE(syllables(phonemes("2026年")), 4 + 1);
  EXPECT_NE(syllables(phonemes("3.14")), 4) << phonemes("3.14");
}

TEST_F(Espeak, TheChosenVoiceReadsHanziNotPinyinAsEnglish) {
  const std::string ph = phonemes("张三办理社保卡");
  EXPECT_EQ(ph.find("(en)"), std::string::npos) << voice_ << ": " << ph;
  EXPECT_EQ(syllables(ph), 7) << ph;
}

}  // namespace
