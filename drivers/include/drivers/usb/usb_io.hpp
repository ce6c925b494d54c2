// The few USB operations the transports need, as an interface: libusb implements it for real
// devices (LibusbDevice) and tests implement it to check the exact control requests each
// USB-serial bridge needs and how IN data is unpacked.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "drivers/transport.hpp"

namespace drivers::usb {

struct ControlSetup {
  std::uint8_t request_type = 0;  // bmRequestType
  std::uint8_t request = 0;
  std::uint16_t value = 0;
  std::uint16_t index = 0;
};

class UsbIo {
 public:
  virtual ~UsbIo() = default;
  virtual IoResult control_out(ControlSetup setup, std::span<const std::uint8_t> data,
                               std::chrono::milliseconds timeout) = 0;
  virtual IoResult control_in(ControlSetup setup, std::vector<std::uint8_t>& into,
                              std::size_t length, std::chrono::milliseconds timeout) = 0;
  virtual IoResult bulk_out(std::uint8_t endpoint, std::span<const std::uint8_t> data,
                            std::chrono::milliseconds timeout) = 0;
  // Appends one transfer (up to `max_length` bytes) to `into`.
  virtual IoResult bulk_in(std::uint8_t endpoint, std::vector<std::uint8_t>& into,
                           std::size_t max_length, std::chrono::milliseconds timeout) = 0;
  virtual IoResult interrupt_in(std::uint8_t endpoint, std::vector<std::uint8_t>& into,
                                std::size_t max_length, std::chrono::milliseconds timeout) = 0;
  virtual std::string describe() const = 0;
};

struct Endpoints {
  std::uint8_t bulk_in = 0;
  std::uint8_t bulk_out = 0;
  std::uint8_t interrupt_in = 0;  // 0 = none
  std::uint16_t bulk_in_packet = 64;
};

// A bulk pipe as a Transport: vendor-bulk ID readers and CCID readers.
class BulkTransport final : public Transport {
 public:
  BulkTransport(UsbIo& io, Endpoints endpoints, std::size_t max_transfer = 65536 + 10)
      : io_(io), ep_(endpoints), max_transfer_(max_transfer) {}
  IoResult write(std::span<const std::uint8_t> bytes) override;
  IoResult read(std::vector<std::uint8_t>& into, std::chrono::milliseconds timeout) override;
  std::string describe() const override { return io_.describe(); }

 private:
  UsbIo& io_;
  Endpoints ep_;
  std::size_t max_transfer_;
};

// The interrupt-IN pipe (CCID NotifySlotChange) as a read-only Transport.
class InterruptTransport final : public Transport {
 public:
  InterruptTransport(UsbIo& io, std::uint8_t endpoint) : io_(io), endpoint_(endpoint) {}
  IoResult write(std::span<const std::uint8_t>) override {
    return {IoStatus::Error, 0, "interrupt endpoint is IN only"};
  }
  IoResult read(std::vector<std::uint8_t>& into, std::chrono::milliseconds timeout) override {
    return io_.interrupt_in(endpoint_, into, 64, timeout);
  }
  std::string describe() const override { return io_.describe() + " (interrupt)"; }

 private:
  UsbIo& io_;
  std::uint8_t endpoint_;
};

}  // namespace drivers::usb
