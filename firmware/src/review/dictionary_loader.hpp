// The jieba dictionary, read once on a thread of its own the first time a review asks for
// words (parsing 5 MB takes a moment the UI thread must not wait for). Until it is ready the
// review cuts words as single characters; a dictionary that cannot be read is reported once to
// the technician (stderr, the journal) and the review goes on without it.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "jieba_dictionary.hpp"

namespace kiosk::review {

class DictionaryLoader {
 public:
  explicit DictionaryLoader(std::string path) : path_(std::move(path)) {}
  ~DictionaryLoader();
  DictionaryLoader(const DictionaryLoader&) = delete;
  DictionaryLoader& operator=(const DictionaryLoader&) = delete;

  // Starts reading (only the first call does anything).
  void start();
  // The dictionary once it has been read; null before, and when it could not be.
  const Dictionary* ready() const;
  bool failed() const { return state_.load() == State::Failed; }
  // Tests: waits for the thread to finish.
  void wait();

 private:
  enum class State { Idle, Loading, Ready, Failed };
  std::string path_;
  std::unique_ptr<Dictionary> dictionary_;  // written by the thread before state_ is Ready
  std::atomic<State> state_{State::Idle};
  std::thread thread_;
};

}  // namespace kiosk::review
