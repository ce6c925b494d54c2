// A Speaker that keeps what it was asked to say, in order, for tests (and for the utterance
// log of a scripted run): the words a citizen would hear, without audio.
#pragma once

#include <string>
#include <vector>

#include "speaker.hpp"
#include "tts/speech_settings.hpp"

namespace kiosk {

struct Spoken {
  enum class Kind { Say, Alert, Earcon, Spell, Play, SayAll, Stop };
  Kind kind = Kind::Say;
  Reason reason = Reason::Focus;
  std::string text;  // spelled text, the intro of recorded audio, say-all's first text
  tts::Earcon earcon = tts::Earcon::None;
};

class RecordingSpeaker final : public Speaker {
 public:
  void say(const std::string& text, Reason reason, tts::Earcon first) override;
  void alert(const std::string& text, Reason reason) override;
  void earcon(tts::Earcon earcon, Reason reason) override;
  void spell(const std::string& text, Reason reason) override;
  void play(const std::string& intro, std::shared_ptr<const std::vector<std::int16_t>> pcm,
            Reason reason) override;
  void say_all(const std::vector<std::string>& texts, std::uint32_t first_index) override;
  std::optional<std::uint32_t> say_all_position() const override { return say_all_at_; }
  std::optional<std::chrono::milliseconds> until_next_say_all_text() const override {
    return std::nullopt;  // tests move say-all along themselves (advance_say_all)
  }
  bool speaking() const override { return say_all_at_.has_value(); }
  void stop() override;
  std::optional<int> step_rate(int delta) override;
  std::optional<int> step_volume(int delta) override;
  void reset_for_next_citizen() override;
  void set_private_listening(bool headphones) override { headphones_ = headphones; }
  bool private_listening() const override { return headphones_; }
  int sample_rate() const override { return 22050; }

  // Everything recorded so far (Stop entries left out), then forgotten.
  std::vector<Spoken> take();
  // Only the texts of say/alert/spell, in order, then forgotten: the usual test assertion.
  std::vector<std::string> take_texts();
  const std::vector<Spoken>& log() const { return log_; }
  int rate_step() const { return rate_; }
  int volume_step() const { return volume_; }
  // Every text of the last say-all (a receipt read in full), from its first index.
  const std::vector<std::string>& say_all_texts() const { return say_all_texts_; }
  // Tests move say-all along as the audio device would.
  void advance_say_all();

 private:
  std::vector<Spoken> log_;
  std::vector<std::string> say_all_texts_;
  std::optional<std::uint32_t> say_all_at_;
  bool headphones_ = false;
  int rate_ = tts::kDefaultRateStep;
  int volume_ = tts::SpeechSettings::default_volume_step(tts::OutputProfile::Speaker);
};

}  // namespace kiosk
