#include "tts/earcons.hpp"

#include <cmath>
#include <numbers>

namespace tts {
namespace {

// A sine tone with 5 ms raised-cosine edges so it starts and stops without a click.
void append_tone(std::vector<std::int16_t>& out, int rate, double hz, double ms, double level) {
  const int n = static_cast<int>(rate * ms / 1000.0);
  const int edge = rate / 200;
  for (int i = 0; i < n; ++i) {
    double env = 1.0;
    if (i < edge) env = 0.5 - 0.5 * std::cos(std::numbers::pi * i / edge);
    if (n - 1 - i < edge) env = 0.5 - 0.5 * std::cos(std::numbers::pi * (n - 1 - i) / edge);
    const double s = std::sin(2 * std::numbers::pi * hz * i / rate) * level * env;
    out.push_back(static_cast<std::int16_t>(s * 32767));
  }
}

void append_silence(std::vector<std::int16_t>& out, int rate, double ms) {
  out.insert(out.end(), static_cast<std::size_t>(rate * ms / 1000.0), 0);
}

}  // namespace

std::vector<std::int16_t> render_earcon(Earcon earcon, int rate) {
  std::vector<std::int16_t> out;
  switch (earcon) {
    case Earcon::None:
      break;
    case Earcon::FocusWrap:  // falling pair: back at the start of the list
      append_tone(out, rate, 880, 70, 0.35);
      append_silence(out, rate, 20);
      append_tone(out, rate, 587, 90, 0.35);
      break;
    case Earcon::Error:  // low double buzz
      append_tone(out, rate, 220, 120, 0.45);
      append_silence(out, rate, 40);
      append_tone(out, rate, 196, 160, 0.45);
      break;
    case Earcon::PinDigit:  // short tick, the same for every digit
      append_tone(out, rate, 1320, 35, 0.3);
      break;
    // A loud rising chime (E5 A5 D6) for a call to staff: heard across the hall, unlike any key
    // tone, and short enough (480 ms) not to hold back the words after it.
    case Earcon::StaffAlert:
      append_tone(out, rate, 659, 130, 0.55);
      append_tone(out, rate, 880, 130, 0.55);
      append_tone(out, rate, 1175, 220, 0.55);
      break;
    // A soft low tick the moment a link or a form is followed: the press was taken, the page is
    // on its way (its title follows when it is shown; silence until then felt like a lost key).
    case Earcon::Activate:
      append_tone(out, rate, 740, 25, 0.25);
      break;
  }
  return out;
}

}  // namespace tts
