// kioskctl prints what it finds as JSON lines: one object per line, flushed at once, so a
// technician reads it on the console and a script or the fleet agent parses it.
#pragma once

#include <iostream>
#include <nlohmann/json.hpp>

namespace kioskctl {

inline void emit(const nlohmann::json& j) {
  std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
}

}  // namespace kioskctl
