// The 1024-byte WLT photo of an ID card can only be decoded by a licensed vendor library; the
// kiosk never reverse-engineers the format. This is the plug-in point: a shared object (named
// in the board profile as [readers] photo_decoder) that exports
//
//   extern "C" int kiosk_wlt_decode(const uint8_t* wlt, size_t wlt_size,
//                                   uint8_t* rgb, size_t rgb_capacity,
//                                   int* width, int* height);
//
// returning 0 and an RGB888 picture (102 x 126 for a real decoder) on success. A small adapter
// around the vendor's own API is all a deployment writes.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>

#include "drivers/secure_buffer.hpp"

namespace drivers {

struct DecodedPhoto {
  int width = 0;
  int height = 0;
  SecureBytes rgb;  // a face is personal data: wiped with the photo
};

class PhotoDecoder {
 public:
  static std::unique_ptr<PhotoDecoder> load(const std::string& path, std::string& error);
  ~PhotoDecoder();
  PhotoDecoder(const PhotoDecoder&) = delete;
  PhotoDecoder& operator=(const PhotoDecoder&) = delete;

  std::optional<DecodedPhoto> decode(std::span<const std::uint8_t> wlt, std::string& error) const;

 private:
  PhotoDecoder() = default;
  using DecodeFn = int (*)(const std::uint8_t*, std::size_t, std::uint8_t*, std::size_t, int*,
                           int*);
  void* handle_ = nullptr;
  DecodeFn decode_ = nullptr;
  std::string path_;
};

}  // namespace drivers
