#include "tts/audio_ring.hpp"

#include <algorithm>
#include <bit>
#include <chrono>

namespace tts {

AudioRing::AudioRing(std::size_t capacity, int sample_rate)
    : buffer_(std::make_unique<std::int16_t[]>(std::bit_ceil(capacity))),
      mask_(std::bit_ceil(capacity) - 1),
      sample_rate_(sample_rate),
      fade_samples_(static_cast<std::size_t>(sample_rate / 200)) {}  // 5 ms

std::size_t AudioRing::free_space() const {
  const std::uint64_t used =
      write_.load(std::memory_order_relaxed) - read_.load(std::memory_order_acquire);
  return (mask_ + 1) - static_cast<std::size_t>(used);
}

std::size_t AudioRing::write(const std::int16_t* samples, std::size_t count) {
  const std::uint64_t w = write_.load(std::memory_order_relaxed);
  const std::size_t n = std::min(count, free_space());
  for (std::size_t i = 0; i < n; ++i) buffer_[(w + i) & mask_] = samples[i];
  write_.store(w + n, std::memory_order_release);
  return n;
}

std::uint64_t AudioRing::backlog() const {
  const std::uint64_t w = write_.load(std::memory_order_acquire);
  const std::uint64_t start =
      std::max(read_.load(std::memory_order_acquire), flush_to_.load(std::memory_order_acquire));
  return w > start ? w - start : 0;
}

void AudioRing::request_flush() {
  // May be called by the producer and by the thread that decides to interrupt: the flush
  // point only ever moves forward, so a late caller cannot resurrect stale audio.
  const std::uint64_t w = write_.load(std::memory_order_acquire);
  std::uint64_t current = flush_to_.load(std::memory_order_relaxed);
  while (current < w && !flush_to_.compare_exchange_weak(current, w, std::memory_order_acq_rel)) {
  }
  flushes_requested_.fetch_add(1, std::memory_order_release);
}

std::size_t AudioRing::pull(std::int16_t* out, std::size_t count) {
  std::uint64_t r = read_.load(std::memory_order_relaxed);
  std::size_t faded = 0;  // old audio ramping down at the start of `out`, under the new
  const std::uint64_t requested = flushes_requested_.load(std::memory_order_acquire);
  if (requested != flushes_done_.load(std::memory_order_relaxed)) {
    const std::uint64_t stale_end = flush_to_.load(std::memory_order_acquire);
    if (stale_end > r) {
      // Ramp what is playing down to zero over 5 ms instead of cutting it: no click. The new
      // utterance starts under the ramp (a cross-fade), not after it: a key's answer would
      // otherwise wait for the fade, most of a 128-sample period.
      faded =
          std::min<std::size_t>({fade_samples_, static_cast<std::size_t>(stale_end - r), count});
      for (std::size_t i = 0; i < faded; ++i) {
        const double gain = 1.0 - static_cast<double>(i + 1) / static_cast<double>(faded + 1);
        out[i] = static_cast<std::int16_t>(buffer_[(r + i) & mask_] * gain);
      }
      r = stale_end;
    }
    last_flush_at_.store(pulled_.load(std::memory_order_relaxed) + faded,
                         std::memory_order_release);
    flushes_done_.store(requested, std::memory_order_release);
  }
  const std::uint64_t w = write_.load(std::memory_order_acquire);
  const std::size_t audio = std::min<std::size_t>(count, static_cast<std::size_t>(w - r));
  for (std::size_t i = 0; i < audio; ++i) {
    const int under = i < faded ? out[i] : 0;
    out[i] = static_cast<std::int16_t>(
        std::clamp(static_cast<int>(buffer_[(r + i) & mask_]) + under, -32768, 32767));
  }
  const std::size_t sound = std::max(audio, faded);
  std::fill(out + sound, out + count, std::int16_t{0});
  read_.store(r + audio, std::memory_order_release);
  pulled_.fetch_add(count, std::memory_order_release);
  if (audio > 0) log_pull(r, r + audio);
  return sound;
}

void AudioRing::log_pull(std::uint64_t from, std::uint64_t to) {
  const std::uint64_t n = pulls_logged_.load(std::memory_order_relaxed);
  PullRecord& rec = pull_log_[n % kPullLog];
  rec.seq.store(2 * n + 1, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_release);
  rec.from.store(from, std::memory_order_relaxed);
  rec.to.store(to, std::memory_order_relaxed);
  rec.ns.store(std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
                   .count(),
               std::memory_order_relaxed);
  rec.seq.store(2 * n + 2, std::memory_order_release);
  pulls_logged_.store(n + 1, std::memory_order_release);
}

std::optional<std::int64_t> AudioRing::played_at(std::uint64_t index) const {
  const std::uint64_t count = pulls_logged_.load(std::memory_order_acquire);
  const std::uint64_t oldest = count > kPullLog ? count - kPullLog : 0;
  // Newest first: stream positions only grow from pull to pull (a flush skips forward).
  for (std::uint64_t k = count; k-- > oldest;) {
    const PullRecord& rec = pull_log_[k % kPullLog];
    const std::uint64_t seq = rec.seq.load(std::memory_order_acquire);
    if (seq != 2 * k + 2) return std::nullopt;  // overwritten meanwhile: older than the log
    const std::uint64_t from = rec.from.load(std::memory_order_relaxed);
    const std::uint64_t to = rec.to.load(std::memory_order_relaxed);
    const std::int64_t ns = rec.ns.load(std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_acquire);
    if (rec.seq.load(std::memory_order_relaxed) != seq) return std::nullopt;
    if (index >= to) return std::nullopt;  // not played yet (or skipped after this pull)
    if (index >= from) return ns;
  }
  return std::nullopt;
}

}  // namespace tts
