#include "mapped_font_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <map>
#include <mutex>

namespace ui::detail {

std::shared_ptr<const MappedFontFile> MappedFontFile::open(const std::string& path) {
  // Font collections are loaded on the UI thread and on the page loader's thread.
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const MappedFontFile>> mapped;
  const std::lock_guard lock(mutex);
  if (auto existing = mapped[path].lock()) return existing;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st {};
  if (fstat(fd, &st) != 0 || st.st_size <= 0) {
    ::close(fd);
    return nullptr;
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  void* data = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);  // the mapping keeps the file
  if (data == MAP_FAILED) return nullptr;
  madvise(data, size, MADV_RANDOM);  // no read-ahead, no fault-around: only pages read
  std::shared_ptr<const MappedFontFile> file(new MappedFontFile(data, size));
  mapped[path] = file;
  return file;
}

MappedFontFile::~MappedFontFile() {
  munmap(data_, size_);
}

}  // namespace ui::detail
