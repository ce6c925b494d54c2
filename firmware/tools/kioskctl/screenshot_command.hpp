// kioskctl screenshot: what the running kioskd shows right now, saved as a PNG.
#pragma once

#include <span>
#include <string>

namespace kioskctl {
int screenshot_command(std::span<const std::string> args);
}
