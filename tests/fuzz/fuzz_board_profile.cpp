// libFuzzer target: any bytes as a board profile. Must never crash; a refusal must say why.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "board/profile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto result = board::load_profile_text(text, "fuzz.toml");
  if (!result.profile && result.error.empty()) std::abort();  // refused without a reason
  return 0;
}
