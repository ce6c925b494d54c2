// Short generated tones: focus wrapped round, error, one per PIN digit typed (PIN digits are
// never spoken), the call to staff, and a link or form followed.
#pragma once

#include <cstdint>
#include <vector>

#include "tts/speech.hpp"

namespace tts {

std::vector<std::int16_t> render_earcon(Earcon earcon, int sample_rate);

}  // namespace tts
