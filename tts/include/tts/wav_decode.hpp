// Decodes a WAV file (an audio captcha a page links to) into 16-bit mono samples at the
// speech engine's rate. The file comes from a web server and is not trusted: the RIFF header
// is parsed and checked here (PCM, 8 or 16 bits, 1 or 2 channels, 8-48 kHz, a consistent
// block align, the data really present, a bounded duration) and the output size is computed
// and checked before anything is allocated. Broken or hostile files are refused with a reason.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tts {

struct WavLimits {
  std::size_t max_bytes = 8 * 1024 * 1024;  // the whole file
  int min_rate = 8000;                      // Hz, for the file and for the requested output
  int max_rate = 48000;
  int max_seconds = 60;  // of audio, in the file and in the output
};

// On success `out` holds the samples (mono, signed 16-bit, at `sample_rate`); on failure `out`
// is left empty and `error` says why, for technicians.
bool decode_wav(std::string_view bytes, int sample_rate, std::vector<std::int16_t>& out,
                std::string& error, const WavLimits& limits = {});

}  // namespace tts
