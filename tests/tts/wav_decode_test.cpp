// WAV decoding of audio captchas: good files decode, hostile headers are refused quickly
// with a reason, before any allocation sized by the header.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "tts/wav_decode.hpp"

namespace {

std::string le(std::uint32_t v, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  return out;
}

struct Header {
  std::uint16_t tag = 1;
  std::uint16_t channels = 1;
  std::uint32_t rate = 16000;
  std::uint16_t bits = 16;
  std::uint16_t block_align = 2;
  std::uint32_t data_size_field = 0xFFFFFFFF;  // 0xFFFFFFFF: the real size
};

std::string wav(const Header& h, const std::string& pcm) {
  const std::uint32_t data_size =
      h.data_size_field == 0xFFFFFFFF ? static_cast<std::uint32_t>(pcm.size()) : h.data_size_field;
  return "RIFF" + le(36 + data_size, 4) + "WAVEfmt " + le(16, 4) + le(h.tag, 2) +
         le(h.channels, 2) + le(h.rate, 4) + le(h.rate * h.block_align, 4) + le(h.block_align, 2) +
         le(h.bits, 2) + "data" + le(data_size, 4) + pcm;
}

// Decodes and prints how long it took (speed goals live in the benchmarks, not here).
bool decode(const std::string& bytes, std::vector<std::int16_t>& out, std::string& error,
            int rate = 22050) {
  const auto start = std::chrono::steady_clock::now();
  const bool ok = tts::decode_wav(bytes, rate, out, error);
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  std::printf("  %zu bytes -> %s in %lld us%s%s\n", bytes.size(), ok ? "ok" : "refused",
              static_cast<long long>(us), ok ? "" : ": ", ok ? "" : error.c_str());
  return ok;
}

TEST(WavDecode, SixteenBitMonoAtTheSameRateIsCopied) {
  std::string pcm;
  for (int i = 0; i < 100; ++i) pcm += le(static_cast<std::uint16_t>(i * 100 - 5000), 2);
  std::vector<std::int16_t> out;
  std::string error;
  ASSERT_TRUE(decode(wav({}, pcm), out, error, 16000)) << error;
  ASSERT_EQ(out.size(), 100u);
  EXPECT_EQ(out[0], -5000);
  EXPECT_EQ(out[99], 4900);
}

TEST(WavDecode, EightBitStereoIsMixedAndResampled) {
  Header h;
  h.channels = 2;
  h.bits = 8;
  h.block_align = 2;
  h.rate = 8000;
  std::string pcm;
  for (int i = 0; i < 8000; ++i) pcm += std::string{char(0xC0), char(0xC0)};  // +64 both
  std::vector<std::int16_t> out;
  std::string error;
  ASSERT_TRUE(decode(wav(h, pcm), out, error, 16000)) << error;
  EXPECT_EQ(out.size(), 16000u);
  EXPECT_EQ(out[0], 64 * 256);
  EXPECT_EQ(out.back(), 64 * 256);
}

TEST(WavDecode, DownsamplingKeepsTheDuration) {
  Header h;
  h.rate = 48000;
  const std::string pcm(48000 * 2, '\0');  // one second of silence
  std::vector<std::int16_t> out;
  std::string error;
  ASSERT_TRUE(decode(wav(h, pcm), out, error, 22050)) << error;
  EXPECT_EQ(out.size(), 22050u);
}

// The reproducer: a 1 Hz header made a 5 KB file take 1 GB and 19 s.
TEST(WavDecode, OneHertzIsRefused) {
  for (std::size_t size : {5u * 1024, 20u * 1024, 1024u * 1024}) {
    Header h;
    h.rate = 1;
    h.block_align = 2;
    std::vector<std::int16_t> out;
    std::string error;
    EXPECT_FALSE(decode(wav(h, std::string(size, '\x10')), out, error));
    EXPECT_NE(error.find("sample rate 1 Hz"), std::string::npos) << error;
    EXPECT_TRUE(out.empty());
  }
}

TEST(WavDecode, RatesOutsideTheSupportedRangeAreRefused) {
  for (std::uint32_t rate : {7999u, 48001u, 192000u, 0xFFFFFFFFu}) {
    Header h;
    h.rate = rate;
    std::vector<std::int16_t> out;
    std::string error;
    EXPECT_FALSE(decode(wav(h, std::string(4000, '\0')), out, error)) << rate;
    EXPECT_NE(error.find("sample rate"), std::string::npos) << error;
  }
  std::vector<std::int16_t> out;
  std::string error;
  EXPECT_FALSE(decode(wav({}, std::string(4000, '\0')), out, error, 1)) << "output rate 1 Hz";
}

TEST(WavDecode, ZeroOrManyChannelsAreRefused) {
  for (int channels : {0, 3, 65535}) {
    Header h;
    h.channels = static_cast<std::uint16_t>(channels);
    h.block_align = static_cast<std::uint16_t>(channels * 2);
    std::vector<std::int16_t> out;
    std::string error;
    EXPECT_FALSE(decode(wav(h, std::string(4000, '\0')), out, error));
    EXPECT_NE(error.find("channels"), std::string::npos) << error;
  }
}

TEST(WavDecode, HugeDataSizeFieldIsRefused) {
  Header h;
  h.data_size_field = 0xFFFFFFF0;
  std::vector<std::int16_t> out;
  std::string error;
  EXPECT_FALSE(decode(wav(h, std::string(4000, '\0')), out, error));
  EXPECT_NE(error.find("truncated"), std::string::npos) << error;
}

TEST(WavDecode, TruncatedDataIsRefused) {
  Header h;
  h.data_size_field = 8000;
  std::vector<std::int16_t> out;
  std::string error;
  EXPECT_FALSE(decode(wav(h, std::string(4000, '\0')), out, error));
  EXPECT_NE(error.find("truncated"), std::string::npos) << error;
  // Cut inside the header.
  const std::string whole = wav({}, std::string(4000, '\0'));
  for (std::size_t cut : {0u, 4u, 11u, 12u, 20u, 35u, 36u, 43u}) {
    EXPECT_FALSE(decode(whole.substr(0, cut), out, error)) << cut;
    EXPECT_FALSE(error.empty());
  }
}

TEST(WavDecode, OddBlockAlignIsRefused) {
  for (int align : {0, 1, 3, 7}) {
    Header h;
    h.block_align = static_cast<std::uint16_t>(align);
    std::vector<std::int16_t> out;
    std::string error;
    EXPECT_FALSE(decode(wav(h, std::string(4000, '\0')), out, error));
    EXPECT_NE(error.find("block align"), std::string::npos) << error;
  }
}

TEST(WavDecode, OtherEncodingsAndSampleSizesAreRefused) {
  Header f;
  f.tag = 3;  // IEEE float
  f.bits = 32;
  f.block_align = 4;
  Header b24;
  b24.bits = 24;
  b24.block_align = 3;
  for (const Header& h : {f, b24}) {
    std::vector<std::int16_t> out;
    std::string error;
    EXPECT_FALSE(decode(wav(h, std::string(3000, '\0')), out, error));
    EXPECT_FALSE(error.empty());
  }
}

TEST(WavDecode, TooLongOrTooLargeIsRefused) {
  Header h;
  h.rate = 8000;
  h.bits = 8;
  h.block_align = 1;
  std::vector<std::int16_t> out;
  std::string error;
  EXPECT_FALSE(decode(wav(h, std::string(8000 * 61, '\x80')), out, error));
  EXPECT_NE(error.find("longer than 60 s"), std::string::npos) << error;
  EXPECT_TRUE(decode(wav(h, std::string(8000 * 60, '\x80')), out, error)) << error;
  EXPECT_FALSE(decode(std::string(9 * 1024 * 1024, 'x'), out, error));
  EXPECT_NE(error.find("larger than"), std::string::npos) << error;
}

TEST(WavDecode, NotAWavFile) {
  std::vector<std::int16_t> out;
  std::string error;
  EXPECT_FALSE(decode("<html>404</html>", out, error));
  EXPECT_NE(error.find("not a WAV"), std::string::npos) << error;
  // A RIFF with no fmt chunk, and a data chunk before fmt.
  EXPECT_FALSE(decode("RIFF" + le(4, 4) + "WAVE", out, error));
  EXPECT_FALSE(decode("RIFF" + le(12, 4) + "WAVEdata" + le(0, 4), out, error));
}

TEST(WavDecode, UnknownChunksAreSkipped) {
  const std::string pcm(200, '\0');
  std::string bytes = wav({}, pcm);
  // A LIST chunk of odd size (padded) between fmt and data.
  bytes.insert(36, "LIST" + le(3, 4) + "abc" + std::string(1, '\0'));
  std::vector<std::int16_t> out;
  std::string error;
  ASSERT_TRUE(decode(bytes, out, error, 16000)) << error;
  EXPECT_EQ(out.size(), 100u);
}

}  // namespace
