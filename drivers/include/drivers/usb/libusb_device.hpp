// Real USB through libusb-1.0: enumerate allowlisted readers, open one (kernel driver detached,
// interface claimed, endpoints found, CCID class descriptor collected), hot-plug notification
// where the platform has it and a rescan otherwise. Every libusb error becomes a sentence; an
// unplug at any moment surfaces as IoStatus::Disconnected and the handle is released cleanly.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "drivers/ccid/descriptor.hpp"
#include "drivers/usb/reader_registry.hpp"
#include "drivers/usb/usb_io.hpp"

struct libusb_context;
struct libusb_device_handle;

namespace drivers::usb {

struct DeviceInfo {
  std::uint16_t vid = 0;
  std::uint16_t pid = 0;
  std::uint8_t bus = 0;
  std::uint8_t address = 0;
  AllowedReader reader;
  std::string where() const;  // "bus 1 device 3"
  bool operator==(const DeviceInfo& o) const { return bus == o.bus && address == o.address; }
};

class LibusbDevice;

class UsbContext {
 public:
  static std::unique_ptr<UsbContext> create(std::string& error);
  ~UsbContext();
  UsbContext(const UsbContext&) = delete;
  UsbContext& operator=(const UsbContext&) = delete;

  // Allowlisted devices present now; `others` (if given) gets "vid:pid" of the rest.
  std::vector<DeviceInfo> list(const std::vector<AllowedReader>& allow,
                               std::vector<std::string>* others = nullptr);
  std::unique_ptr<LibusbDevice> open(const DeviceInfo& info, std::string& error);

  bool hotplug_supported() const { return hotplug_; }
  // Waits up to `timeout` for libusb events; true when a device arrived or left.
  bool wait_for_change(std::chrono::milliseconds timeout);
  void note_change() { changed_ = true; }  // from libusb's hot-plug callback

 private:
  UsbContext() = default;
  libusb_context* ctx_ = nullptr;
  bool hotplug_ = false;
  int hotplug_handle_ = 0;
  bool changed_ = false;
};

class LibusbDevice final : public UsbIo {
 public:
  ~LibusbDevice() override;
  LibusbDevice(const LibusbDevice&) = delete;
  LibusbDevice& operator=(const LibusbDevice&) = delete;

  IoResult control_out(ControlSetup setup, std::span<const std::uint8_t> data,
                       std::chrono::milliseconds timeout) override;
  IoResult control_in(ControlSetup setup, std::vector<std::uint8_t>& into, std::size_t length,
                      std::chrono::milliseconds timeout) override;
  IoResult bulk_out(std::uint8_t endpoint, std::span<const std::uint8_t> data,
                    std::chrono::milliseconds timeout) override;
  IoResult bulk_in(std::uint8_t endpoint, std::vector<std::uint8_t>& into, std::size_t max_length,
                   std::chrono::milliseconds timeout) override;
  IoResult interrupt_in(std::uint8_t endpoint, std::vector<std::uint8_t>& into,
                        std::size_t max_length, std::chrono::milliseconds timeout) override;
  std::string describe() const override { return description_; }

  const Endpoints& endpoints() const { return endpoints_; }
  std::uint8_t interface_number() const { return data_interface_; }
  std::uint8_t control_interface() const { return control_interface_; }
  // Extra descriptor bytes of the claimed interface and its endpoints (the CCID descriptor).
  const std::vector<std::uint8_t>& class_extra() const { return extra_; }
  const DeviceInfo& info() const { return info_; }

 private:
  friend class UsbContext;
  LibusbDevice() = default;
  IoResult result(int rc, int transferred, const char* what) const;

  libusb_device_handle* handle_ = nullptr;
  std::vector<int> claimed_;
  Endpoints endpoints_;
  std::uint8_t data_interface_ = 0;
  std::uint8_t control_interface_ = 0;
  std::vector<std::uint8_t> extra_;
  DeviceInfo info_;
  std::string description_;
};

// A reader ready for its protocol: the transport (bulk or serial bridge, configured), the
// interrupt pipe for CCID slot changes and the CCID class descriptor.
struct OpenedReader {
  DeviceInfo info;
  std::unique_ptr<LibusbDevice> device;
  std::unique_ptr<Transport> transport;
  std::unique_ptr<Transport> interrupt;
  std::optional<ccid::ClassDescriptor> ccid;
  std::string error;
};
OpenedReader open_reader(UsbContext& context, const DeviceInfo& info);

}  // namespace drivers::usb
