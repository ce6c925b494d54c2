// USB-serial bridges in front of SAM ID-card modules, driven from user space through libusb
// (no kernel tty driver involved): each chip's vendor requests for 115200 8N1, DTR/RTS on,
// and its IN packet format (FTDI prefixes every packet with two modem-status bytes).
#pragma once

#include <string>

#include "drivers/usb/usb_io.hpp"

namespace drivers::usb {

enum class BridgeChip { Ftdi, Ch340, Pl2303, Cp210x, CdcAcm };

const char* bridge_name(BridgeChip chip);

class SerialBridgeTransport final : public Transport {
 public:
  // `interface_number` is the interface whose endpoints carry data (for CDC-ACM, the control
  // requests go to `control_interface`).
  SerialBridgeTransport(UsbIo& io, BridgeChip chip, Endpoints endpoints,
                        std::uint16_t interface_number = 0, std::uint16_t control_interface = 0);
  // Sends the chip's set-up sequence; returns an error sentence or "".
  std::string configure(std::uint32_t baud = 115200);

  IoResult write(std::span<const std::uint8_t> bytes) override;
  IoResult read(std::vector<std::uint8_t>& into, std::chrono::milliseconds timeout) override;
  std::string describe() const override;

 private:
  std::string control(ControlSetup setup, std::span<const std::uint8_t> data = {});
  std::string vendor_read(ControlSetup setup, std::size_t length);

  UsbIo& io_;
  BridgeChip chip_;
  Endpoints ep_;
  std::uint16_t interface_;
  std::uint16_t control_interface_;
};

// FTDI: strip the two status bytes at the start of every `packet_size` chunk of an IN transfer
// (a `packet_size` of 0, from a broken descriptor, makes the whole transfer one packet).
std::vector<std::uint8_t> ftdi_strip_status(std::span<const std::uint8_t> transfer,
                                            std::size_t packet_size);
// FTDI baud divisor (3 MHz base, eighths encoded in bits 14-16): wValue and wIndex.
std::pair<std::uint16_t, std::uint16_t> ftdi_baud_divisor(std::uint32_t baud);

}  // namespace drivers::usb
