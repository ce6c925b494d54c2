// kioskctl selftest: shows a test pattern on the kiosk's screen (every colour scheme, checked
// by reading the pixels back), speaks a test sentence, lists the readers and reads a card if
// one is present. One JSON line per part with "pass", "fail" or "skip" and what to do.
#pragma once

#include <span>
#include <string>

namespace kioskctl {
int selftest_command(std::span<const std::string> args);
}
