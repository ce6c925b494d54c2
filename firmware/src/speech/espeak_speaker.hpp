// The Speaker a citizen hears: eSpeak NG on its own thread (tts::SpeechEngine) into the audio
// device, or into a WAV file when asked (--wav) or when the device cannot be opened.
#pragma once

#include <memory>
#include <string>

#include "kiosk/result.hpp"
#include "speaker.hpp"
#include "tts/audio_sink.hpp"
#include "tts/speech_engine.hpp"

namespace kiosk {

class EspeakSpeaker final : public Speaker {
 public:
  struct Opened {
    std::unique_ptr<EspeakSpeaker> speaker;
    std::string description;     // "eSpeak NG 1.51 (cmn) to SDL audio …", for the log
    std::string warning;         // why the audio device was not used, if it was not
    bool into_fallback = false;  // the device failed: speaking into `fallback_wav`
  };
  // `wav_path` empty: the SDL audio device (`speaker_device`, empty for the default), falling
  // back to `fallback_wav` if it fails. `headphone_device` is used while headphones are in.
  static Result<Opened> open(const std::string& wav_path, const std::string& fallback_wav,
                             const std::string& speaker_device = {},
                             const std::string& headphone_device = {});

  void say(const std::string& text, Reason reason, tts::Earcon first) override;
  void alert(const std::string& text, Reason reason) override;
  void earcon(tts::Earcon earcon, Reason reason) override;
  void spell(const std::string& text, Reason reason) override;
  void play(const std::string& intro, std::shared_ptr<const std::vector<std::int16_t>> pcm,
            Reason reason) override;
  void say_all(const std::vector<std::string>& texts, std::uint32_t first_index) override;
  std::optional<std::uint32_t> say_all_position() const override;
  std::optional<std::chrono::milliseconds> until_next_say_all_text() const override;
  bool speaking() const override;
  void stop() override;
  std::optional<int> step_rate(int delta) override;
  std::optional<int> step_volume(int delta) override;
  void reset_for_next_citizen() override;
  void set_private_listening(bool headphones) override;
  bool private_listening() const override;
  int sample_rate() const override;

  std::optional<std::int64_t> first_heard_after(std::int64_t steady_ns) const override;
  tts::SpeechEngine& engine() { return *engine_; }

 private:
  EspeakSpeaker() = default;
  // Say-all utterance ids start here; ids below are one-off utterances.
  static constexpr std::uint64_t kSayAllBase = 1'000'000'000;
  std::unique_ptr<tts::SpeechEngine> engine_;
  std::unique_ptr<tts::AudioSink> sink_;
  bool sdl_sink_ = false;  // a WAV sink stays as it is when the headphones come and go
  std::string speaker_device_;
  std::string headphone_device_;
  std::uint64_t next_id_ = 1;
  std::uint64_t say_all_first_ = 0;  // ids [first, end) of the say-all utterances queued
  std::uint64_t say_all_end_ = 0;
  std::string last_spelled_;  // personal at times (a typed code): forgotten between citizens
  int spell_repeats_ = 0;
};

}  // namespace kiosk
