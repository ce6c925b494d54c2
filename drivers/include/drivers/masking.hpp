// Masked formatters: every log line and every display of personal data goes through these.
#pragma once

#include <string>
#include <string_view>

namespace drivers {

// 310101199001011234 -> 3101**********1234 (first 4 and last 4 kept)
std::string mask_id_number(std::string_view id);
// 张三 -> 张*, 欧阳娜娜 -> 欧***, Zhang San -> Z********
std::string mask_name(std::string_view name);
// An address keeps its first 6 characters: 上海市黄浦区******
std::string mask_address(std::string_view address);

}  // namespace drivers
