#include "drivers/usb/usb_io.hpp"

namespace drivers::usb {

IoResult BulkTransport::write(std::span<const std::uint8_t> bytes) {
  return io_.bulk_out(ep_.bulk_out, bytes, std::chrono::milliseconds(2000));
}

IoResult BulkTransport::read(std::vector<std::uint8_t>& into, std::chrono::milliseconds timeout) {
  return io_.bulk_in(ep_.bulk_in, into, max_transfer_, timeout);
}

}  // namespace drivers::usb
