// Captchas, made usable without sight: Enter on a captcha image fetches its characters from
// the page's text alternative and spells them, shown enlarged in the caption bar; Enter again
// spells the *same* code slower (fetching again would change the code on most gateways); an
// audio captcha is played after a short introduction.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "loader.hpp"
#include "speech/announcer.hpp"
#include "ui/reading_view.hpp"

namespace kiosk {

class Captcha {
 public:
  Captcha(ui::ReadingView& view, Announcer& announcer) : view_(view), announcer_(announcer) {}

  // The code, if already fetched for this URL on this page: spelled again at once.
  bool spell_known(const std::string& speak_url);
  void code_arrived(const std::string& speak_url, std::string body);
  void audio_arrived(Pcm pcm);
  // The code or the audio could not be had (the service failed, or sent a file the kiosk
  // refuses): shown in the caption bar and said, so the citizen who cannot hear sees it too.
  void unavailable(bool audio);
  // A new page, or the citizen has gone: the codes are forgotten.
  void forget();

 private:
  void show_and_spell(const std::string& code);
  ui::ReadingView& view_;
  Announcer& announcer_;
  std::map<std::string, std::string> codes_;
};

}  // namespace kiosk
