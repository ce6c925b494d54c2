// A Speaker in front of another that also writes every utterance to a file, one line each
// ("page\tsay\t社会保障卡申领办事指南。…"): the utterance log a developer or a test reads to
// know what a citizen heard, without listening to the WAV. Only what the Announcer produced
// is written, so personal values appear masked exactly as they were spoken.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include "speaker.hpp"

namespace kiosk {

class LoggingSpeaker final : public Speaker {
 public:
  // Null when the file cannot be opened (the reason in `error`).
  static std::unique_ptr<LoggingSpeaker> open(const std::string& path,
                                              std::unique_ptr<Speaker> inner, std::string& error);
  ~LoggingSpeaker() override;

  void say(const std::string& text, Reason reason, tts::Earcon first) override;
  void alert(const std::string& text, Reason reason) override;
  void earcon(tts::Earcon earcon, Reason reason) override;
  void spell(const std::string& text, Reason reason) override;
  void play(const std::string& intro, std::shared_ptr<const std::vector<std::int16_t>> pcm,
            Reason reason) override;
  void say_all(const std::vector<std::string>& texts, std::uint32_t first_index) override;
  std::optional<std::uint32_t> say_all_position() const override;
  std::optional<std::chrono::milliseconds> until_next_say_all_text() const override {
    return inner_->until_next_say_all_text();
  }
  bool speaking() const override;
  void stop() override;
  std::optional<int> step_rate(int delta) override;
  std::optional<int> step_volume(int delta) override;
  void reset_for_next_citizen() override;
  void set_private_listening(bool headphones) override;
  bool private_listening() const override;
  int sample_rate() const override;
  std::optional<std::int64_t> first_heard_after(std::int64_t steady_ns) const override {
    return inner_->first_heard_after(steady_ns);
  }

 private:
  LoggingSpeaker(std::FILE* file, std::unique_ptr<Speaker> inner)
      : file_(file), inner_(std::move(inner)) {}
  void write(Reason reason, const char* kind, const std::string& text);
  std::FILE* file_;
  std::unique_ptr<Speaker> inner_;
};

}  // namespace kiosk
