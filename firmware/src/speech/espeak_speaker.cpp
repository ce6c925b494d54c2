#include "espeak_speaker.hpp"

#include <algorithm>
#include <cstdio>

#include "drivers/secure_buffer.hpp"
#include "tts/spelling.hpp"

namespace kiosk {

Result<EspeakSpeaker::Opened> EspeakSpeaker::open(const std::string& wav_path,
                                                  const std::string& fallback_wav,
                                                  const std::string& speaker_device,
                                                  const std::string& headphone_device) {
  auto created = tts::SpeechEngine::create();
  if (!created.engine) {
    return Error{"speech engine: " + created.error, "语音暂时无法使用。"};
  }
  Opened out;
  out.speaker.reset(new EspeakSpeaker());
  EspeakSpeaker& s = *out.speaker;
  s.engine_ = std::move(created.engine);
  s.speaker_device_ = speaker_device;
  s.headphone_device_ = headphone_device;
  tts::SinkOpenResult sink;
  if (wav_path.empty()) {
    sink = tts::open_sdl_sink(s.engine_->ring(),
                              speaker_device.empty() ? nullptr : speaker_device.c_str());
    s.sdl_sink_ = sink.sink != nullptr;
    if (!sink.sink && !fallback_wav.empty()) {
      out.warning = sink.error + "; speaking to " + fallback_wav + " instead";
      out.into_fallback = true;
      // Bounded (the last 60 s), deleted at exit: speech is not kept on disk.
      sink = tts::open_fallback_wav_sink(s.engine_->ring(), fallback_wav);
    }
  } else {
    sink = tts::open_wav_sink(s.engine_->ring(), wav_path, tts::Pacing::RealTime);
  }
  if (!sink.sink) {
    return Error{out.warning + (out.warning.empty() ? "" : "; ") + sink.error,
                 "语音暂时无法使用。"};
  }
  s.sink_ = std::move(sink.sink);
  const auto version = s.engine_->library_version();
  out.description = "eSpeak NG " + std::to_string(version.major) + "." +
                    std::to_string(version.minor) + " (" +
                    s.engine_->voice_name(tts::Voice::Mandarin) + ") to " + s.sink_->describe();
  return out;
}

std::optional<std::int64_t> EspeakSpeaker::first_heard_after(std::int64_t steady_ns) const {
  return engine_->first_heard_after(steady_ns);
}

void EspeakSpeaker::say(const std::string& text, Reason /*reason*/, tts::Earcon first) {
  tts::Utterance u{tts::chinese_speech(text), tts::Priority::Interrupt, next_id_++};
  if (first != tts::Earcon::None) {
    tts::SpeechSegment tone;
    tone.earcon = first;
    tone.pause_after_ms = 60;
    u.segments.insert(u.segments.begin(), tone);
  }
  engine_->speak(std::move(u));
}

void EspeakSpeaker::alert(const std::string& text, Reason /*reason*/) {
  engine_->speak(tts::Utterance{tts::chinese_speech(text), tts::Priority::AlertNow, next_id_++});
}

void EspeakSpeaker::earcon(tts::Earcon e, Reason /*reason*/) {
  tts::SpeechSegment s;
  s.earcon = e;
  engine_->speak(tts::Utterance{{s}, tts::Priority::Interrupt, next_id_++});
}

void EspeakSpeaker::spell(const std::string& text, Reason /*reason*/) {
  spell_repeats_ = text == last_spelled_ ? spell_repeats_ + 1 : 0;
  drivers::secure_wipe(last_spelled_.data(), last_spelled_.size());
  last_spelled_ = text;
  tts::SpellingOptions o;
  o.rate_percent = std::max(35, 70 - 15 * spell_repeats_);
  o.pause_ms = std::min(1200, 450 + 250 * spell_repeats_);
  engine_->speak(tts::Utterance{tts::spell(text, o), tts::Priority::Interrupt, next_id_++});
}

void EspeakSpeaker::play(const std::string& intro,
                         std::shared_ptr<const std::vector<std::int16_t>> pcm, Reason /*reason*/) {
  tts::SpeechSegment spoken;
  spoken.text = intro;
  spoken.pause_after_ms = 300;
  tts::SpeechSegment audio;
  audio.pcm = std::move(pcm);
  engine_->speak(tts::Utterance{{spoken, audio}, tts::Priority::Interrupt, next_id_++});
}

void EspeakSpeaker::say_all(const std::vector<std::string>& texts, std::uint32_t first) {
  say_all_first_ = kSayAllBase + first;
  say_all_end_ = kSayAllBase + texts.size();
  for (std::uint32_t i = first; i < texts.size(); ++i) {
    engine_->speak(tts::Utterance{tts::chinese_speech(texts[i]),
                                  i == first ? tts::Priority::Interrupt : tts::Priority::Queue,
                                  kSayAllBase + i});
  }
}

std::optional<std::uint32_t> EspeakSpeaker::say_all_position() const {
  const std::uint64_t id = engine_->progress().utterance;
  if (id < kSayAllBase) return std::nullopt;
  return static_cast<std::uint32_t>(id - kSayAllBase);
}

std::optional<std::chrono::milliseconds> EspeakSpeaker::until_next_say_all_text() const {
  const auto at = say_all_position();
  const std::uint64_t next = at ? kSayAllBase + *at + 1 : say_all_first_;
  if (next >= say_all_end_) return std::nullopt;
  return engine_->time_until_heard(next);
}

bool EspeakSpeaker::speaking() const {
  return !engine_->idle() || engine_->ring().backlog() > 0;
}

void EspeakSpeaker::stop() {
  engine_->cancel();
}

std::optional<int> EspeakSpeaker::step_rate(int delta) {
  tts::SpeechSettings s = engine_->settings();
  if (!s.set_rate_step(s.rate_step() + delta)) return std::nullopt;
  engine_->set_settings(s);
  return s.rate_step();
}

std::optional<int> EspeakSpeaker::step_volume(int delta) {
  tts::SpeechSettings s = engine_->settings();
  if (!s.set_volume_step(s.volume_step() + delta)) return std::nullopt;
  engine_->set_settings(s);
  return s.volume_step();
}

void EspeakSpeaker::set_private_listening(bool headphones) {
  tts::SpeechSettings s = engine_->settings();
  s.set_profile(headphones ? tts::OutputProfile::Headphone : tts::OutputProfile::Speaker);
  engine_->set_settings(s);
  const std::string& device = headphones ? headphone_device_ : speaker_device_;
  if (!sdl_sink_ || (headphone_device_.empty() && speaker_device_.empty())) return;
  // Another output device: the sink is opened again on it (the ring and the engine stay).
  sink_.reset();
  auto sink = tts::open_sdl_sink(engine_->ring(), device.empty() ? nullptr : device.c_str());
  if (!sink.sink) {
    std::fprintf(stderr, "kioskd: speech: %s; staying on the default device\n", sink.error.c_str());
    sink = tts::open_sdl_sink(engine_->ring(), nullptr);
  }
  sink_ = std::move(sink.sink);
}

bool EspeakSpeaker::private_listening() const {
  return engine_->settings().profile() == tts::OutputProfile::Headphone;
}

void EspeakSpeaker::reset_for_next_citizen() {
  engine_->cancel();
  engine_->set_settings(tts::SpeechSettings{});
  drivers::secure_wipe(last_spelled_.data(), last_spelled_.size());
  last_spelled_.clear();
  spell_repeats_ = 0;
}

int EspeakSpeaker::sample_rate() const {
  return engine_->ring().sample_rate();
}

}  // namespace kiosk
