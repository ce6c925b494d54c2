#include "recording_speaker.hpp"

#include "tts/speech_settings.hpp"

namespace kiosk {

void RecordingSpeaker::say(const std::string& text, Reason reason, tts::Earcon first) {
  say_all_at_.reset();
  log_.push_back({Spoken::Kind::Say, reason, text, first});
}

void RecordingSpeaker::alert(const std::string& text, Reason reason) {
  say_all_at_.reset();
  log_.push_back({Spoken::Kind::Alert, reason, text, tts::Earcon::None});
}

void RecordingSpeaker::earcon(tts::Earcon earcon, Reason reason) {
  log_.push_back({Spoken::Kind::Earcon, reason, {}, earcon});
}

void RecordingSpeaker::spell(const std::string& text, Reason reason) {
  say_all_at_.reset();
  log_.push_back({Spoken::Kind::Spell, reason, text, tts::Earcon::None});
}

void RecordingSpeaker::play(const std::string& intro,
                            std::shared_ptr<const std::vector<std::int16_t>> /*pcm*/,
                            Reason reason) {
  say_all_at_.reset();
  log_.push_back({Spoken::Kind::Play, reason, intro, tts::Earcon::None});
}

void RecordingSpeaker::say_all(const std::vector<std::string>& texts, std::uint32_t first) {
  say_all_texts_ = texts;
  say_all_at_ = first < texts.size() ? std::optional<std::uint32_t>(first) : std::nullopt;
  log_.push_back({Spoken::Kind::SayAll, Reason::Help, first < texts.size() ? texts[first] : "",
                  tts::Earcon::None});
}

void RecordingSpeaker::advance_say_all() {
  if (!say_all_at_) return;
  if (*say_all_at_ + 1 >= say_all_texts_.size()) {
    say_all_at_.reset();
    return;
  }
  ++*say_all_at_;
}

void RecordingSpeaker::stop() {
  say_all_at_.reset();
  log_.push_back({Spoken::Kind::Stop, Reason::Focus, {}, tts::Earcon::None});
}

std::optional<int> RecordingSpeaker::step_rate(int delta) {
  const int next = rate_ + delta;
  if (next < 0 || next >= static_cast<int>(tts::kRateStepsWpm.size())) return std::nullopt;
  rate_ = next;
  return rate_;
}

std::optional<int> RecordingSpeaker::step_volume(int delta) {
  const int next = volume_ + delta;
  if (next < 1 || next > tts::SpeechSettings::kVolumeSteps) return std::nullopt;
  volume_ = next;
  return volume_;
}

void RecordingSpeaker::reset_for_next_citizen() {
  say_all_at_.reset();
  headphones_ = false;
  rate_ = tts::kDefaultRateStep;
  volume_ = tts::SpeechSettings::default_volume_step(tts::OutputProfile::Speaker);
}

std::vector<Spoken> RecordingSpeaker::take() {
  std::vector<Spoken> out;
  for (auto& s : log_) {
    if (s.kind != Spoken::Kind::Stop) out.push_back(std::move(s));
  }
  log_.clear();
  return out;
}

std::vector<std::string> RecordingSpeaker::take_texts() {
  std::vector<std::string> out;
  for (auto& s : take()) {
    if (s.kind == Spoken::Kind::Say || s.kind == Spoken::Kind::Alert ||
        s.kind == Spoken::Kind::Spell || s.kind == Spoken::Kind::Play) {
      out.push_back(std::move(s.text));
    }
  }
  return out;
}

const char* to_string(Reason reason) {
  switch (reason) {
    case Reason::Focus:
      return "focus";
    case Reason::Page:
      return "page";
    case Reason::Setting:
      return "setting";
    case Reason::Edit:
      return "edit";
    case Reason::Validation:
      return "validation";
    case Reason::Captcha:
      return "captcha";
    case Reason::Card:
      return "card";
    case Reason::Loading:
      return "loading";
    case Reason::Session:
      return "session";
    case Reason::Edge:
      return "edge";
    case Reason::Help:
      return "help";
    case Reason::Audio:
      return "audio";
    case Reason::Staff:
      return "staff";
    case Reason::Update:
      return "update";
  }
  return "?";
}

}  // namespace kiosk
