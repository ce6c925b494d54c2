#include "drivers/masking.hpp"

#include <algorithm>
#include <vector>

namespace drivers {
namespace {

// Byte offsets of code point starts (UTF-8), plus the end.
std::vector<std::size_t> code_points(std::string_view s) {
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) at.push_back(i);
  }
  at.push_back(s.size());
  return at;
}

std::string keep(std::string_view s, std::size_t head, std::size_t tail) {
  const auto at = code_points(s);
  const std::size_t n = at.size() - 1;
  if (n == 0) return {};
  head = std::min(head, n);
  tail = std::min(tail, n - head);
  std::string out(s.substr(0, at[head]));
  out.append(n - head - tail, '*');
  out += s.substr(at[n - tail]);
  return out;
}

}  // namespace

std::string mask_id_number(std::string_view id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  return keep(id, 4, 4);
}

std::string mask_name(std::string_view name) {
  return keep(name, 1, 0);
}

std::string mask_address(std::string_view address) {
  return keep(address, 6, 0);
}

}  // namespace drivers
