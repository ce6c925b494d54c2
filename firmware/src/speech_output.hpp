// The kiosk's voice: owns the speech engine and its audio sink (the SDL device, or a WAV file
// when there is no audio device or no screen), and turns what the reading view shows into
// utterances. Without speech the kiosk still works visually; the reason is logged.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "tts/audio_sink.hpp"
#include "tts/speech_engine.hpp"
#include "ui/reading_view.hpp"

namespace kiosk {

class SpeechOutput {
 public:
  struct OpenResult {
    std::unique_ptr<SpeechOutput> speech;
    std::string error;
    std::string description;
  };
  // `wav_path` empty: the SDL audio device, falling back to `fallback_wav` if it fails.
  static OpenResult open(const std::string& wav_path, const std::string& fallback_wav);

  // Interrupts whatever is playing; an earcon, if given, sounds first in the same utterance.
  void say(const std::string& chinese_text, tts::Earcon first = tts::Earcon::None);
  void alert(const std::string& chinese_text);  // pre-empts, e.g. errors
  void earcon(tts::Earcon earcon);
  void stop();
  void end_session();  // rate and volume back to the defaults for the next citizen

  // Rate and volume steps; each change is announced at the new setting.
  bool change_rate(int delta);
  bool change_volume(int delta);
  // Spells text one character at a time; every repeat of the same text goes slower.
  void spell(const std::string& text);

  // 连读: one utterance per block from `first` on; utterance ids are kSayAllBase + block.
  static constexpr std::uint64_t kSayAllBase = 1'000'000'000;
  void say_all(const ui::Document& doc, std::uint32_t first);
  // The block being heard during say-all, if any.
  std::optional<std::uint32_t> say_all_block() const;

  tts::SpeechEngine& engine() { return *engine_; }

 private:
  SpeechOutput() = default;
  std::unique_ptr<tts::SpeechEngine> engine_;
  std::unique_ptr<tts::AudioSink> sink_;
  std::uint64_t next_id_ = 1;
  std::string last_spelled_;
  int spell_repeats_ = 0;
};

// What a screen reader says for the focused item: its role, then its text.
std::string describe_focus(const ui::ReadingView& view);

// "Where am I": the item's position among the page's items and the page title.
std::string describe_position(const ui::ReadingView& view);

}  // namespace kiosk
