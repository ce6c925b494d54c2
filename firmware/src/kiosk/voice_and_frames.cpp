#include "voice_and_frames.hpp"

#include <filesystem>

#include "speech/espeak_speaker.hpp"
#include "speech/logging_speaker.hpp"
#include "ui/screenshot.hpp"

namespace kiosk {

Result<OpenedVoice> open_voice(const Options& opt, const board::AudioProfile& audio,
                               const LogLine& log) {
  OpenedVoice voice;
  if (opt.speech) {
    auto speech =
        EspeakSpeaker::open(opt.wav, opt.out_dir + "/speech.wav", audio.speaker, audio.headphone);
    if (speech) {
      if (!speech->warning.empty()) log("speech: " + speech->warning);
      log("speech: " + speech->description);
      voice.speech_on = true;
      voice.into_fallback = speech->into_fallback;
      voice.speaker = std::move(speech->speaker);
    } else {
      log("speech: " + speech.error().technician);
    }
  }
  if (!voice.speaker) voice.speaker = std::make_unique<NullSpeaker>();
  if (!opt.utterance_log.empty()) {
    std::string error;
    auto logging = LoggingSpeaker::open(opt.utterance_log, std::move(voice.speaker), error);
    if (!logging) return technician_error(error);
    voice.speaker = std::move(logging);
  }
  return voice;
}

void save_frame(SDL_Renderer* renderer, const std::string& path, const LogLine& log) {
  std::error_code ec;
  const auto dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  std::string error;
  if (!ui::save_png(renderer, path, error)) log(error);
}

void save_screenshot(SDL_Renderer* renderer, const RuntimePaths& runtime, const LogLine& log) {
  save_frame(renderer, runtime.screenshot() + ".new", log);
  std::error_code ec;
  std::filesystem::rename(runtime.screenshot() + ".new", runtime.screenshot(), ec);
}

}  // namespace kiosk
