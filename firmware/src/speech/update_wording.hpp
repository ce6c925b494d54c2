// Every word of a USB-stick update, heard and read: the Announcer says them
// (announcer_update.cpp) and the update screens and the staff menu (upkeep/update_pages.cpp)
// show the same sentences.
#pragma once

#include <string>

namespace kiosk::update_words {

std::string menu_item(const std::string& version);  // 安装U盘中的更新（版本 1.0.1）
std::string after_session();
std::string running_title();
std::string running_text();
std::string finished_title(bool installed);
std::string finished_text(bool installed);

}  // namespace kiosk::update_words
