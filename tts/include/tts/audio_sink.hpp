// Where speech audio goes: the SDL audio device, or a WAV file (tests, headless `make run`).
// Both pull from the AudioRing in small periods (128 samples at 22050 Hz = 5.8 ms) and keep
// pulling silence when nothing is queued, so speech onsets are never clipped by a device
// that has to wake up.
#pragma once

#include <SDL.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "tts/audio_ring.hpp"

namespace tts {

// A key's speech waits for the device's next pull: half of this on average, all of it at worst
// (256 samples made the key -> audible tail 12 ms longer than the 15 ms the kiosk allows). A
// driver may still give more (SDL reports it; the health report's speech detail says so).
inline constexpr int kPeriodSamples = 128;

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

// Writes 16-bit mono WAV and keeps everything (an explicit --wav file: tests, developers). The
// header is completed when the sink is destroyed; past 4 GiB (27 h at 22050 Hz) its sizes stay
// at the largest a WAV header holds instead of wrapping.
SinkOpenResult open_wav_sink(AudioRing& ring, const std::string& path, Pacing pacing);

// How much speech a fallback file keeps.
inline constexpr std::chrono::milliseconds kFallbackWavKeep{60'000};

// Speech into a file because the audio device failed: paced in real time like a device, but
// bounded. The file (created 0600) holds only the most recent audio, at most `keep` of it:
// when it is full its oldest quarter is dropped (the rest moved to the front), so it holds
// between 3/4 of `keep` and `keep`, in order. Its header is updated with every period, so the
// file is a valid WAV whenever it is read. When the sink closes the file is overwritten with
// zeros and deleted: what was said does not outlive the kiosk's run.
SinkOpenResult open_fallback_wav_sink(AudioRing& ring, const std::string& path,
                                      std::chrono::milliseconds keep = kFallbackWavKeep);

// The 44-byte header of a 16-bit mono PCM WAV holding `samples` samples; sizes that do not fit
// in 32 bits are held at the largest that do.
std::array<std::uint8_t, 44> wav_header(std::uint64_t samples, int sample_rate);

}  // namespace tts
