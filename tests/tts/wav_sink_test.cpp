// WAV sinks: the explicit file keeps everything (and its header never wraps); the fallback
// file used when the audio device failed is bounded to the most recent audio, is a valid WAV
// whenever it is read, is private to the kiosk's user and is gone when the sink closes.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tts/audio_ring.hpp"
#include "tts/audio_sink.hpp"

namespace {

namespace fs = std::filesystem;
constexpr int kRate = 22050;

std::uint32_t le32(const std::string& b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}

// The file in one read(2), as a player opening it while the sink writes would see it.
std::string read_all(const fs::path& p) {
  std::string out(4 << 20, '\0');
  const int fd = open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  const ssize_t n = read(fd, out.data(), out.size());
  close(fd);
  out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return out;
}

std::vector<std::int16_t> samples_of(const std::string& wav) {
  std::vector<std::int16_t> out;
  const std::size_t data = std::min<std::size_t>(le32(wav, 40), wav.size() - 44);
  for (std::size_t i = 44; i + 1 < 44 + data; i += 2)
    out.push_back(static_cast<std::int16_t>(static_cast<unsigned char>(wav[i]) |
                                            static_cast<unsigned char>(wav[i + 1]) << 8));
  return out;
}

class WavSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir_template[] = "/tmp/wav-sink-XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
};

TEST(WavHeader, DescribesSixteenBitMonoPcm) {
  const auto h = tts::wav_header(1000, kRate);
  const std::string b(h.begin(), h.end());
  EXPECT_EQ(b.substr(0, 4), "RIFF");
  EXPECT_EQ(le32(b, 4), 36u + 2000u);
  EXPECT_EQ(b.substr(8, 8), "WAVEfmt ");
  EXPECT_EQ(le32(b, 24), static_cast<std::uint32_t>(kRate));
  EXPECT_EQ(le32(b, 28), static_cast<std::uint32_t>(kRate) * 2);
  EXPECT_EQ(b.substr(36, 4), "data");
  EXPECT_EQ(le32(b, 40), 2000u);
}

TEST(WavHeader, SizesStopAtTheLargestThatFitsInsteadOfWrapping) {
  // Past 27 h of 22050 Hz mono (4.29 GB) the 32-bit fields would wrap to a tiny size.
  for (std::uint64_t samples : {std::uint64_t{2147483630}, std::uint64_t{2147483648},
                                std::uint64_t{28} * 3600 * kRate, std::uint64_t{1} << 40}) {
    const auto h = tts::wav_header(samples, kRate);
    const std::string b(h.begin(), h.end());
    EXPECT_EQ(le32(b, 40), 0xFFFFFFDAu) << samples;  // even, and 36 more still fit
    EXPECT_EQ(le32(b, 4), 0xFFFFFFFEu) << samples;
  }
  const auto h = tts::wav_header(2147483629, kRate);  // the last size that is exact
  EXPECT_EQ(le32(std::string(h.begin(), h.end()), 40), 0xFFFFFFDAu);
}

TEST_F(WavSinkTest, AnExplicitFileKeepsEverything) {
  tts::AudioRing ring(1 << 16, kRate);
  const fs::path path = dir_ / "explicit.wav";
  std::vector<std::int16_t> speech(40000);
  for (std::size_t i = 0; i < speech.size(); ++i) speech[i] = static_cast<std::int16_t>(i % 1000);
  {
    auto sink = tts::open_wav_sink(ring, path.string(), tts::Pacing::Drain);
    ASSERT_TRUE(sink.sink) << sink.error;
    ASSERT_EQ(ring.write(speech.data(), speech.size()), speech.size());
    while (ring.backlog() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(fs::exists(path)) << "an explicit --wav file stays";
  const std::string wav = read_all(path);
  EXPECT_EQ(le32(wav, 40), speech.size() * 2);
  EXPECT_EQ(samples_of(wav), speech);
}

TEST_F(WavSinkTest, TheFallbackFileIsBoundedValidAtEveryMomentAndPrivate) {
  tts::AudioRing ring(1 << 16, kRate);
  const fs::path path = dir_ / "speech.wav";
  std::ofstream(path) << "an old file of another run";
  chmod(path.c_str(), 0644);
  const auto keep = std::chrono::milliseconds(300);
  const std::uint64_t cap_bytes = 300u * kRate / 1000 * 2;
  auto sink = tts::open_fallback_wav_sink(ring, path.string(), keep);
  ASSERT_TRUE(sink.sink) << sink.error;
  EXPECT_NE(sink.sink->describe().find("speech.wav"), std::string::npos);

  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u) << "spoken personal data: owner only";

  // Speech now and then, silence between; the file is read while it is written.
  std::vector<std::int16_t> words(2000, 1000);
  std::uint64_t largest = 0;
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
  for (int round = 0; std::chrono::steady_clock::now() < until; ++round) {
    if (round % 10 == 0) ring.write(words.data(), words.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const std::string wav = read_all(path);
    ASSERT_GE(wav.size(), 44u);
    ASSERT_EQ(wav.substr(0, 4), "RIFF");
    ASSERT_EQ(wav.substr(36, 4), "data");
    const std::uint32_t data = le32(wav, 40);
    EXPECT_EQ(le32(wav, 4), data + 36);
    EXPECT_EQ(data % 2, 0u);
    EXPECT_LE(data, wav.size() - 44) << "the header never claims more than the file holds";
    EXPECT_LE(data, cap_bytes);
    EXPECT_LE(wav.size(), 44 + cap_bytes + 2 * tts::kPeriodSamples);
    largest = std::max<std::uint64_t>(largest, data);
  }
  EXPECT_GE(largest, cap_bytes * 3 / 4) << "the file filled up to its bound";

  // The newest audio is at the end of the file, in order: a marker, then silence.
  std::vector<std::int16_t> marker(1500);
  for (std::size_t i = 0; i < marker.size(); ++i) marker[i] = static_cast<std::int16_t>(i + 1);
  ring.write(marker.data(), marker.size());
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  const auto samples = samples_of(read_all(path));
  std::size_t at = 0;
  while (at < samples.size() && samples[at] != 1) ++at;
  ASSERT_LT(at + marker.size(), samples.size()) << "the marker was written";
  EXPECT_TRUE(std::equal(marker.begin(), marker.end(), samples.begin() + at));
  for (std::size_t i = at + marker.size(); i < samples.size(); ++i) ASSERT_EQ(samples[i], 0);

  sink.sink.reset();
  EXPECT_FALSE(fs::exists(path)) << "the fallback file is deleted when the sink closes";
}

TEST_F(WavSinkTest, OldSpeechLeavesTheFallbackFileWithinItsBound) {
  tts::AudioRing ring(1 << 16, kRate);
  const fs::path path = dir_ / "speech.wav";
  auto sink = tts::open_fallback_wav_sink(ring, path.string(), std::chrono::milliseconds(200));
  ASSERT_TRUE(sink.sink) << sink.error;
  std::vector<std::int16_t> said(3000, 4321);
  ring.write(said.data(), said.size());
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  auto samples = samples_of(read_all(path));
  EXPECT_NE(std::find(samples.begin(), samples.end(), 4321), samples.end());
  // Silence for longer than the bound: what was said is gone from the file.
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  samples = samples_of(read_all(path));
  EXPECT_FALSE(samples.empty());
  EXPECT_EQ(std::find(samples.begin(), samples.end(), 4321), samples.end());
  EXPECT_EQ(read_all(path).find("\xe1\x10"), std::string::npos);  // 4321 little-endian
}

TEST_F(WavSinkTest, AFallbackPathThatCannotBeWrittenIsAnError) {
  tts::AudioRing ring(1024, kRate);
  auto sink = tts::open_fallback_wav_sink(ring, (dir_ / "missing" / "speech.wav").string());
  EXPECT_FALSE(sink.sink);
  EXPECT_NE(sink.error.find("cannot write"), std::string::npos) << sink.error;
}

}  // namespace
