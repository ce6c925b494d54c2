#include "drivers/usb/serial_bridge.hpp"

#include <algorithm>

namespace drivers::usb {
namespace {

constexpr auto kControlTimeout = std::chrono::milliseconds(1000);
constexpr std::uint8_t kVendorOut = 0x40, kVendorIn = 0xC0;
constexpr std::uint8_t kClassOut = 0x21;            // class request to an interface
constexpr std::uint8_t kInterfaceVendorOut = 0x41;  // CP210x: vendor request to an interface

std::vector<std::uint8_t> line_coding(std::uint32_t baud) {
  // CDC SET_LINE_CODING: dwDTERate, bCharFormat (1 stop), bParityType (none), bDataBits (8).
  return {static_cast<std::uint8_t>(baud),
          static_cast<std::uint8_t>(baud >> 8),
          static_cast<std::uint8_t>(baud >> 16),
          static_cast<std::uint8_t>(baud >> 24),
          0,
          0,
          8};
}

}  // namespace

const char* bridge_name(BridgeChip chip) {
  switch (chip) {
    case BridgeChip::Ftdi:
      return "FTDI FT232";
    case BridgeChip::Ch340:
      return "WCH CH340";
    case BridgeChip::Pl2303:
      return "Prolific PL2303";
    case BridgeChip::Cp210x:
      return "Silicon Labs CP210x";
    case BridgeChip::CdcAcm:
      return "CDC-ACM";
  }
  return "serial bridge";
}

std::vector<std::uint8_t> ftdi_strip_status(std::span<const std::uint8_t> transfer,
                                            std::size_t packet_size) {
  std::vector<std::uint8_t> out;
  out.reserve(transfer.size());
  // A descriptor claiming a packet size of 0 would make this loop for ever: the whole transfer
  // is then taken as one packet.
  if (packet_size == 0) packet_size = std::max<std::size_t>(transfer.size(), 1);
  for (std::size_t at = 0; at < transfer.size(); at += packet_size) {
    const std::size_t end = std::min(transfer.size(), at + packet_size);
    if (end - at > 2)
      out.insert(out.end(), transfer.begin() + static_cast<std::ptrdiff_t>(at + 2),
                 transfer.begin() + static_cast<std::ptrdiff_t>(end));
  }
  return out;
}

std::pair<std::uint16_t, std::uint16_t> ftdi_baud_divisor(std::uint32_t baud) {
  // divisor = 3 000 000 / baud in eighths; the fraction is coded 0, 1/8 ... as FTDI's table.
  static const std::uint32_t frac_code[8] = {0, 3, 2, 4, 1, 5, 6, 7};
  std::uint32_t div8 = (3000000u * 8u + baud / 2) / baud;
  std::uint32_t divisor = div8 >> 3;
  const std::uint32_t encoded = divisor | (frac_code[div8 & 7] << 14);
  if (divisor == 1 && (div8 & 7) == 0) return {1, 0};  // 2 Mbaud special case
  return {static_cast<std::uint16_t>(encoded), static_cast<std::uint16_t>(encoded >> 16)};
}

SerialBridgeTransport::SerialBridgeTransport(UsbIo& io, BridgeChip chip, Endpoints endpoints,
                                             std::uint16_t interface_number,
                                             std::uint16_t control_interface)
    : io_(io),
      chip_(chip),
      ep_(endpoints),
      interface_(interface_number),
      control_interface_(control_interface) {}

std::string SerialBridgeTransport::describe() const {
  return std::string(bridge_name(chip_)) + " bridge, " + io_.describe();
}

std::string SerialBridgeTransport::control(ControlSetup setup, std::span<const std::uint8_t> data) {
  auto r = io_.control_out(setup, data, kControlTimeout);
  if (r.status == IoStatus::Ok) return {};
  return describe() + ": control request 0x" + std::to_string(setup.request) +
         " failed: " + r.error;
}

std::string SerialBridgeTransport::vendor_read(ControlSetup setup, std::size_t length) {
  std::vector<std::uint8_t> ignored;
  auto r = io_.control_in(setup, ignored, length, kControlTimeout);
  if (r.status == IoStatus::Ok) return {};
  return describe() + ": vendor read 0x" + std::to_string(setup.value) + " failed: " + r.error;
}

std::string SerialBridgeTransport::configure(std::uint32_t baud) {
  std::string e;
  auto step = [&](std::string err) {
    if (e.empty()) e = std::move(err);
    return e.empty();
  };
  switch (chip_) {
    case BridgeChip::Ftdi: {
      const std::uint16_t port = static_cast<std::uint16_t>(interface_ + 1);  // A = 1
      const auto [value, index_hi] = ftdi_baud_divisor(baud);
      step(control({kVendorOut, 0x00, 0x0000, port}));  // reset
      // Single-port chips take the divisor's bit 16 in wIndex, not a port number.
      step(control({kVendorOut, 0x03, value, index_hi}));
      step(control({kVendorOut, 0x04, 0x0008, port}));  // 8 data bits, no parity, 1 stop
      step(control({kVendorOut, 0x02, 0x0000, port}));  // no flow control
      step(control({kVendorOut, 0x01, 0x0303, port}));  // DTR and RTS on
      step(control({kVendorOut, 0x09, 0x0002, port}));  // latency timer 2 ms: replies arrive sooner
      step(control({kVendorOut, 0x00, 0x0001, port}));  // purge RX
      step(control({kVendorOut, 0x00, 0x0002, port}));  // purge TX
      break;
    }
    case BridgeChip::Ch340: {
      // Divisor scheme of the CH34x family: factor = 1532620800 / baud, prescaler 3.
      std::uint32_t factor = 1532620800u / baud;
      std::uint16_t divisor = 3;
      while (factor > 0xFFF0 && divisor > 0) {
        factor >>= 3;
        --divisor;
      }
      factor = 0x10000 - factor;
      const std::uint16_t a = static_cast<std::uint16_t>((factor & 0xFF00) | divisor);
      const std::uint16_t b = static_cast<std::uint16_t>(factor & 0xFF);
      step(vendor_read({kVendorIn, 0x5F, 0, 0}, 2));      // chip version
      step(control({kVendorOut, 0xA1, 0, 0}));            // serial init
      step(control({kVendorOut, 0x9A, 0x1312, a}));       // baud prescaler/divisor
      step(control({kVendorOut, 0x9A, 0x0F2C, b}));       // baud fine
      step(control({kVendorOut, 0x9A, 0x2518, 0x00C3}));  // LCR: RX+TX on, 8N1
      step(control({kVendorOut, 0xA4, static_cast<std::uint16_t>(~0x60 & 0xFF), 0}));  // DTR RTS
      break;
    }
    case BridgeChip::Pl2303: {
      // Start-up handshake the chip expects, then CDC line coding.
      step(vendor_read({kVendorIn, 0x01, 0x8484, 0}, 1));
      step(control({kVendorOut, 0x01, 0x0404, 0}));
      step(vendor_read({kVendorIn, 0x01, 0x8484, 0}, 1));
      step(vendor_read({kVendorIn, 0x01, 0x8383, 0}, 1));
      step(vendor_read({kVendorIn, 0x01, 0x8484, 0}, 1));
      step(control({kVendorOut, 0x01, 0x0404, 1}));
      step(vendor_read({kVendorIn, 0x01, 0x8484, 0}, 1));
      step(vendor_read({kVendorIn, 0x01, 0x8383, 0}, 1));
      step(control({kVendorOut, 0x01, 0x0000, 1}));
      step(control({kVendorOut, 0x01, 0x0001, 0}));
      step(control({kVendorOut, 0x01, 0x0002, 0x44}));
      const auto lc = line_coding(baud);
      step(control({kClassOut, 0x20, 0, interface_}, lc));
      step(control({kClassOut, 0x22, 0x0003, interface_}));
      break;
    }
    case BridgeChip::Cp210x: {
      const std::uint8_t rate[4] = {
          static_cast<std::uint8_t>(baud), static_cast<std::uint8_t>(baud >> 8),
          static_cast<std::uint8_t>(baud >> 16), static_cast<std::uint8_t>(baud >> 24)};
      step(control({kInterfaceVendorOut, 0x00, 0x0001, interface_}));        // IFC_ENABLE
      step(control({kInterfaceVendorOut, 0x1E, 0x0000, interface_}, rate));  // SET_BAUDRATE
      step(control({kInterfaceVendorOut, 0x03, 0x0800, interface_}));        // SET_LINE_CTL 8N1
      step(control({kInterfaceVendorOut, 0x07, 0x0303, interface_}));        // SET_MHS DTR RTS
      break;
    }
    case BridgeChip::CdcAcm: {
      const auto lc = line_coding(baud);
      step(control({kClassOut, 0x20, 0, control_interface_}, lc));
      step(control({kClassOut, 0x22, 0x0003, control_interface_}));
      break;
    }
  }
  return e;
}

IoResult SerialBridgeTransport::write(std::span<const std::uint8_t> bytes) {
  return io_.bulk_out(ep_.bulk_out, bytes, std::chrono::milliseconds(2000));
}

IoResult SerialBridgeTransport::read(std::vector<std::uint8_t>& into,
                                     std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    std::vector<std::uint8_t> transfer;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    auto r = io_.bulk_in(ep_.bulk_in, transfer, 4096, std::max(left, std::chrono::milliseconds(1)));
    if (r.status != IoStatus::Ok) return r;
    if (chip_ == BridgeChip::Ftdi) {
      // An FTDI chip answers every poll with at least its two status bytes: that is "no data
      // yet", not data.
      auto data = ftdi_strip_status(transfer, ep_.bulk_in_packet);
      if (data.empty()) {
        if (std::chrono::steady_clock::now() >= deadline) return {IoStatus::Timeout, 0, {}};
        continue;
      }
      into.insert(into.end(), data.begin(), data.end());
      return {IoStatus::Ok, data.size(), {}};
    }
    into.insert(into.end(), transfer.begin(), transfer.end());
    return {IoStatus::Ok, transfer.size(), {}};
  }
}

}  // namespace drivers::usb
