#include "image_text.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "utf8.hpp"

extern char** environ;

namespace kiosk {
namespace {

constexpr const char* kNotRead = "这张图片中的文字没能识别出来。";

Error failed(std::string technician, std::string citizen = kNotRead) {
  return Error{"image text: " + std::move(technician), std::move(citizen)};
}

// A private directory for the image (0700), removed with everything in it when done.
class PrivateFile {
 public:
  PrivateFile() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/kiosk-image-XXXXXX";
    if (::mkdtemp(pattern.data()) != nullptr) dir_ = pattern;
  }
  ~PrivateFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
    if (!dir_.empty()) ::rmdir(dir_.c_str());
  }
  PrivateFile(const PrivateFile&) = delete;
  PrivateFile& operator=(const PrivateFile&) = delete;

  // Writes the bytes; the file's path, or empty.
  std::string write(std::string_view bytes) {
    if (dir_.empty()) return {};
    path_ = dir_ + "/image";
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      path_.clear();
      return {};
    }
    std::size_t at = 0;
    while (at < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + at, bytes.size() - at);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      at += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return at == bytes.size() ? path_ : std::string();
  }

 private:
  std::string dir_;
  std::string path_;
};

}  // namespace

bool looks_like_image(std::string_view b) {
  const auto starts = [&](std::string_view magic) { return b.substr(0, magic.size()) == magic; };
  return starts("\x89PNG\r\n\x1a\n") || starts("\xFF\xD8\xFF") || starts("GIF87a") ||
         starts("GIF89a") || starts("BM") || starts("II*\0") || starts("MM\0*") ||
         (starts("RIFF") && b.size() >= 12 && b.substr(8, 4) == "WEBP") ||
         (b.size() >= 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6');
}

std::string tidy_recognised_text(std::string_view raw) {
  std::u32string in;
  for (std::size_t i = 0; i < raw.size();) {
    const auto c = review::next_code_point(raw, i);
    if (!c || *c == 0xFFFD || *c == 0x0C) continue;
    if (*c < 0x20 && *c != '\n') {
      in += ' ';
    } else {
      in += *c;
    }
  }
  const auto wide = [](char32_t c) {
    return review::is_han(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
  };
  std::u32string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char32_t c = in[i];
    if (c == ' ') {
      std::size_t j = i;
      while (j < in.size() && in[j] == ' ') ++j;
      // Between two hanzi (or their punctuation) a space is tesseract's, not the notice's.
      const bool keep = !out.empty() && out.back() != '\n' && j < in.size() && in[j] != '\n' &&
                        !(wide(out.back()) || wide(in[j]));
      if (keep) out += ' ';
      i = j - 1;
      continue;
    }
    if (c == '\n') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      if (out.empty() || (out.size() >= 1 && out.back() == '\n')) continue;  // blank lines
    }
    out += c;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  std::string s;
  for (const char32_t c : out) review::append_code_point(s, c);
  return s;
}

ImageTextReader::ImageTextReader(FetchPolicy policy, std::function<void()> wake,
                                 ImageTextLimits limits)
    : policy_(std::move(policy)), wake_(std::move(wake)), limits_(std::move(limits)) {}

ImageTextReader::~ImageTextReader() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wakeup_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ImageTextReader::recognise(std::string url) {
  std::lock_guard lock(mutex_);
  pending_ = std::move(url);
  done_.reset();
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
  wakeup_.notify_all();
}

bool ImageTextReader::busy() const {
  std::lock_guard lock(mutex_);
  return pending_.has_value() || running_;
}

std::optional<Result<std::string>> ImageTextReader::take() {
  std::lock_guard lock(mutex_);
  return std::exchange(done_, std::nullopt);
}

void ImageTextReader::run() {
  PageFetcher fetcher(policy_);  // its curl handle lives on this thread only
  for (;;) {
    std::string url;
    {
      std::unique_lock lock(mutex_);
      wakeup_.wait(lock, [&] { return stop_ || pending_.has_value(); });
      if (stop_) return;
      url = std::move(*pending_);
      pending_.reset();
      running_ = true;
    }
    Result<std::string> result = read(fetcher, url);
    {
      std::lock_guard lock(mutex_);
      running_ = false;
      if (stop_) return;
      if (pending_) continue;  // replaced meanwhile: only the newest is told
      done_.emplace(std::move(result));
    }
    if (wake_) wake_();
  }
}

Result<std::string> ImageTextReader::read(PageFetcher& fetcher, const std::string& url) {
  if (!fetcher.allowed(url)) {
    return failed(loggable_url(url) + ": origin not allowed", "这张图片来自本机不能访问的网站。");
  }
  const FetchResult f = fetcher.get(url);
  if (!f.ok) {
    return failed("GET " + loggable_url(url) + ": " + f.error,
                  f.user_message.empty() ? kNotRead : f.user_message);
  }
  if (!looks_like_image(f.body)) {
    return failed(loggable_url(url) + ": not an image (" + f.content_type + ")",
                  "这不是能识别文字的图片。");
  }
  PrivateFile file;
  const std::string path = file.write(f.body);
  if (path.empty()) return failed(std::string("temporary file: ") + std::strerror(errno));
  return run_tesseract(path);
}

Result<std::string> ImageTextReader::run_tesseract(const std::string& file) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return failed(std::string("pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // Its own process group, so a time-out kills whatever it started too.
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  std::vector<std::string> args{limits_.program, file, "-", "-l", limits_.language};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  // One thread (the kiosk's cores are few and the UI must stay quick), the rest as kioskd's.
  std::vector<std::string> env_strings{"OMP_THREAD_LIMIT=1"};
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, "OMP_THREAD_LIMIT=", 17) != 0) env_strings.emplace_back(*e);
  }
  std::vector<char*> env;
  for (auto& e : env_strings) env.push_back(e.data());
  env.push_back(nullptr);
  pid_t pid = 0;
  const int rc =
      ::posix_spawnp(&pid, limits_.program.c_str(), &actions, &attr, argv.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    return failed(limits_.program + ": " + std::strerror(rc) + " (apt-get install tesseract-ocr " +
                      "tesseract-ocr-chi-sim)",
                  "本机暂时不能识别图片中的文字。");
  }
  // It shares kioskd's memory limit (the service's cgroup): if memory runs out, the kernel
  // ends tesseract, not the kiosk.
  if (const int fd =
          ::open(("/proc/" + std::to_string(pid) + "/oom_score_adj").c_str(), O_WRONLY | O_CLOEXEC);
      fd >= 0) {
    (void)!::write(fd, "1000", 4);
    ::close(fd);
  }
  std::string text;
  bool timed_out = false;
  bool too_long = false;
  const auto deadline = std::chrono::steady_clock::now() + limits_.time_limit;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    {
      std::lock_guard lock(mutex_);
      if (stop_) timed_out = true;  // the kiosk is stopping: do not wait for it
    }
    if (timed_out || left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 200)));
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) continue;
    char buffer[4096];
    const ssize_t n = ::read(out[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // it closed its output: done
    if (text.size() + static_cast<std::size_t>(n) > limits_.max_output) {
      too_long = true;
      break;
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  if (timed_out || too_long) ::kill(-pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    return failed(limits_.program + ": killed after " + std::to_string(limits_.time_limit.count()) +
                  " ms");
  }
  if (too_long) {
    return failed(limits_.program + ": more than " + std::to_string(limits_.max_output) +
                  " bytes of text");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return failed(
        limits_.program + " exited with " + std::to_string(code) +
            (code == 127 ? " (not installed?)"
                         : " (language data " + limits_.language + " missing, or not an image?)"),
        code == 127 ? "本机暂时不能识别图片中的文字。" : kNotRead);
  }
  std::string tidy = tidy_recognised_text(text);
  if (tidy.empty()) return failed("nothing recognised", "图片中没有识别出文字。");
  return tidy;
}

}  // namespace kiosk
