// A byte pipe to a reader, below every protocol: real USB transports (libusb bulk, USB-serial
// bridges, CDC-ACM) and the software emulators implement it, so protocols are tested without
// USB and `make run` can use an emulated reader.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace drivers {

enum class IoStatus { Ok, Timeout, Disconnected, Error };

struct IoResult {
  IoStatus status = IoStatus::Ok;
  std::size_t bytes = 0;
  std::string error;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual IoResult write(std::span<const std::uint8_t> bytes) = 0;
  // Reads what is available, waiting up to `timeout` for the first byte.
  virtual IoResult read(std::vector<std::uint8_t>& into, std::chrono::milliseconds timeout) = 0;
  virtual std::string describe() const = 0;
};

}  // namespace drivers
