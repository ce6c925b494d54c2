// Where speech audio goes: the SDL audio device, or a WAV file (tests, headless `make run`).
// Both pull from the AudioRing in small periods (256 samples at 22050 Hz = 11.6 ms) and keep
// pulling silence when nothing is queued, so speech onsets are never clipped by a device
// that has to wake up.
#pragma once

#include <SDL.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "tts/audio_ring.hpp"

namespace tts {

inline constexpr int kPeriodSamples = 256;

class AudioSink {
 public:
  virtual ~AudioSink() = default;
  virtual std::string describe() const = 0;
};

struct SinkOpenResult {
  std::unique_ptr<AudioSink> sink;
  std::string error;
};

// Opens the default SDL audio device (whatever SDL_AUDIODRIVER selects: pulse, alsa, disk,
// dummy ...). SDL_INIT_AUDIO is initialised and quit by the sink.
SinkOpenResult open_sdl_sink(AudioRing& ring, const char* device_name = nullptr);

enum class Pacing {
  RealTime,  // one period per period of wall time: a faithful recording, silences included
  Drain,     // as fast as audio arrives, silence skipped: quick tests of what was said
};

// Writes 16-bit mono WAV. The header is completed when the sink is destroyed.
SinkOpenResult open_wav_sink(AudioRing& ring, const std::string& path, Pacing pacing);

}  // namespace tts
