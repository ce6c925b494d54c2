// `kioskctl cards`: the reader diagnostic. Lists allowlisted readers, waits for cards, prints the
// ATR of smart cards (and the replies to APDUs the technician asks for) or the masked fields of
// ID cards, one JSON object per line. Personal data never leaves this tool unmasked.
#pragma once

#include <span>
#include <string>

namespace kioskctl {

int cards_command(std::span<const std::string> args);
const char* cards_help();

}  // namespace kioskctl
