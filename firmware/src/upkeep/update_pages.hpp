// The screens of a USB-stick update, as posters (the words alone, large, centred; nothing to
// choose): running, and how it ended. Worded in speech/update_wording.cpp, as they are said.
#pragma once

#include <string>

#include "ui/document.hpp"

namespace kiosk {

ui::Document update_running_page(const std::string& version);
// `reason`: the technician's, shown small under the citizen's sentence when not installed.
ui::Document update_finished_page(bool installed, const std::string& reason);

}  // namespace kiosk
