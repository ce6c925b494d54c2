// Lock-free single-producer single-consumer ring of 16-bit mono samples between the speech
// thread (producer) and the audio callback (consumer).
//
// Interruption: the producer marks everything written so far as stale (request_flush); the
// consumer, at its next pull, fades the next 5 ms of stale audio to zero and skips the rest,
// so the old utterance stops within one audio chunk, without a click, and nothing written
// after the flush point is lost. The new audio starts under that fade (a cross-fade), at the
// start of the pull, not after the fade.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

namespace tts {

class AudioRing {
 public:
  // `capacity` is rounded up to a power of two.
  AudioRing(std::size_t capacity, int sample_rate);

  int sample_rate() const { return sample_rate_; }

  // Producer side.
  std::size_t free_space() const;
  std::size_t write(const std::int16_t* samples, std::size_t count);  // returns count written
  // Marks everything written so far as stale. Safe from any thread: the interrupting thread
  // calls it at once, the producer again when it has stopped writing the old utterance.
  void request_flush();
  std::uint64_t written() const { return write_.load(std::memory_order_acquire); }
  // Audio still to be played, not counting what a pending flush will drop.
  std::uint64_t backlog() const;

  // Consumer side: fills `out` completely; where no audio is queued it plays silence.
  // Returns how many of the samples were audio (the rest is silence).
  std::size_t pull(std::int16_t* out, std::size_t count);
  // Stream position of the next sample the consumer will play.
  std::uint64_t consumed() const { return read_.load(std::memory_order_acquire); }
  // Samples the consumer has output, silence included: its clock.
  std::uint64_t pulled() const { return pulled_.load(std::memory_order_acquire); }
  // How many flushes the consumer has carried out, and at which of its clock samples the
  // latest one took effect (for measuring interruption).
  std::uint64_t flushes_done() const { return flushes_done_.load(std::memory_order_acquire); }
  std::uint64_t last_flush_at() const { return last_flush_at_.load(std::memory_order_acquire); }

  std::size_t fade_samples() const { return fade_samples_; }

  // When the consumer played stream sample `index` (std::chrono::steady_clock nanoseconds at
  // the pull that took it), from a log of its recent pulls (the last 1024: ~6 s at 128-sample
  // periods). nullopt while not played yet, when a flush skipped it, or when it is older than
  // the log. Latency figures read the device's own moment here instead of watching consumed()
  // from a thread that may itself wait for a core.
  std::optional<std::int64_t> played_at(std::uint64_t index) const;

 private:
  std::unique_ptr<std::int16_t[]> buffer_;
  std::size_t mask_;
  int sample_rate_;
  std::size_t fade_samples_;
  alignas(64) std::atomic<std::uint64_t> write_{0};
  alignas(64) std::atomic<std::uint64_t> read_{0};
  alignas(64) std::atomic<std::uint64_t> flush_to_{0};
  std::atomic<std::uint64_t> pulled_{0};
  std::atomic<std::uint64_t> flushes_requested_{0};
  std::atomic<std::uint64_t> flushes_done_{0};
  std::atomic<std::uint64_t> last_flush_at_{0};

  // One pull: stream samples [from, to) played at full level, at `ns`. A sequence lock per
  // record (odd while the consumer writes it) lets any thread read the log without a mutex.
  struct PullRecord {
    std::atomic<std::uint64_t> seq{0};
    std::atomic<std::uint64_t> from{0};
    std::atomic<std::uint64_t> to{0};
    std::atomic<std::int64_t> ns{0};
  };
  static constexpr std::size_t kPullLog = 1024;
  void log_pull(std::uint64_t from, std::uint64_t to);
  std::array<PullRecord, kPullLog> pull_log_;
  std::atomic<std::uint64_t> pulls_logged_{0};
};

}  // namespace tts
