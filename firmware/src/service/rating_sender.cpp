#include "rating_sender.hpp"

namespace kiosk {

RatingSender::RatingSender(FetchPolicy policy, std::function<void()> wake)
    : policy_(std::move(policy)), wake_(std::move(wake)), thread_([this] { run(); }) {}

RatingSender::~RatingSender() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wakeup_.notify_all();
  thread_.join();
}

void RatingSender::send(std::string url, std::string urlencoded) {
  std::lock_guard lock(mutex_);
  pending_.emplace(std::move(url), std::move(urlencoded));
  done_.reset();
  wakeup_.notify_all();
}

bool RatingSender::busy() const {
  std::lock_guard lock(mutex_);
  return pending_.has_value() || running_;
}

std::optional<Result<void>> RatingSender::take() {
  std::lock_guard lock(mutex_);
  return std::exchange(done_, std::nullopt);
}

void RatingSender::run() {
  PageFetcher fetcher(policy_);  // its curl handle lives on this thread only
  for (;;) {
    std::pair<std::string, std::string> job;
    {
      std::unique_lock lock(mutex_);
      wakeup_.wait(lock, [&] { return stop_ || pending_.has_value(); });
      if (stop_) return;
      job = std::move(*pending_);
      pending_.reset();
      running_ = true;
    }
    const FetchResult f = fetcher.post_form(job.first, job.second);
    Result<void> result =
        f.ok ? Result<void>{}
             : Result<void>{
                   Error{"rating " + loggable_url(job.first) + ": " + f.error, f.user_message}};
    {
      std::lock_guard lock(mutex_);
      running_ = false;
      if (pending_) continue;  // replaced meanwhile: only the newest is told
      done_.emplace(std::move(result));
    }
    if (wake_) wake_();
  }
}

}  // namespace kiosk
