#include "logging_speaker.hpp"

namespace kiosk {

std::unique_ptr<LoggingSpeaker> LoggingSpeaker::open(const std::string& path,
                                                     std::unique_ptr<Speaker> inner,
                                                     std::string& error) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) {
    error = "cannot write the utterance log " + path;
    return nullptr;
  }
  return std::unique_ptr<LoggingSpeaker>(new LoggingSpeaker(f, std::move(inner)));
}

LoggingSpeaker::~LoggingSpeaker() {
  std::fclose(file_);
}

void LoggingSpeaker::write(Reason reason, const char* kind, const std::string& text) {
  std::fprintf(file_, "%s\t%s\t%s\n", to_string(reason), kind, text.c_str());
  std::fflush(file_);  // a test reads it while kioskd runs
}

void LoggingSpeaker::say(const std::string& text, Reason reason, tts::Earcon first) {
  write(reason, first == tts::Earcon::None ? "say" : "tone+say", text);
  inner_->say(text, reason, first);
}

void LoggingSpeaker::alert(const std::string& text, Reason reason) {
  write(reason, "alert", text);
  inner_->alert(text, reason);
}

void LoggingSpeaker::earcon(tts::Earcon earcon, Reason reason) {
  write(reason, "tone", "");
  inner_->earcon(earcon, reason);
}

void LoggingSpeaker::spell(const std::string& text, Reason reason) {
  write(reason, "spell", text);
  inner_->spell(text, reason);
}

void LoggingSpeaker::play(const std::string& intro,
                          std::shared_ptr<const std::vector<std::int16_t>> pcm, Reason reason) {
  write(reason, "play", intro);
  inner_->play(intro, std::move(pcm), reason);
}

void LoggingSpeaker::say_all(const std::vector<std::string>& texts, std::uint32_t first) {
  write(Reason::Help, "say-all", first < texts.size() ? texts[first] : "");
  inner_->say_all(texts, first);
}

std::optional<std::uint32_t> LoggingSpeaker::say_all_position() const {
  return inner_->say_all_position();
}

bool LoggingSpeaker::speaking() const {
  return inner_->speaking();
}

void LoggingSpeaker::stop() {
  inner_->stop();
}

std::optional<int> LoggingSpeaker::step_rate(int delta) {
  return inner_->step_rate(delta);
}

std::optional<int> LoggingSpeaker::step_volume(int delta) {
  return inner_->step_volume(delta);
}

void LoggingSpeaker::reset_for_next_citizen() {
  inner_->reset_for_next_citizen();
}

void LoggingSpeaker::set_private_listening(bool headphones) {
  inner_->set_private_listening(headphones);
}

bool LoggingSpeaker::private_listening() const {
  return inner_->private_listening();
}

int LoggingSpeaker::sample_rate() const {
  return inner_->sample_rate();
}

}  // namespace kiosk
