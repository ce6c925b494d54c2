#include "drivers/usb/libusb_device.hpp"

#include <libusb.h>

#include <algorithm>
#include <cstdio>

namespace drivers::usb {
namespace {

std::string libusb_sentence(int rc) {
  switch (rc) {
    case LIBUSB_ERROR_ACCESS:
      return "permission denied (is the kiosk user allowed this device by the udev rule?)";
    case LIBUSB_ERROR_NO_DEVICE:
      return "device unplugged";
    case LIBUSB_ERROR_BUSY:
      return "interface busy (another program or a kernel driver holds it)";
    case LIBUSB_ERROR_TIMEOUT:
      return "timed out";
    case LIBUSB_ERROR_PIPE:
      return "endpoint stalled";
    case LIBUSB_ERROR_OVERFLOW:
      return "device sent more than asked for";
    case LIBUSB_ERROR_NOT_SUPPORTED:
      return "not supported on this platform";
    default:
      break;
  }
  return libusb_strerror(static_cast<libusb_error>(rc));
}

unsigned int ms(std::chrono::milliseconds t) {
  return static_cast<unsigned int>(std::max<std::int64_t>(1, t.count()));
}

int LIBUSB_CALL hotplug_callback(libusb_context*, libusb_device*, libusb_hotplug_event,
                                 void* user) {
  static_cast<UsbContext*>(user)->note_change();
  return 0;  // stay registered
}

}  // namespace

std::string DeviceInfo::where() const {
  char b[48];
  std::snprintf(b, sizeof b, "%04x:%04x on bus %u device %u", vid, pid, bus, address);
  return b;
}

std::unique_ptr<UsbContext> UsbContext::create(std::string& error) {
  std::unique_ptr<UsbContext> c(new UsbContext());
  const int rc = libusb_init(&c->ctx_);
  if (rc != 0) {
    error = "libusb could not start: " + libusb_sentence(rc) + " (is /dev/bus/usb present?)";
    return nullptr;
  }
  if (libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG)) {
    const int h = libusb_hotplug_register_callback(
        c->ctx_,
        static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED |
                                          LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
        LIBUSB_HOTPLUG_NO_FLAGS, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
        LIBUSB_HOTPLUG_MATCH_ANY, hotplug_callback, c.get(), &c->hotplug_handle_);
    c->hotplug_ = h == LIBUSB_SUCCESS;
  }
  return c;
}

UsbContext::~UsbContext() {
  if (hotplug_) libusb_hotplug_deregister_callback(ctx_, hotplug_handle_);
  if (ctx_) libusb_exit(ctx_);
}

bool UsbContext::wait_for_change(std::chrono::milliseconds timeout) {
  changed_ = false;
  if (!hotplug_) return false;  // the caller rescans on its own schedule
  timeval tv{static_cast<time_t>(timeout.count() / 1000),
             static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
  libusb_handle_events_timeout_completed(ctx_, &tv, nullptr);
  return changed_;
}

std::vector<DeviceInfo> UsbContext::list(const std::vector<AllowedReader>& allow,
                                         std::vector<std::string>* others) {
  std::vector<DeviceInfo> out;
  libusb_device** devices = nullptr;
  const ssize_t n = libusb_get_device_list(ctx_, &devices);
  for (ssize_t i = 0; i < n; ++i) {
    libusb_device_descriptor d{};
    if (libusb_get_device_descriptor(devices[i], &d) != 0) continue;
    auto allowed = match(allow, d.idVendor, d.idProduct);
    if (!allowed) {
      if (others && d.bDeviceClass != LIBUSB_CLASS_HUB) {
        char id[16];
        std::snprintf(id, sizeof id, "%04x:%04x", d.idVendor, d.idProduct);
        others->push_back(id);
      }
      continue;
    }
    out.push_back(DeviceInfo{d.idVendor, d.idProduct, libusb_get_bus_number(devices[i]),
                             libusb_get_device_address(devices[i]), *allowed});
  }
  if (n >= 0) libusb_free_device_list(devices, 1);
  return out;
}

std::unique_ptr<LibusbDevice> UsbContext::open(const DeviceInfo& info, std::string& error) {
  libusb_device** devices = nullptr;
  const ssize_t n = libusb_get_device_list(ctx_, &devices);
  libusb_device* found = nullptr;
  for (ssize_t i = 0; i < n; ++i) {
    if (libusb_get_bus_number(devices[i]) == info.bus &&
        libusb_get_device_address(devices[i]) == info.address) {
      found = libusb_ref_device(devices[i]);
    }
  }
  if (n >= 0) libusb_free_device_list(devices, 1);
  if (!found) {
    error = info.where() + ": device gone before it could be opened";
    return nullptr;
  }
  std::unique_ptr<LibusbDevice> dev(new LibusbDevice());
  dev->info_ = info;
  dev->description_ = info.reader.label() + " (" + info.where() + ")";
  libusb_config_descriptor* config = nullptr;
  int rc = libusb_get_active_config_descriptor(found, &config);
  if (rc == 0) rc = libusb_open(found, &dev->handle_);
  libusb_unref_device(found);
  if (rc != 0) {
    if (config) libusb_free_config_descriptor(config);
    error = info.where() + ": cannot open: " + libusb_sentence(rc);
    return nullptr;
  }
  libusb_set_auto_detach_kernel_driver(dev->handle_, 1);
  // Pick the interface that carries the data for this kind of reader.
  const libusb_interface_descriptor* data_if = nullptr;
  const libusb_interface_descriptor* control_if = nullptr;
  for (int i = 0; i < config->bNumInterfaces; ++i) {
    if (config->interface[i].num_altsetting < 1) continue;
    const auto* alt = &config->interface[i].altsetting[0];
    const bool has_bulk = alt->bNumEndpoints >= 2;
    switch (info.reader.kind) {
      case ReaderKind::Ccid:
        if (!data_if && (alt->bInterfaceClass == 0x0B || alt->bInterfaceClass == 0xFF) && has_bulk)
          data_if = alt;
        break;
      case ReaderKind::SamVendorBulk:
        if (!data_if && has_bulk) data_if = alt;
        break;
      case ReaderKind::SamSerial:
        if (info.reader.chip == BridgeChip::CdcAcm) {
          if (alt->bInterfaceClass == 0x02 && !control_if) control_if = alt;
          if (alt->bInterfaceClass == 0x0A && has_bulk && !data_if) data_if = alt;
        } else if (!data_if && has_bulk) {
          data_if = alt;
        }
        break;
    }
  }
  if (!data_if) {
    libusb_free_config_descriptor(config);
    error = dev->description_ + ": no interface with bulk endpoints for this kind of reader";
    return nullptr;
  }
  dev->data_interface_ = data_if->bInterfaceNumber;
  dev->control_interface_ = control_if ? control_if->bInterfaceNumber : data_if->bInterfaceNumber;
  dev->extra_.assign(data_if->extra, data_if->extra + data_if->extra_length);
  for (int e = 0; e < data_if->bNumEndpoints; ++e) {
    const auto& ep = data_if->endpoint[e];
    dev->extra_.insert(dev->extra_.end(), ep.extra, ep.extra + ep.extra_length);
    const int type = ep.bmAttributes & 0x03;
    const bool in = (ep.bEndpointAddress & 0x80) != 0;
    if (type == LIBUSB_TRANSFER_TYPE_BULK && in && !dev->endpoints_.bulk_in) {
      dev->endpoints_.bulk_in = ep.bEndpointAddress;
      // Bits 0-10 are the size (11-12 are high-bandwidth multipliers, not for bulk); a device
      // claiming 0 gets full speed's 64 rather than a packet walk that never advances.
      const std::uint16_t packet = ep.wMaxPacketSize & 0x7FF;
      dev->endpoints_.bulk_in_packet = packet != 0 ? packet : 64;
    } else if (type == LIBUSB_TRANSFER_TYPE_BULK && !in && !dev->endpoints_.bulk_out) {
      dev->endpoints_.bulk_out = ep.bEndpointAddress;
    } else if (type == LIBUSB_TRANSFER_TYPE_INTERRUPT && in && !dev->endpoints_.interrupt_in) {
      dev->endpoints_.interrupt_in = ep.bEndpointAddress;
    }
  }
  libusb_free_config_descriptor(config);
  for (int iface :
       {static_cast<int>(dev->data_interface_), static_cast<int>(dev->control_interface_)}) {
    if (std::find(dev->claimed_.begin(), dev->claimed_.end(), iface) != dev->claimed_.end())
      continue;
    rc = libusb_claim_interface(dev->handle_, iface);
    if (rc != 0) {
      error = dev->description_ + ": cannot claim interface " + std::to_string(iface) + ": " +
              libusb_sentence(rc);
      return nullptr;  // the destructor releases what was claimed and closes
    }
    dev->claimed_.push_back(iface);
  }
  return dev;
}

LibusbDevice::~LibusbDevice() {
  if (!handle_) return;
  for (int iface : claimed_)
    libusb_release_interface(handle_, iface);  // fails harmlessly if unplugged
  libusb_close(handle_);
}

IoResult LibusbDevice::result(int rc, int transferred, const char* what) const {
  if (rc == 0) return {IoStatus::Ok, static_cast<std::size_t>(transferred), {}};
  if (rc == LIBUSB_ERROR_TIMEOUT)
    return {IoStatus::Timeout, static_cast<std::size_t>(transferred), {}};
  if (rc == LIBUSB_ERROR_NO_DEVICE) return {IoStatus::Disconnected, 0, "device unplugged"};
  return {IoStatus::Error, 0, std::string(what) + ": " + libusb_sentence(rc)};
}

IoResult LibusbDevice::control_out(ControlSetup s, std::span<const std::uint8_t> data,
                                   std::chrono::milliseconds timeout) {
  std::vector<std::uint8_t> copy(data.begin(), data.end());
  const int rc =
      libusb_control_transfer(handle_, s.request_type, s.request, s.value, s.index, copy.data(),
                              static_cast<std::uint16_t>(copy.size()), ms(timeout));
  return result(rc < 0 ? rc : 0, rc < 0 ? 0 : rc, "control transfer");
}

IoResult LibusbDevice::control_in(ControlSetup s, std::vector<std::uint8_t>& into,
                                  std::size_t length, std::chrono::milliseconds timeout) {
  std::vector<std::uint8_t> buf(length);
  const int rc =
      libusb_control_transfer(handle_, s.request_type, s.request, s.value, s.index, buf.data(),
                              static_cast<std::uint16_t>(buf.size()), ms(timeout));
  if (rc >= 0) into.insert(into.end(), buf.begin(), buf.begin() + rc);
  return result(rc < 0 ? rc : 0, rc < 0 ? 0 : rc, "control transfer");
}

IoResult LibusbDevice::bulk_out(std::uint8_t endpoint, std::span<const std::uint8_t> data,
                                std::chrono::milliseconds timeout) {
  std::vector<std::uint8_t> copy(data.begin(), data.end());
  int done = 0;
  const int rc = libusb_bulk_transfer(handle_, endpoint, copy.data(), static_cast<int>(copy.size()),
                                      &done, ms(timeout));
  std::fill(copy.begin(), copy.end(), 0);
  if (rc == 0 && done != static_cast<int>(data.size())) {
    return {IoStatus::Error, static_cast<std::size_t>(done),
            "bulk OUT sent only part of the message"};
  }
  return result(rc, done, "bulk OUT");
}

IoResult LibusbDevice::bulk_in(std::uint8_t endpoint, std::vector<std::uint8_t>& into,
                               std::size_t max_length, std::chrono::milliseconds timeout) {
  std::vector<std::uint8_t> buf(max_length);
  int done = 0;
  const int rc = libusb_bulk_transfer(handle_, endpoint, buf.data(), static_cast<int>(buf.size()),
                                      &done, ms(timeout));
  if (rc == 0 || (rc == LIBUSB_ERROR_TIMEOUT && done > 0)) {
    into.insert(into.end(), buf.begin(), buf.begin() + done);
    std::fill(buf.begin(), buf.end(), 0);
    return {IoStatus::Ok, static_cast<std::size_t>(done), {}};
  }
  return result(rc, done, "bulk IN");
}

IoResult LibusbDevice::interrupt_in(std::uint8_t endpoint, std::vector<std::uint8_t>& into,
                                    std::size_t max_length, std::chrono::milliseconds timeout) {
  std::vector<std::uint8_t> buf(max_length);
  int done = 0;
  const int rc = libusb_interrupt_transfer(handle_, endpoint, buf.data(),
                                           static_cast<int>(buf.size()), &done, ms(timeout));
  if (rc == 0) into.insert(into.end(), buf.begin(), buf.begin() + done);
  return result(rc, done, "interrupt IN");
}

OpenedReader open_reader(UsbContext& context, const DeviceInfo& info) {
  OpenedReader out;
  out.info = info;
  out.device = context.open(info, out.error);
  if (!out.device) return out;
  auto& dev = *out.device;
  const Endpoints ep = dev.endpoints();
  if (!ep.bulk_in || !ep.bulk_out) {
    out.error = dev.describe() + ": bulk endpoints missing";
    out.device.reset();
    return out;
  }
  switch (info.reader.kind) {
    case ReaderKind::Ccid: {
      auto found = ccid::find_class_descriptor(dev.class_extra());
      if (!found.descriptor) {
        out.error = dev.describe() + ": " + found.error;
        out.device.reset();
        return out;
      }
      out.ccid = found.descriptor;
      out.transport = std::make_unique<BulkTransport>(
          dev, ep, std::min<std::size_t>(found.descriptor->max_message_length, 65536 + 10));
      if (ep.interrupt_in)
        out.interrupt = std::make_unique<InterruptTransport>(dev, ep.interrupt_in);
      break;
    }
    case ReaderKind::SamVendorBulk:
      out.transport = std::make_unique<BulkTransport>(dev, ep, 4096);
      break;
    case ReaderKind::SamSerial: {
      auto bridge = std::make_unique<SerialBridgeTransport>(
          dev, info.reader.chip, ep, dev.interface_number(), dev.control_interface());
      if (auto err = bridge->configure(115200); !err.empty()) {
        out.error = err;
        out.device.reset();
        return out;
      }
      out.transport = std::move(bridge);
      break;
    }
  }
  return out;
}

}  // namespace drivers::usb
