// libFuzzer target: any bytes as what a USB-serial bridge in front of a SAM ID-card module
// sends: the IN transfers (their sizes chosen by the input), the replies to the set-up's vendor
// reads, the failures of control requests, and the endpoint's wMaxPacketSize. The bridge
// transport (drivers::usb::SerialBridgeTransport and ftdi_strip_status, drivers/src/usb) must
// never crash or hang, and:
//  - FTDI: the data handed up is the transfer less the two modem-status bytes at the start of
//    every packet — checked against a byte-by-byte reading written here; a transfer of status
//    bytes only is "no data yet", never data;
//  - CH340, PL2303, CP210x, CDC-ACM: the transfer is handed up unchanged;
//  - configure() reports a failed control request with a sentence, and succeeds otherwise.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include "drivers/usb/serial_bridge.hpp"
#include "drivers/usb/usb_io.hpp"

namespace {

using drivers::IoResult;
using drivers::IoStatus;

// Plays the input: each bulk IN transfer is a length byte and that many bytes; control
// requests fail when a bit of the input says so.
class ScriptedUsb final : public drivers::usb::UsbIo {
 public:
  explicit ScriptedUsb(std::span<const std::uint8_t> script) : rest_(script) {}
  std::vector<std::vector<std::uint8_t>> delivered;
  std::uint32_t fail_mask = 0;  // control request k fails when bit k is set
  int controls = 0;
  bool any_failed = false;

  IoResult control_out(drivers::usb::ControlSetup, std::span<const std::uint8_t>,
                       std::chrono::milliseconds) override {
    return control();
  }
  IoResult control_in(drivers::usb::ControlSetup, std::vector<std::uint8_t>& into,
                      std::size_t length, std::chrono::milliseconds) override {
    into.assign(length, 0xAA);
    return control();
  }
  IoResult bulk_out(std::uint8_t, std::span<const std::uint8_t> d,
                    std::chrono::milliseconds) override {
    return {IoStatus::Ok, d.size(), {}};
  }
  IoResult bulk_in(std::uint8_t, std::vector<std::uint8_t>& into, std::size_t max_length,
                   std::chrono::milliseconds) override {
    if (rest_.empty()) return {IoStatus::Timeout, 0, {}};
    std::size_t n = std::min<std::size_t>(rest_[0] * 4u, rest_.size() - 1);
    n = std::min(n, max_length);
    std::vector<std::uint8_t> t(rest_.begin() + 1,
                                rest_.begin() + 1 + static_cast<std::ptrdiff_t>(n));
    rest_ = rest_.subspan(1 + n);
    into.insert(into.end(), t.begin(), t.end());
    delivered.push_back(std::move(t));
    return {IoStatus::Ok, n, {}};
  }
  IoResult interrupt_in(std::uint8_t, std::vector<std::uint8_t>&, std::size_t,
                        std::chrono::milliseconds) override {
    return {IoStatus::Timeout, 0, {}};
  }
  std::string describe() const override { return "scripted"; }

 private:
  IoResult control() {
    const bool fail = controls < 32 && ((fail_mask >> controls) & 1u) != 0;
    ++controls;
    if (fail) {
      any_failed = true;
      return {IoStatus::Error, 0, "stall"};
    }
    return {IoStatus::Ok, 0, {}};
  }
  std::span<const std::uint8_t> rest_;
};

// FTDI data bytes by the plain reading: byte i of a transfer is data when it is not one of the
// first two bytes of its packet.
std::vector<std::uint8_t> ftdi_data(const std::vector<std::uint8_t>& t, std::size_t packet) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (i % packet >= 2) out.push_back(t[i]);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 7) return 0;
  using drivers::usb::BridgeChip;
  const auto chip = static_cast<BridgeChip>(data[0] % 5);
  // wMaxPacketSize as a device's descriptor may give it: anything, 0 included.
  const std::uint16_t packet = static_cast<std::uint16_t>(data[1] | (data[2] << 8));
  ScriptedUsb usb(std::span(data + 7, size - 7));
  usb.fail_mask = static_cast<std::uint32_t>(data[3]) | (static_cast<std::uint32_t>(data[4]) << 8) |
                  (static_cast<std::uint32_t>(data[5]) << 16);
  drivers::usb::Endpoints ep;
  ep.bulk_in = 0x81;
  ep.bulk_out = 0x02;
  ep.bulk_in_packet = packet;
  drivers::usb::SerialBridgeTransport bridge(usb, chip, ep, data[6] & 3, (data[6] >> 2) & 3);

  const std::string error = bridge.configure(115200);
  if (usb.any_failed == error.empty()) std::abort();  // a failure unreported, or invented

  // The pure stripper on the whole script at the descriptor's packet size.
  const std::span<const std::uint8_t> whole(data + 7, size - 7);
  const auto stripped = drivers::usb::ftdi_strip_status(whole, packet);
  if (stripped != ftdi_data({whole.begin(), whole.end()}, packet > 0 ? packet : SIZE_MAX))
    std::abort();

  for (int reads = 0; reads < 64; ++reads) {
    std::vector<std::uint8_t> got{0x55};  // read() appends
    const std::size_t before = usb.delivered.size();
    const auto r = bridge.read(got, std::chrono::milliseconds(1));
    if (r.status == IoStatus::Timeout) break;
    if (r.status != IoStatus::Ok || got.size() != 1 + r.bytes || got[0] != 0x55) std::abort();
    got.erase(got.begin());
    std::vector<std::uint8_t> expected;
    for (std::size_t k = before; k < usb.delivered.size(); ++k) {
      // A packet size of 0 (a broken descriptor) makes the whole transfer one packet.
      const auto part = chip == BridgeChip::Ftdi
                            ? ftdi_data(usb.delivered[k], packet > 0 ? packet : SIZE_MAX)
                            : usb.delivered[k];
      expected.insert(expected.end(), part.begin(), part.end());
    }
    if (chip == BridgeChip::Ftdi) {
      if (got.empty()) std::abort();  // status bytes only are not data
      if (got != expected) std::abort();
    } else if (got != expected) {
      std::abort();
    }
  }
  return 0;
}
