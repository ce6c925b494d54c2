// libFuzzer target: any bytes as an audio captcha WAV. Must never crash, must refuse with a
// reason, and a decoded result stays within the duration cap at the requested rate.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "tts/wav_decode.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const tts::WavLimits limits;
  for (int rate : {8000, 22050, 48000}) {
    std::vector<std::int16_t> out;
    std::string error;
    if (tts::decode_wav(bytes, rate, out, error, limits)) {
      if (out.empty() || out.size() > static_cast<std::size_t>(limits.max_seconds) *
                                          static_cast<std::size_t>(rate)) {
        std::abort();
      }
    } else if (error.empty() || !out.empty()) {
      std::abort();  // refused without a reason, or half a result
    }
  }
  return 0;
}
