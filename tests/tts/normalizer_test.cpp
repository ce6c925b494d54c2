// Chinese text normalisation, rule by rule.
#include <gtest/gtest.h>

#include "tts/speech.hpp"
#include "tts/text_normalizer.hpp"
#include "tts/utf8.hpp"

namespace {

struct Case {
  const char* input;
  const char* expected;
};

class Normalizer : public ::testing::TestWithParam<Case> {};

TEST_P(Normalizer, ReadsAsACounterClerkWould) {
  EXPECT_EQ(tts::normalize_chinese(GetParam().input), GetParam().expected) << GetParam().input;
}

// Shared with the eSpeak phoneme check (normalizer_espeak_test.cpp) through this table.
INSTANTIATE_TEST_SUITE_P(
    Rules, Normalizer,
    ::testing::Values(
        // ID numbers, digit by digit, the check character X as 叉
        Case{"身份证号31010119900101123X", "身份证号三一零一零一一九九零零一零一一二三叉"},
        Case{"310101199001011234", "三一零一零一一九九零零一零一一二三四"},
        // phone numbers, hotlines, card numbers, codes
        Case{"手机13812345678", "手机一三八一二三四五六七八"}, Case{"热线12345", "热线一二三四五"},
        Case{"电话021-62345678", "电话零二一，六二三四五六七八"},
        Case{"卡号6222020200112233445", "卡号六二二二零二零二零零一一二二三三四四五"},
        Case{"验证码8306", "验证码八三零六"},
        // house numbers and rooms, quantities
        Case{"1203室", "一二零三室"}, Case{"3号窗口", "三号窗口"}, Case{"第12部分", "第十二部分"},
        Case{"共1500份", "共一千五百份"}, Case{"10个", "十个"}, Case{"2005元", "二千零五元"},
        // years, dates, times
        Case{"2026年", "二零二六年"}, Case{"2026年11月25日", "二零二六年十一月二十五日"},
        Case{"2026-11-05", "二零二六年十一月五日"}, Case{"14:30", "十四点三十分"},
        Case{"9:05", "九点零五分"}, Case{"9:00", "九点"}, Case{"9:00—17:00", "九点至十七点"},
        // decimals, percentages, money, ranges
        Case{"3.14", "三点一四"}, Case{"12.5%", "百分之十二点五"}, Case{"100%", "百分之一百"},
        Case{"¥12.50", "十二元五角"}, Case{"12.05元", "十二元零五分"}, Case{"¥0.50", "五角"},
        Case{"￥200", "二百元"}, Case{"3-5个工作日", "三至五个工作日"},
        // masked values
        Case{"3101**********1234", "三一零一，中间十位已隐藏，一二三四"},
        Case{"138****5678", "一三八，中间四位已隐藏，五六七八"}, Case{"张*", "张，后一个字已隐藏"},
        // letter and digit codes are spelled; the letters stay Latin for the English voice
        Case{"A7K3", "A 七 K 三"},
        // text without numbers is untouched
        Case{"请携带身份证。", "请携带身份证。"}));

TEST(Normalizer, YaoForOneWhenTheBoardChoosesIt) {
  tts::NormalizerOptions o;
  o.yao_for_one = true;
  EXPECT_EQ(tts::normalize_chinese("热线12345", o), "热线幺二三四五");
  EXPECT_EQ(tts::normalize_chinese("10个", o), "十个") << "cardinals keep 一/十";
}

TEST(Normalizer, Cardinals) {
  EXPECT_EQ(tts::read_cardinal(0), "零");
  EXPECT_EQ(tts::read_cardinal(10), "十");
  EXPECT_EQ(tts::read_cardinal(19), "十九");
  EXPECT_EQ(tts::read_cardinal(110), "一百一十");
  EXPECT_EQ(tts::read_cardinal(1005), "一千零五");
  EXPECT_EQ(tts::read_cardinal(1050), "一千零五十");
  EXPECT_EQ(tts::read_cardinal(10000), "一万");
  EXPECT_EQ(tts::read_cardinal(10086), "一万零八十六");
  EXPECT_EQ(tts::read_cardinal(12345678), "一千二百三十四万五千六百七十八");
}

TEST(Normalizer, BrokenInputNeverThrows) {
  EXPECT_NO_THROW(tts::normalize_chinese(std::string("\xFF\xFE") + "12:" + "\xE4"));
  EXPECT_NO_THROW(tts::normalize_chinese("99:99 2026-13-45 ¥ % ***"));
  // 25:00 is not a time of day: the numbers are read as numbers.
  EXPECT_EQ(tts::normalize_chinese("25:00"), "二十五:零");
}

TEST(LanguageRuns, LatinWordsGoToTheEnglishVoice) {
  const auto runs = tts::chinese_speech("连接Wi-Fi后打开APP，下载PDF。");
  ASSERT_EQ(runs.size(), 7u);
  EXPECT_EQ(runs[0].text, "连接");
  EXPECT_EQ(runs[1].text, "Wi-Fi");
  EXPECT_EQ(runs[1].voice, tts::Voice::English);
  EXPECT_EQ(runs[2].voice, tts::Voice::Mandarin);
  EXPECT_EQ(runs[3].text, "APP");
  EXPECT_EQ(runs[5].text, "PDF");
  EXPECT_EQ(runs[6].text, "。");
}

TEST(LanguageRuns, DigitsAreNormalisedBeforeSplitting) {
  const auto runs = tts::chinese_speech("下载PDF文件12个");
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[1].text, "PDF");
  EXPECT_EQ(runs.back().text, "文件十二个");
}

// Found by fuzz_speech_text: a 4-byte sequence above U+10FFFF (F4 BE BE BE), a UTF-16
// surrogate (ED A0 80) or an overlong form (C0 AF) was decoded as a code point and re-encoded,
// handing eSpeak bytes that are not UTF-8. Each broken byte is now read as U+FFFD.
TEST(NormalizerInput, BrokenUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(tts::decode_utf8("\xF4\xBE\xBE\xBE"), std::u32string(4, U'\uFFFD'));
  EXPECT_EQ(tts::decode_utf8("\xED\xA0\x80"), std::u32string(3, U'\uFFFD'));
  EXPECT_EQ(tts::decode_utf8("\xC0\xAF"), std::u32string(2, U'\uFFFD'));
  EXPECT_EQ(tts::decode_utf8("\xF4\x8F\xBF\xBF"), std::u32string(1, U'\U0010FFFF'));
  EXPECT_EQ(tts::decode_utf8("\xE5\xBC\xA0"), U"张");
  EXPECT_EQ(tts::normalize_chinese("\x11;\xBE\xF4\xBE\xBE\xBE;"),
            "\x11;\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD;");
}

}  // namespace
