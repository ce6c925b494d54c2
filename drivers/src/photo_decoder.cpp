#include "drivers/photo_decoder.hpp"

#include <dlfcn.h>

#include <vector>

namespace drivers {

std::unique_ptr<PhotoDecoder> PhotoDecoder::load(const std::string& path, std::string& error) {
  std::unique_ptr<PhotoDecoder> d(new PhotoDecoder());
  d->path_ = path;
  d->handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (d->handle_ == nullptr) {
    const char* why = dlerror();
    error = "photo decoder " + path + " could not be loaded: " + (why ? why : "unknown error");
    return nullptr;
  }
  d->decode_ = reinterpret_cast<DecodeFn>(dlsym(d->handle_, "kiosk_wlt_decode"));
  if (d->decode_ == nullptr) {
    error = "photo decoder " + path + " does not export kiosk_wlt_decode";
    return nullptr;  // the destructor closes the handle
  }
  return d;
}

PhotoDecoder::~PhotoDecoder() {
  if (handle_ != nullptr) dlclose(handle_);
}

std::optional<DecodedPhoto> PhotoDecoder::decode(std::span<const std::uint8_t> wlt,
                                                 std::string& error) const {
  constexpr int kMaxSide = 1024;
  std::vector<std::uint8_t> rgb(static_cast<std::size_t>(kMaxSide) * kMaxSide * 3);
  int w = 0;
  int h = 0;
  const int rc = decode_(wlt.data(), wlt.size(), rgb.data(), rgb.size(), &w, &h);
  if (rc != 0 || w <= 0 || h <= 0 || w > kMaxSide || h > kMaxSide) {
    secure_wipe(rgb.data(), rgb.size());
    error = "photo decoder " + path_ + " failed (code " + std::to_string(rc) + ", " +
            std::to_string(w) + "x" + std::to_string(h) + ")";
    return std::nullopt;
  }
  DecodedPhoto out{w, h, SecureBytes(std::span(rgb).first(static_cast<std::size_t>(w) * h * 3))};
  secure_wipe(rgb.data(), rgb.size());
  return out;
}

}  // namespace drivers
