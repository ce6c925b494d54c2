// The SPSC audio ring: silence when empty, capacity, and flush with a 5 ms fade.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <thread>
#include <vector>

#include "tts/audio_ring.hpp"

namespace {

TEST(AudioRing, PlaysSilenceWhenEmptyAndCountsItsClock) {
  tts::AudioRing ring(1024, 22050);
  std::vector<std::int16_t> out(256, 7);
  EXPECT_EQ(ring.pull(out.data(), out.size()), 0u);
  for (auto v : out) EXPECT_EQ(v, 0);
  EXPECT_EQ(ring.pulled(), 256u);
  EXPECT_EQ(ring.consumed(), 0u);
}

TEST(AudioRing, DeliversSamplesInOrderAndFillsTheRest) {
  tts::AudioRing ring(1024, 22050);
  std::vector<std::int16_t> in(100);
  for (int i = 0; i < 100; ++i) in[i] = static_cast<std::int16_t>(i + 1);
  EXPECT_EQ(ring.write(in.data(), in.size()), 100u);
  std::vector<std::int16_t> out(256);
  EXPECT_EQ(ring.pull(out.data(), out.size()), 100u);
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(out[99], 100);
  EXPECT_EQ(out[100], 0);
  EXPECT_EQ(ring.consumed(), 100u);
}

TEST(AudioRing, RefusesWhatDoesNotFit) {
  tts::AudioRing ring(1000, 22050);  // rounded up to 1024
  std::vector<std::int16_t> in(2000, 1);
  EXPECT_EQ(ring.write(in.data(), in.size()), 1024u);
  EXPECT_EQ(ring.free_space(), 0u);
}

TEST(AudioRing, FlushFadesOutThenDropsOnlyStaleAudio) {
  tts::AudioRing ring(8192, 22050);
  std::vector<std::int16_t> old_audio(4000, 10000);
  ring.write(old_audio.data(), old_audio.size());
  std::vector<std::int16_t> out(256);
  ring.pull(out.data(), out.size());  // playing the old utterance
  ring.request_flush();
  std::vector<std::int16_t> fresh(300, -5000);
  ring.write(fresh.data(), fresh.size());  // the new utterance, written after the flush
  EXPECT_EQ(ring.backlog(), 300u) << "stale audio does not count as queued";

  const std::size_t fade = ring.fade_samples();
  EXPECT_EQ(fade, 110u);  // 5 ms at 22050 Hz
  std::vector<std::int16_t> next(512);
  const std::size_t audio = ring.pull(next.data(), next.size());
  EXPECT_EQ(audio, 300u);
  // The old audio ramps down from full level to near zero (no click) under the new utterance,
  // which starts at once: what is heard is their sum, rising strictly from 10000 - 5000
  // towards -5000.
  EXPECT_GT(next[0], 4000);
  for (std::size_t i = 1; i < fade; ++i) EXPECT_LT(next[i], next[i - 1]);
  EXPECT_LT(next[fade - 1], -4800);
  // Then the new utterance alone, whole.
  for (std::size_t i = fade; i < 300; ++i) EXPECT_EQ(next[i], -5000);
  EXPECT_EQ(next[300], 0);
  EXPECT_EQ(ring.flushes_done(), 1u);
  EXPECT_EQ(ring.last_flush_at(), 256u + fade) << "the old utterance is silent after the fade";
}

// A flush with nothing new yet: the fade alone, then silence.
TEST(AudioRing, FlushWithNothingNewFadesToSilence) {
  tts::AudioRing ring(8192, 22050);
  std::vector<std::int16_t> old_audio(4000, 10000);
  ring.write(old_audio.data(), old_audio.size());
  ring.request_flush();
  std::vector<std::int16_t> next(256);
  EXPECT_EQ(ring.pull(next.data(), next.size()), ring.fade_samples());
  EXPECT_GT(next[0], 9000);
  for (std::size_t i = 1; i < ring.fade_samples(); ++i) EXPECT_LT(next[i], next[i - 1]);
  for (std::size_t i = ring.fade_samples(); i < next.size(); ++i) EXPECT_EQ(next[i], 0);
  EXPECT_EQ(ring.backlog(), 0u);
}

// Latency figures take the moment the device took a sample from the ring's own log of pulls:
// a sample not pulled yet has no moment, nor has one a flush skipped (never heard).
TEST(AudioRing, PlayedAtIsTheMomentOfThePullThatTookTheSample) {
  tts::AudioRing ring(4096, 22050);
  std::vector<std::int16_t> tone(300, 4000);
  ring.write(tone.data(), tone.size());  // stream samples 0..299
  EXPECT_FALSE(ring.played_at(0)) << "nothing pulled yet";
  std::vector<std::int16_t> out(128);
  const auto before = std::chrono::steady_clock::now().time_since_epoch().count();
  ring.pull(out.data(), out.size());  // 0..127
  const auto after = std::chrono::steady_clock::now().time_since_epoch().count();
  ASSERT_TRUE(ring.played_at(0));
  EXPECT_GE(*ring.played_at(127), before);
  EXPECT_LE(*ring.played_at(127), after);
  EXPECT_FALSE(ring.played_at(128)) << "still in the ring";
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ring.pull(out.data(), out.size());  // 128..255
  ASSERT_TRUE(ring.played_at(128));
  EXPECT_GT(*ring.played_at(128), *ring.played_at(127)) << "each pull has its own moment";
  // A flush: 256..299 are faded or skipped, then a new utterance 300..399 plays.
  ring.request_flush();
  std::vector<std::int16_t> next(100, -4000);
  ring.write(next.data(), next.size());
  ring.pull(out.data(), out.size());
  EXPECT_FALSE(ring.played_at(290)) << "skipped by the flush: never heard";
  ASSERT_TRUE(ring.played_at(300));
  EXPECT_FALSE(ring.played_at(400));
  // Older than the log of pulls: no moment rather than a wrong one.
  for (int i = 0; i < 1100; ++i) {
    ring.write(out.data(), 1);
    ring.pull(out.data(), 1);
  }
  EXPECT_FALSE(ring.played_at(0));
}

TEST(AudioRing, ConcurrentProducerAndConsumerLoseNothing) {
  tts::AudioRing ring(512, 22050);
  constexpr int kTotal = 200000;
  std::thread producer([&] {
    std::int16_t next = 0;
    int sent = 0;
    while (sent < kTotal) {
      std::int16_t block[64];
      const int n = std::min(64, kTotal - sent);
      for (int i = 0; i < n; ++i) block[i] = static_cast<std::int16_t>((next + i) % 30000 + 1);
      const auto written = static_cast<int>(ring.write(block, static_cast<std::size_t>(n)));
      next = static_cast<std::int16_t>((next + written) % 30000);
      sent += written;
      if (written < n) std::this_thread::yield();
    }
  });
  int expected = 0;
  int received = 0;
  std::vector<std::int16_t> out(100);
  while (received < kTotal) {
    const std::size_t n = ring.pull(out.data(), out.size());
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_EQ(out[i], expected % 30000 + 1);
      ++expected;
    }
    received += static_cast<int>(n);
  }
  producer.join();
}

}  // namespace
