// Internal: a font file mapped once per process, read-only, for every face that uses it.
// FreeType and HarfBuzz each used to map the file themselves, and the page loader's own font
// collection mapped it again: up to four mappings of a 20 MB CJK collection, each with its own
// resident pages. And the kernel's fault-around (64 KB of neighbours mapped on every read
// fault) made sparse reads of glyph outlines and layout tables resident in bulk. Here one
// mapping is shared and advised random-access, so what is resident is what was read.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace ui::detail {

class MappedFontFile {
 public:
  // The mapping of `path`, shared with every other user of the same file in this process;
  // null when the file cannot be opened or mapped (or is empty).
  static std::shared_ptr<const MappedFontFile> open(const std::string& path);
  ~MappedFontFile();
  MappedFontFile(const MappedFontFile&) = delete;
  MappedFontFile& operator=(const MappedFontFile&) = delete;

  const unsigned char* data() const { return static_cast<const unsigned char*>(data_); }
  std::size_t size() const { return size_; }

 private:
  MappedFontFile(void* data, std::size_t size) : data_(data), size_(size) {}
  void* data_;
  std::size_t size_;
};

}  // namespace ui::detail
