// kiosk-speak: speak text as the kiosk would (normalised Chinese, English runs, spelling
// mode), to the audio device or a WAV file. For technicians checking speech, and for tests.
#include <cstdio>
#include <string>

#include "tts/audio_sink.hpp"
#include "tts/speech_engine.hpp"
#include "tts/spelling.hpp"
#include "tts/text_normalizer.hpp"

namespace {

constexpr const char* kUsage =
    R"(usage: kiosk-speak [--wav FILE] [--spell] [--rate STEP] [--show] TEXT
  --wav FILE   write a WAV file instead of playing on the audio device
  --spell      spelling mode (captchas, codes): one character at a time
  --rate STEP  speech rate step 0..6 (default 3 = 230 words per minute)
  --show       print the segments that would be spoken, and do not speak
Exit codes: 0 spoken, 1 bad options, 2 speech engine failed, 3 no audio output.
)";

}  // namespace

int main(int argc, char** argv) {
  std::string wav;
  std::string text;
  bool spell = false;
  bool show = false;
  int rate = tts::kDefaultRateStep;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--wav" && i + 1 < argc) {
      wav = argv[++i];
    } else if (a == "--spell") {
      spell = true;
    } else if (a == "--show") {
      show = true;
    } else if (a == "--rate" && i + 1 < argc) {
      rate = std::atoi(argv[++i]);
    } else if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "kiosk-speak: unknown option %s\n%s", a.c_str(), kUsage);
      return 1;
    } else {
      text += (text.empty() ? "" : " ") + a;
    }
  }
  if (text.empty()) {
    std::fputs(kUsage, stderr);
    return 1;
  }
  tts::Utterance u;
  u.segments = spell ? tts::spell(text) : tts::chinese_speech(text);
  u.id = 1;
  if (show) {
    static constexpr const char* kVoice[] = {"cmn", "yue", "en"};
    for (const auto& s : u.segments) {
      std::printf("[%s %d%% +%dms] %s\n", kVoice[static_cast<int>(s.voice)], s.rate_percent,
                  s.pause_after_ms, s.text.c_str());
    }
    return 0;
  }
  auto created = tts::SpeechEngine::create();
  if (!created.engine) {
    std::fprintf(stderr, "kiosk-speak: %s\n", created.error.c_str());
    return 2;
  }
  tts::SpeechEngine& engine = *created.engine;
  tts::SpeechSettings settings;
  settings.set_rate_step(rate);
  engine.set_settings(settings);
  auto sink = wav.empty() ? tts::open_sdl_sink(engine.ring())
                          : tts::open_wav_sink(engine.ring(), wav, tts::Pacing::Drain);
  if (!sink.sink) {
    std::fprintf(stderr, "kiosk-speak: %s\n", sink.error.c_str());
    return 3;
  }
  std::fprintf(stderr, "kiosk-speak: eSpeak NG %d.%d, voice %s, %s\n",
               engine.library_version().major, engine.library_version().minor,
               engine.voice_name(tts::Voice::Mandarin).c_str(), sink.sink->describe().c_str());
  engine.speak(std::move(u));
  engine.wait_idle();
  // Let the device play out what is queued.
  while (engine.ring().consumed() < engine.ring().written()) SDL_Delay(10);
  return 0;
}
