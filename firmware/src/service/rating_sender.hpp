// Sends a 好差评 rating to the gateway off the UI thread, with the kiosk's own PageFetcher
// (libcurl, the board's origin allowlist, its timeouts) on a thread of its own: the Loader
// stays free for the citizen's pages, and the rating carries no cookie of the citizen's
// session, so the gateway cannot tie it to the person. One rating at a time.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "browse/page_fetcher.hpp"
#include "kiosk/result.hpp"

namespace kiosk {

class RatingSender {
 public:
  // `wake` is called on the sender's thread when a result is ready.
  RatingSender(FetchPolicy policy, std::function<void()> wake);
  ~RatingSender();
  RatingSender(const RatingSender&) = delete;
  RatingSender& operator=(const RatingSender&) = delete;

  // POSTs `urlencoded` to `url`; a rating still waiting to go is replaced.
  void send(std::string url, std::string urlencoded);
  bool busy() const;
  // The finished rating's result, once.
  std::optional<Result<void>> take();

 private:
  void run();

  FetchPolicy policy_;
  std::function<void()> wake_;
  mutable std::mutex mutex_;
  std::condition_variable wakeup_;
  std::optional<std::pair<std::string, std::string>> pending_;
  std::optional<Result<void>> done_;
  bool running_ = false;
  bool stop_ = false;
  std::thread thread_;  // last: starts after everything above exists
};

}  // namespace kiosk
