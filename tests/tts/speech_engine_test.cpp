// The speech engine end to end: eSpeak NG -> ring -> WAV sink. Checks that speech is audible,
// of plausible length and unclipped, that an interrupt silences the old utterance within one
// audio chunk, that priorities order speech, and that word progress follows what is heard.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "tts/audio_sink.hpp"
#include "tts/speech_engine.hpp"

namespace {

using namespace std::chrono_literals;

tts::SpeechEngine& engine() {
  static auto created = tts::SpeechEngine::create();
  if (!created.engine) {
    ADD_FAILURE() << created.error;
    std::abort();
  }
  return *created.engine;
}

struct Wav {
  int sample_rate = 0;
  std::vector<std::int16_t> samples;
};

Wav read_wav(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Wav w;
  if (bytes.size() < 44 || std::string(bytes.data(), 4) != "RIFF") return w;
  w.sample_rate =
      static_cast<unsigned char>(bytes[24]) | (static_cast<unsigned char>(bytes[25]) << 8);
  w.samples.resize((bytes.size() - 44) / 2);
  std::memcpy(w.samples.data(), bytes.data() + 44, w.samples.size() * 2);
  return w;
}

double rms(const std::vector<std::int16_t>& s, std::size_t from, std::size_t to) {
  double sum = 0;
  for (std::size_t i = from; i < to; ++i) sum += static_cast<double>(s[i]) * s[i];
  return to > from ? std::sqrt(sum / static_cast<double>(to - from)) : 0;
}

tts::Utterance utterance(const std::string& text, std::uint64_t id,
                         tts::Priority priority = tts::Priority::Interrupt) {
  return tts::Utterance{tts::chinese_speech(text), priority, id};
}

const std::string kLong =
    "欢迎使用政务服务自助终端。本机支持大字、高对比度配色、十字光标和大字幕。请把身份证放在读卡区，"
    "或用键盘选择要办理的事项。办理社保卡需要本人到场，携带身份证原件。";

TEST(SpeechEngine, SpeaksAudiblyWithoutClippingInAPlausibleTime) {
  auto& e = engine();
  e.set_settings(tts::SpeechSettings{});
  const std::string path = "speech-plain.wav";
  {
    auto sink = tts::open_wav_sink(e.ring(), path, tts::Pacing::Drain);
    ASSERT_TRUE(sink.sink) << sink.error;
    e.speak(utterance("欢迎使用政务服务自助终端，请把身份证放在读卡区。", 1));
    e.wait_idle();
  }
  const Wav w = read_wav(path);
  EXPECT_EQ(w.sample_rate, 22050);
  const double seconds = static_cast<double>(w.samples.size()) / 22050;
  // 23 syllables at 230 words per minute: a few seconds, not a fraction, not half a minute.
  EXPECT_GT(seconds, 2.0);
  EXPECT_LT(seconds, 9.0);
  EXPECT_GT(rms(w.samples, 0, w.samples.size()), 300) << "audible";
  const auto peak = std::max_element(w.samples.begin(), w.samples.end(), [](auto a, auto b) {
    return std::abs(static_cast<int>(a)) < std::abs(static_cast<int>(b));
  });
  EXPECT_LT(std::abs(static_cast<int>(*peak)), 32767) << "clipped";
}

TEST(SpeechEngine, FasterRateIsShorter) {
  auto& e = engine();
  auto duration_at = [&](int step) {
    tts::SpeechSettings s;
    s.set_rate_step(step);
    e.set_settings(s);
    const std::string path = "speech-rate-" + std::to_string(step) + ".wav";
    {
      auto sink = tts::open_wav_sink(e.ring(), path, tts::Pacing::Drain);
      e.speak(utterance("请把身份证放在读卡区", 2));
      e.wait_idle();
    }
    return read_wav(path).samples.size();
  };
  const auto slow = duration_at(1);
  const auto fast = duration_at(6);
  e.set_settings(tts::SpeechSettings{});
  EXPECT_LT(fast * 2, slow) << "450 wpm is much shorter than 130 wpm";
}

TEST(SpeechEngine, CancelSilencesTheOldUtteranceWithinOneChunk) {
  auto& e = engine();
  e.set_settings(tts::SpeechSettings{});
  const std::string path = "speech-interrupt.wav";
  std::uint64_t requested_at = 0;
  std::uint64_t flushed_at = 0;
  // The device clock counts every sample pulled since the engine started (earlier tests in
  // this process too): this WAV's sample 0 is the clock's value when its sink opened.
  const std::uint64_t wav_start = e.ring().pulled();
  {
    auto sink = tts::open_wav_sink(e.ring(), path, tts::Pacing::RealTime);
    e.speak(utterance(kLong, 3));
    std::this_thread::sleep_for(1200ms);
    const auto flushes = e.ring().flushes_done();
    requested_at = e.ring().pulled() - wav_start;
    e.cancel();
    const auto deadline = std::chrono::steady_clock::now() + 2s;
    while (e.ring().flushes_done() == flushes && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(1ms);
    }
    flushed_at = e.ring().last_flush_at() - wav_start;
    std::this_thread::sleep_for(300ms);
  }
  const Wav w = read_wav(path);
  ASSERT_GT(w.samples.size(), flushed_at + 22050 / 10);
  EXPECT_GT(rms(w.samples, 0, static_cast<std::size_t>(requested_at)), 300)
      << "the old utterance was playing";
  // The flush took effect at the next pull: within one 256-sample chunk plus the fade.
  EXPECT_GE(flushed_at, requested_at);
  EXPECT_LE(flushed_at - requested_at, tts::kPeriodSamples + e.ring().fade_samples())
      << "interrupt latency " << (flushed_at - requested_at) << " samples";
  for (std::size_t i = flushed_at; i < w.samples.size(); ++i) {
    ASSERT_EQ(w.samples[i], 0) << "old audio after the interrupt at sample " << i;
  }
}

TEST(SpeechEngine, InterruptReplacesAndQueueFollows) {
  auto& e = engine();
  e.set_settings(tts::SpeechSettings{});
  std::vector<std::uint64_t> heard;
  {
    auto sink = tts::open_wav_sink(e.ring(), "speech-priorities.wav", tts::Pacing::RealTime);
    e.speak(utterance(kLong, 10));
    std::this_thread::sleep_for(600ms);
    e.speak(utterance("下一项", 11));                            // interrupts 10
    e.speak(utterance("社保卡办理", 12, tts::Priority::Queue));  // after 11
    const auto deadline = std::chrono::steady_clock::now() + 8s;
    while (std::chrono::steady_clock::now() < deadline) {
      const auto p = e.progress().utterance;
      if (heard.empty() || heard.back() != p) heard.push_back(p);
      if (e.idle() && e.ring().consumed() == e.ring().written()) break;
      std::this_thread::sleep_for(5ms);
    }
  }
  ASSERT_FALSE(heard.empty());
  heard.erase(std::remove(heard.begin(), heard.end(), 0u), heard.end());
  EXPECT_EQ(heard, (std::vector<std::uint64_t>{10, 11, 12}));
}

TEST(SpeechEngine, AlertAfterGoesBeforeQueuedSpeech) {
  auto& e = engine();
  e.set_settings(tts::SpeechSettings{});
  std::vector<std::uint64_t> heard;
  {
    auto sink = tts::open_wav_sink(e.ring(), "speech-alert.wav", tts::Pacing::RealTime);
    e.speak(utterance("第一项内容", 20));
    e.speak(utterance("第二项内容", 21, tts::Priority::Queue));
    // Once the first item is being heard, an alert goes right after it.
    const auto started = std::chrono::steady_clock::now() + 3s;
    while (e.progress().utterance != 20 && std::chrono::steady_clock::now() < started) {
      std::this_thread::sleep_for(1ms);
    }
    e.speak(utterance("还有一分钟将自动退出", 22, tts::Priority::AlertAfter));
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      const auto p = e.progress().utterance;
      if (p != 0 && (heard.empty() || heard.back() != p)) heard.push_back(p);
      if (e.idle() && e.ring().consumed() == e.ring().written()) break;
      std::this_thread::sleep_for(5ms);
    }
  }
  EXPECT_EQ(heard, (std::vector<std::uint64_t>{20, 22, 21}));
}

TEST(SpeechEngine, ProgressFollowsTheWordsBeingHeard) {
  auto& e = engine();
  e.set_settings(tts::SpeechSettings{});
  std::vector<std::size_t> offsets;
  {
    auto sink = tts::open_wav_sink(e.ring(), "speech-progress.wav", tts::Pacing::RealTime);
    e.speak(tts::Utterance{
        {tts::SpeechSegment{
            "请把身份证放在读卡区", tts::Voice::Mandarin, 100, 0, tts::Earcon::None, {}}},
        tts::Priority::Interrupt,
        30});
    const auto deadline = std::chrono::steady_clock::now() + 6s;
    while (std::chrono::steady_clock::now() < deadline) {
      const auto p = e.progress();
      if (p.utterance == 30) offsets.push_back(p.char_offset);
      if (e.idle() && e.ring().consumed() == e.ring().written()) break;
      std::this_thread::sleep_for(10ms);
    }
  }
  ASSERT_GT(offsets.size(), 10u);
  EXPECT_TRUE(std::is_sorted(offsets.begin(), offsets.end())) << "never moves backwards";
  EXPECT_EQ(offsets.front(), 0u);
  EXPECT_GE(offsets.back(), 8u) << "reached the last characters";
  EXPECT_LE(offsets.back(), 9u);
}

TEST(SpeechEngine, EarconsPlayAndPinDigitsAreNeverSpoken) {
  auto& e = engine();
  e.set_settings(tts::SpeechSettings{});
  const std::string path = "speech-earcon.wav";
  {
    auto sink = tts::open_wav_sink(e.ring(), path, tts::Pacing::Drain);
    tts::SpeechSegment tick;
    tick.earcon = tts::Earcon::PinDigit;
    e.speak(tts::Utterance{{tick, tick, tick, tick}, tts::Priority::Interrupt, 40});
    e.wait_idle();
  }
  const Wav w = read_wav(path);
  const double ms = static_cast<double>(w.samples.size()) * 1000 / 22050;
  EXPECT_NEAR(ms, 4 * 35, 8) << "four ticks and nothing else";
}

// What a bench times as "the first word" is an utterance that starts with words; the tick
// that acknowledges a followed link is a sound, not a word.
TEST(SpeechEngine, TheFirstSampleSaysWhetherTheUtteranceStartsWithWords) {
  auto& e = engine();
  e.set_settings(tts::SpeechSettings{});
  auto sink = tts::open_wav_sink(e.ring(), "speech-first-words.wav", tts::Pacing::Drain);
  tts::SpeechSegment tick;
  tick.earcon = tts::Earcon::Activate;
  e.speak(tts::Utterance{{tick}, tts::Priority::Interrupt, 41});
  e.wait_idle();
  auto first = e.first_sample();
  EXPECT_EQ(first.utterance, 41u);
  EXPECT_FALSE(first.words);
  EXPECT_TRUE(first.audible_index.has_value()) << "the tick is audible";
  e.speak(utterance("办理", 42));
  e.wait_idle();
  first = e.first_sample();
  EXPECT_EQ(first.utterance, 42u);
  EXPECT_TRUE(first.words);
  sink.sink.reset();
  std::filesystem::remove("speech-first-words.wav");
}

TEST(SpeechEngine, OnlyOneEnginePerProcess) {
  engine();
  auto second = tts::SpeechEngine::create();
  EXPECT_FALSE(second.engine);
  EXPECT_NE(second.error.find("one"), std::string::npos);
}

}  // namespace
