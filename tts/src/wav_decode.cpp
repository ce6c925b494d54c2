#include "tts/wav_decode.hpp"

#include <SDL.h>

#include <cstring>
#include <memory>

namespace tts {

bool decode_wav(std::string_view bytes, int sample_rate, std::vector<std::int16_t>& out,
                std::string& error) {
  if (bytes.size() > 16 * 1024 * 1024) {
    error = "audio file larger than 16 MB";
    return false;
  }
  SDL_AudioSpec spec{};
  Uint8* raw = nullptr;
  Uint32 length = 0;
  SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
  if (SDL_LoadWAV_RW(rw, 1, &spec, &raw, &length) == nullptr) {
    error = std::string("not a readable WAV file: ") + SDL_GetError();
    return false;
  }
  std::unique_ptr<Uint8, decltype(&SDL_FreeWAV)> wav(raw, &SDL_FreeWAV);
  SDL_AudioCVT cvt;
  if (SDL_BuildAudioCVT(&cvt, spec.format, spec.channels, spec.freq, AUDIO_S16SYS, 1, sample_rate) <
      0) {
    error = std::string("cannot convert this WAV format: ") + SDL_GetError();
    return false;
  }
  std::vector<Uint8> buffer(static_cast<std::size_t>(length) *
                            static_cast<std::size_t>(cvt.len_mult));
  std::memcpy(buffer.data(), raw, length);
  cvt.buf = buffer.data();
  cvt.len = static_cast<int>(length);
  if (cvt.needed != 0 && SDL_ConvertAudio(&cvt) != 0) {
    error = std::string("audio conversion failed: ") + SDL_GetError();
    return false;
  }
  const int converted = cvt.needed != 0 ? cvt.len_cvt : cvt.len;
  out.resize(static_cast<std::size_t>(converted) / 2);
  std::memcpy(out.data(), buffer.data(), out.size() * 2);
  return true;
}

}  // namespace tts
