// The kiosk's voice as an interface (as NVDA's synth drivers are): what to say arrives here as
// data — text, an earcon, characters to spell, recorded audio — with the reason it is said.
// EspeakSpeaker speaks through eSpeak NG and the audio device; RecordingSpeaker keeps the
// utterances so tests can assert exactly what a citizen would hear, in order; NullSpeaker is a
// kiosk with speech turned off. Nothing here decides *what* is said: that is the Announcer.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tts/speech.hpp"

namespace kiosk {

// Why something is said: tests and the journal can tell a page title from a focus move.
enum class Reason {
  Focus,       // the focus moved to an item (keys, touch, validation)
  Page,        // a page was shown
  Setting,     // zoom, scheme, guide lines, caption, rate, volume, text-only
  Edit,        // typing into a field, checkbox, select
  Validation,  // a form could not be sent
  Captcha,     // a captcha spelled or played
  Card,        // a reader or a card
  Loading,     // a page is on its way, or failed to come
  Session,     // welcome, idle warning, end of service
  Edge,        // nothing there: the end of a list, nothing to activate
  Help,        // where am I, repeat, say-all
  Audio,       // headphones in or out
  Staff,       // staff mode: the PIN screen, the staff menu, taking over and handing back
  Update,      // a USB-stick update: running (do not switch off), done, or not done
};

const char* to_string(Reason reason);

class Speaker {
 public:
  virtual ~Speaker() = default;
  // Interrupts whatever is playing; an earcon, if given, sounds first in the same utterance.
  virtual void say(const std::string& chinese_text, Reason reason,
                   tts::Earcon first = tts::Earcon::None) = 0;
  // Pre-empts even speech that cannot otherwise be interrupted (warnings, errors).
  virtual void alert(const std::string& chinese_text, Reason reason) = 0;
  virtual void earcon(tts::Earcon earcon, Reason reason) = 0;
  // One character at a time; each repeat of the same text goes slower with longer pauses.
  virtual void spell(const std::string& text, Reason reason) = 0;
  // Recorded audio (an audio captcha) after a short spoken introduction.
  virtual void play(const std::string& intro, std::shared_ptr<const std::vector<std::int16_t>> pcm,
                    Reason reason) = 0;
  // 连读: each text in turn from `first_index` on; say_all_position() tells which is heard.
  virtual void say_all(const std::vector<std::string>& texts, std::uint32_t first_index) = 0;
  virtual std::optional<std::uint32_t> say_all_position() const = 0;
  // How long until the next text of say-all starts being heard (from the speech already
  // synthesised); nullopt when that is not known yet or there is none.
  virtual std::optional<std::chrono::milliseconds> until_next_say_all_text() const = 0;
  virtual bool speaking() const = 0;
  virtual void stop() = 0;

  // Rate and volume in steps; nullopt at the end of the range (the Announcer says the new step).
  virtual std::optional<int> step_rate(int delta) = 0;
  virtual std::optional<int> step_volume(int delta) = 0;
  // The next citizen starts with the defaults, and nothing the last one heard stays buffered.
  virtual void reset_for_next_citizen() = 0;
  // Headphones in (private listening, its own volume) or the loudspeaker.
  virtual void set_private_listening(bool headphones) = 0;
  virtual bool private_listening() const = 0;

  // Sample rate recorded audio must be converted to before play().
  virtual int sample_rate() const = 0;

  // When the audio device took the first audible sample of speech started at or after
  // `steady_ns` (std::chrono::steady_clock nanoseconds), as the device's own moment; nullopt
  // while nothing started since has been heard (or for a speaker without a device). kioskd logs
  // its first heard speech with it: that the audio path works, and how long start-up took.
  virtual std::optional<std::int64_t> first_heard_after(std::int64_t /*steady_ns*/) const {
    return std::nullopt;
  }
};

// A kiosk without speech (--no-speech): everything is silent, nothing fails.
class NullSpeaker final : public Speaker {
 public:
  void say(const std::string&, Reason, tts::Earcon) override {}
  void alert(const std::string&, Reason) override {}
  void earcon(tts::Earcon, Reason) override {}
  void spell(const std::string&, Reason) override {}
  void play(const std::string&, std::shared_ptr<const std::vector<std::int16_t>>, Reason) override {
  }
  void say_all(const std::vector<std::string>&, std::uint32_t) override {}
  std::optional<std::uint32_t> say_all_position() const override { return std::nullopt; }
  std::optional<std::chrono::milliseconds> until_next_say_all_text() const override {
    return std::nullopt;
  }
  bool speaking() const override { return false; }
  void stop() override {}
  std::optional<int> step_rate(int) override { return std::nullopt; }
  std::optional<int> step_volume(int) override { return std::nullopt; }
  void reset_for_next_citizen() override {}
  void set_private_listening(bool headphones) override { headphones_ = headphones; }
  bool private_listening() const override { return headphones_; }
  int sample_rate() const override { return 22050; }

 private:
  bool headphones_ = false;
};

}  // namespace kiosk
