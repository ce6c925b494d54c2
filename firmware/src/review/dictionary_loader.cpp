#include "dictionary_loader.hpp"

#include <malloc.h>

#include <chrono>
#include <cstdio>

namespace kiosk::review {

DictionaryLoader::~DictionaryLoader() {
  wait();
}

void DictionaryLoader::start() {
  State idle = State::Idle;
  if (!state_.compare_exchange_strong(idle, State::Loading)) return;
  thread_ = std::thread([this] {
    const auto t0 = std::chrono::steady_clock::now();
    Result<Dictionary> d = load_jieba_dictionary(path_);
    if (!d) {
      std::fprintf(stderr, "kioskd: review: %s (words are read as single characters)\n",
                   d.error().technician.c_str());
      state_.store(State::Failed);
      return;
    }
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    std::fprintf(stderr, "kioskd: review: %zu words from %s in %lld ms (%zu KB)\n", d->size(),
                 path_.c_str(), static_cast<long long>(ms), d->memory_bytes() / 1024);
    dictionary_ = std::make_unique<Dictionary>(std::move(*d));
    ::malloc_trim(0);  // what parsing used goes back to the system (kioskd's RSS budget)
    state_.store(State::Ready);
  });
}

const Dictionary* DictionaryLoader::ready() const {
  return state_.load() == State::Ready ? dictionary_.get() : nullptr;
}

void DictionaryLoader::wait() {
  if (thread_.joinable()) thread_.join();
}

}  // namespace kiosk::review
