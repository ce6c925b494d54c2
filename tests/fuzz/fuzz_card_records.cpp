// libFuzzer target: any bytes as ID-reader replies (SAM frames) and as ID text records.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "drivers/resident_id.hpp"
#include "drivers/sam_protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> input(data, size);
  // A stream of replies: parsing always makes progress or asks for more.
  while (!input.empty()) {
    const auto r = drivers::sam::parse_reply(input);
    if (r.consumed > input.size()) std::abort();
    if (r.status == drivers::sam::ParseStatus::NeedMore && r.consumed == 0) break;
    if (r.consumed == 0) std::abort();
    input = input.subspan(r.consumed);
  }
  if (size >= 256) {
    const auto card = drivers::parse_id_text(std::span(data, 256), {2026, 11, 25});
    if (!card.card && card.error.empty()) std::abort();
  }
  return 0;
}
