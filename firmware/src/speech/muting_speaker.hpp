// 声音开关: a Speaker in front of the kiosk's voice that drops every utterance while the citizen
// has turned speech off. Rate, volume, stop and the headphone switch still reach the voice, so
// turning speech on again finds it as it was. The Announcer says 声音已关闭 before muting and
// 声音已开启 after unmuting; nothing else is heard in between.
#pragma once

#include "speaker.hpp"

namespace kiosk {

class MutingSpeaker final : public Speaker {
 public:
  explicit MutingSpeaker(Speaker& voice) : voice_(voice) {}
  // Not stopped here: the confirmation said just before muting is still heard.
  void set_muted(bool muted) { muted_ = muted; }
  bool muted() const { return muted_; }

  void say(const std::string& text, Reason reason, tts::Earcon first) override {
    if (!muted_) voice_.say(text, reason, first);
  }
  void alert(const std::string& text, Reason reason) override {
    if (!muted_) voice_.alert(text, reason);
  }
  void earcon(tts::Earcon earcon, Reason reason) override {
    if (!muted_) voice_.earcon(earcon, reason);
  }
  void spell(const std::string& text, Reason reason) override {
    if (!muted_) voice_.spell(text, reason);
  }
  void play(const std::string& intro, std::shared_ptr<const std::vector<std::int16_t>> pcm,
            Reason reason) override {
    if (!muted_) voice_.play(intro, std::move(pcm), reason);
  }
  void say_all(const std::vector<std::string>& texts, std::uint32_t first_index) override {
    if (!muted_) voice_.say_all(texts, first_index);
  }
  // Muted, say-all has nothing being heard: it ends at once.
  std::optional<std::uint32_t> say_all_position() const override {
    return muted_ ? std::nullopt : voice_.say_all_position();
  }
  std::optional<std::chrono::milliseconds> until_next_say_all_text() const override {
    return muted_ ? std::nullopt : voice_.until_next_say_all_text();
  }
  bool speaking() const override { return !muted_ && voice_.speaking(); }
  void stop() override { voice_.stop(); }
  std::optional<int> step_rate(int delta) override { return voice_.step_rate(delta); }
  std::optional<int> step_volume(int delta) override { return voice_.step_volume(delta); }
  void reset_for_next_citizen() override { voice_.reset_for_next_citizen(); }
  void set_private_listening(bool headphones) override { voice_.set_private_listening(headphones); }
  bool private_listening() const override { return voice_.private_listening(); }
  int sample_rate() const override { return voice_.sample_rate(); }
  std::optional<std::int64_t> first_heard_after(std::int64_t steady_ns) const override {
    return voice_.first_heard_after(steady_ns);
  }

 private:
  Speaker& voice_;
  bool muted_ = false;
};

}  // namespace kiosk
