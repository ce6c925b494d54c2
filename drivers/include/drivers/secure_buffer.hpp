// Personal data (ID fields, photos, PINs) lives in these: the bytes are wiped when the buffer
// is destroyed, moved from or wiped on purpose (card removed, timeout, session end), with a
// write the compiler may not optimise away.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace drivers {

void secure_wipe(void* data, std::size_t size);

class SecureBytes {
 public:
  SecureBytes() = default;
  explicit SecureBytes(std::span<const std::uint8_t> data) : bytes_(data.begin(), data.end()) {}
  SecureBytes(const SecureBytes&) = delete;
  SecureBytes& operator=(const SecureBytes&) = delete;
  SecureBytes(SecureBytes&& other) noexcept : bytes_(std::move(other.bytes_)) { other.wipe(); }
  SecureBytes& operator=(SecureBytes&& other) noexcept;
  ~SecureBytes() { wipe(); }

  void wipe();
  std::span<const std::uint8_t> view() const { return bytes_; }
  std::size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }

 private:
  std::vector<std::uint8_t> bytes_;
};

class SecureString {
 public:
  SecureString() = default;
  explicit SecureString(std::string_view text) : text_(text) {}
  SecureString(const SecureString& other) : text_(other.text_) {}
  SecureString& operator=(const SecureString& other);
  SecureString(SecureString&& other) noexcept : text_(std::move(other.text_)) { other.wipe(); }
  SecureString& operator=(SecureString&& other) noexcept;
  ~SecureString() { wipe(); }

  void wipe();
  // Typing into a field: grows without leaving a copy behind in a freed block (the old buffer
  // is wiped before it is released).
  void append(std::string_view more);
  // Keeps the first `size` bytes; the rest are wiped.
  void truncate(std::size_t size);
  // Clear text, for the one place that needs it (a form field the citizen asked to fill);
  // logs and displays use the masked formatters instead.
  std::string_view reveal() const { return text_; }
  bool empty() const { return text_.empty(); }

 private:
  std::string text_;
};

}  // namespace drivers
