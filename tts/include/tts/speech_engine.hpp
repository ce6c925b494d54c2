// The speech engine: libespeak-ng in synchronous mode, owned by one dedicated speech thread
// (eSpeak NG is not reentrant: one engine per process). The UI posts utterances and never
// waits for speech. Every Interrupt cancels what is playing within one audio chunk.
//
// Errors do not cross this boundary as exceptions: create() reports them as text.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tts/audio_ring.hpp"
#include "tts/speech.hpp"
#include "tts/speech_settings.hpp"
#include "tts/voices.hpp"

namespace tts {

struct SpeechProgress {
  std::uint64_t utterance = 0;  // id of the utterance being heard, 0 when silent
  std::size_t segment = 0;      // which of its segments
  std::size_t char_offset = 0;  // code point offset of the word being heard in that segment
};

class SpeechEngine;

struct EngineCreateResult {
  std::unique_ptr<SpeechEngine> engine;
  std::string error;
};

class SpeechEngine {
 public:
  // Starts the speech thread and eSpeak NG on it. `ring_seconds` of audio may be queued ahead.
  static EngineCreateResult create(double ring_seconds = 2.0);
  ~SpeechEngine();
  SpeechEngine(const SpeechEngine&) = delete;
  SpeechEngine& operator=(const SpeechEngine&) = delete;

  // The ring the audio sink pulls from (eSpeak's sample rate: 22050 Hz).
  AudioRing& ring();

  void speak(Utterance utterance);
  void cancel();  // stop speaking and drop everything queued
  bool idle() const;
  void wait_idle();  // tools and tests; the UI never calls this

  SpeechProgress progress() const;
  // How long until the audio device reaches the start of `utterance`, from what is already
  // synthesised; nullopt when it is not synthesised yet (or already heard). Say-all wakes the
  // kiosk at that moment instead of polling.
  std::optional<std::chrono::milliseconds> time_until_heard(std::uint64_t utterance) const;

  // Rate, volume and pitch take effect from the next segment.
  SpeechSettings settings() const;
  void set_settings(const SpeechSettings& settings);

  // When the first sample of the latest utterance reached the ring (for latency figures).
  struct FirstSample {
    std::uint64_t utterance = 0;
    std::int64_t steady_ns = 0;      // std::chrono::steady_clock, nanoseconds since its epoch
    std::uint64_t stream_index = 0;  // ring position of that sample
    // The first sample a person can hear (|sample| >= kAudibleThreshold, after eSpeak's leading
    // silence): its ring position, or nullopt while the utterance is still silent.
    std::optional<std::uint64_t> audible_index;
    // The utterance starts with words (not an earcon or recorded audio): what a bench waits for
    // when it times "the first word" rather than "the first sound".
    bool words = false;
  };
  // 1 % of full scale (-40 dBFS): quieter than that is heard as silence in a service hall.
  static constexpr int kAudibleThreshold = 328;
  FirstSample first_sample() const;
  // The same for the latest 16 utterances, oldest first: a key may start a tick that the new
  // page's title then interrupts, and the tick may or may not have played (ring().played_at).
  std::vector<FirstSample> recent_first_samples() const;
  // When the device took the first audible sample of any of those utterances started at or
  // after `steady_ns` (its own moment, ring().played_at); `words_only`: of an utterance that
  // starts with words, not a tick. nullopt while none has been heard.
  std::optional<std::int64_t> first_heard_after(std::int64_t steady_ns,
                                                bool words_only = false) const;

  LibraryVersion library_version() const;
  std::string voice_name(Voice voice) const;

  struct Impl;

 private:
  explicit SpeechEngine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tts
