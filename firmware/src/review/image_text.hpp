// Text in an image (a notice posted as a picture), recognised on request: the image fetched
// with the page fetcher's rules (the board's origins on every hop, its size limit and
// timeouts; without the citizen's cookies), written to a private temporary file, and read by
// tesseract (chi_sim) in a process of its own, with a time limit (killed after) and a bound on
// what it may print. All of it on the reader's own thread, started at the first request: the
// UI thread only asks and later takes the result.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "browse/page_fetcher.hpp"
#include "kiosk/result.hpp"

namespace kiosk {

struct ImageTextLimits {
  std::string program = "tesseract";  // found on PATH
  std::string language = "chi_sim";
  std::chrono::milliseconds time_limit{20'000};
  std::size_t max_output = 64 * 1024;  // bytes of recognised text kept
};

class ImageTextReader {
 public:
  // `wake` is called on the reader's thread when a result is ready.
  ImageTextReader(FetchPolicy policy, std::function<void()> wake, ImageTextLimits limits = {});
  ~ImageTextReader();
  ImageTextReader(const ImageTextReader&) = delete;
  ImageTextReader& operator=(const ImageTextReader&) = delete;

  // Recognises the image at `url` (absolute); a request still waiting is replaced.
  void recognise(std::string url);
  bool busy() const;
  // The finished recognition, once: the text (spaces tesseract puts between hanzi removed), or
  // why not, with the citizen's sentence.
  std::optional<Result<std::string>> take();

 private:
  void run();
  Result<std::string> read(PageFetcher& fetcher, const std::string& url);
  Result<std::string> run_tesseract(const std::string& file);

  FetchPolicy policy_;
  std::function<void()> wake_;
  ImageTextLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable wakeup_;
  std::optional<std::string> pending_;
  std::optional<Result<std::string>> done_;
  bool running_ = false;
  bool stop_ = false;
  std::thread thread_;  // started by the first request
};

// What tesseract printed, made readable: spaces between hanzi dropped (it separates every
// character), runs of blank lines and spaces folded, control characters removed.
std::string tidy_recognised_text(std::string_view raw);

// Whether `bytes` start as an image tesseract reads (PNG, JPEG, GIF, BMP, TIFF, WebP, PNM).
bool looks_like_image(std::string_view bytes);

}  // namespace kiosk
