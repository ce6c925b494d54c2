// What to say, as data, before any audio exists: an utterance is a sequence of segments,
// each in one voice at a relative rate with a pause after it, or an earcon. Built and tested
// without a synthesiser; the engine only renders it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tts {

enum class Voice : std::uint8_t { Mandarin, Cantonese, English };

enum class Earcon : std::uint8_t { None, FocusWrap, Error, PinDigit, StaffAlert, Activate };

struct SpeechSegment {
  std::string text;  // already normalised for its voice
  Voice voice = Voice::Mandarin;
  int rate_percent = 100;  // of the user's rate; spelling is slower
  int pause_after_ms = 0;
  Earcon earcon = Earcon::None;  // when set, `text` is ignored
  // Recorded audio to play as is (an audio captcha), 16-bit mono at the engine's sample rate;
  // when set, `text` is ignored.
  std::shared_ptr<const std::vector<std::int16_t>> pcm;
  friend bool operator==(const SpeechSegment&, const SpeechSegment&) = default;
};

enum class Priority : std::uint8_t {
  Interrupt,   // a key or focus change: stop everything, say this now
  Queue,       // say after what is queued (say-all, 连读)
  AlertAfter,  // say right after the current utterance, before other queued speech
  AlertNow,    // pre-empt the current utterance (timeout warnings, errors)
};

struct Utterance {
  std::vector<SpeechSegment> segments;
  Priority priority = Priority::Interrupt;
  std::uint64_t id = 0;  // chosen by the caller; reported in progress
};

// Splits text into voice runs: Latin words (WiFi, APP, PDF, GOV-FREE) go to English, the rest
// stays in `base` (Mandarin or Cantonese).
std::vector<SpeechSegment> split_by_language(const std::string& text, Voice base = Voice::Mandarin);

// Normalises Chinese text (tts/text_normalizer.hpp) and splits it into voice runs.
std::vector<SpeechSegment> chinese_speech(const std::string& text);

}  // namespace tts
