// The Announcer's USB-stick update sentences (declared in announcer.hpp). The hall hears them on
// the loudspeaker as well as in headphones: someone about to switch the kiosk off must hear
// that an update is running.
#include "announcer.hpp"
#include "update_wording.hpp"

namespace kiosk {

void Announcer::update_after_session() {
  say(update_words::after_session(), Reason::Update, tts::Earcon::Error);
}

void Announcer::update_running() {
  say(update_words::running_title() + "。" + update_words::running_text(), Reason::Update);
}

void Announcer::update_finished(bool installed) {
  say(update_words::finished_title(installed) + "。" + update_words::finished_text(installed),
      Reason::Update, installed ? tts::Earcon::None : tts::Earcon::Error);
}

}  // namespace kiosk
