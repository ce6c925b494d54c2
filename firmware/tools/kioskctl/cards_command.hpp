// `kioskctl cards`: the reader diagnostic. Lists allowlisted readers, waits for cards, prints the
// ATR of smart cards (and the replies to APDUs the technician asks for) or the masked fields of
// ID cards, one JSON object per line. Personal data never leaves this tool unmasked.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "drivers/card_watcher.hpp"
#include "drivers/photo_decoder.hpp"

namespace kioskctl {

int cards_command(std::span<const std::string> args);
const char* cards_help();

// One card event as a JSON line: ATR and protocol of smart cards, masked ID-card fields.
nlohmann::json describe_card_event(const drivers::CardEvent& e,
                                   const drivers::PhotoDecoder* decoder);

}  // namespace kioskctl
