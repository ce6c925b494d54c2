#include "drivers/secure_buffer.hpp"

#include <algorithm>

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

void SecureString::append(std::string_view more) {
  if (text_.size() + more.size() > text_.capacity()) {
    std::string grown;
    grown.reserve(std::max<std::size_t>(64, 2 * (text_.size() + more.size())));
    grown = text_;
    wipe();
    text_.swap(grown);
  }
  text_.append(more);
}

void SecureString::truncate(std::size_t size) {
  if (size >= text_.size()) return;
  secure_wipe(text_.data() + size, text_.size() - size);
  text_.resize(size);
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
