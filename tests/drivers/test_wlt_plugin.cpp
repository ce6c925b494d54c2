// A stand-in for a vendor's licensed WLT decoder, for the plug-in test: it does not decode
// anything, it returns a grey 102x126 picture for any 1024-byte input.
#include <cstddef>
#include <cstdint>
#include <cstring>

extern "C" int kiosk_wlt_decode(const std::uint8_t*, std::size_t wlt_size, std::uint8_t* rgb,
                                std::size_t capacity, int* width, int* height) {
  if (wlt_size != 1024 || capacity < 102 * 126 * 3) return 1;
  std::memset(rgb, 0x80, 102 * 126 * 3);
  *width = 102;
  *height = 126;
  return 0;
}
