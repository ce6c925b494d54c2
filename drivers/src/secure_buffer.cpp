#include "drivers/secure_buffer.hpp"

#include <string.h>

namespace drivers {

void secure_wipe(void* data, std::size_t size) {
  if (data != nullptr && size > 0) explicit_bzero(data, size);  // glibc: never elided
}

void SecureBytes::wipe() {
  secure_wipe(bytes_.data(), bytes_.capacity());
  bytes_.clear();
}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept {
  if (this != &other) {
    wipe();
    bytes_ = std::move(other.bytes_);
    other.wipe();
  }
  return *this;
}

void SecureString::wipe() {
  secure_wipe(text_.data(), text_.capacity());
  text_.clear();
}

SecureString& SecureString::operator=(const SecureString& other) {
  if (this != &other) {
    wipe();
    text_ = other.text_;
  }
  return *this;
}

SecureString& SecureString::operator=(SecureString&& other) noexcept {
  if (this != &other) {
    wipe();
    text_ = std::move(other.text_);
    other.wipe();
  }
  return *this;
}

}  // namespace drivers
