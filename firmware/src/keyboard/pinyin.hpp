// Chinese by pinyin for the on-screen keyboard, over librime's C API (luna_pinyin, simplified
// characters). librime is one per process: the first engine sets it up and deploys the schema
// on a background thread (a first deploy takes a few hundred milliseconds, far longer on the
// board), so start-up never waits for it; each engine then has its own rime session.
// What a citizen types is personal: the schema is patched so rime keeps no user dictionary,
// and forget() drops the session and deletes any user dictionary files that might exist.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/result.hpp"

namespace kiosk {

// What the keyboard shows while pinyin is being typed: the letters as rime reads them
// ("ban li") and one page of candidates.
struct PinyinMenu {
  std::string preedit;
  std::vector<std::string> candidates;
  int page = 0;  // 0-based
  bool last_page = true;
};

class PinyinEngine {
 public:
  // `user_dir`: rime's user data directory (made if missing); empty: a private temporary
  // directory, removed when the process ends. Only the first engine of a process chooses it.
  explicit PinyinEngine(std::string user_dir = {});
  ~PinyinEngine();
  PinyinEngine(const PinyinEngine&) = delete;
  PinyinEngine& operator=(const PinyinEngine&) = delete;

  // True once deployment has finished (well or badly); never blocks.
  bool ready() const;
  // Blocks until deployment has finished; its result (an error: no pinyin on this kiosk).
  Result<void> wait_ready();
  // How long setup and deployment took on their thread (zero until ready).
  std::chrono::milliseconds startup_time() const;
  // rime's user data directory (what forget() clears).
  std::string user_dir() const;

  // Deployed well and a session open (waits for deployment if it is still going on).
  bool available() { return session(); }

  // Input. Each returns the text committed to the field by this step (usually empty).
  // A lower-case letter a-z.
  std::string letter(char c);
  // Deletes the composition's last letter; false when there was nothing to delete.
  bool backspace();
  // The candidate at `index` on the current page.
  std::string choose(int index);
  // The first candidate (space, 确定 while composing).
  std::string choose_first() { return choose(0); }
  bool page(bool next);
  void clear();

  bool composing() const;
  PinyinMenu menu() const;

  // The citizen has gone: the session and everything rime may have kept of what was typed.
  void forget();

 private:
  bool session();  // the rime session, made on first use after deployment; false: unavailable
  std::string take_commit();
  std::uintptr_t session_ = 0;
  bool failed_ = false;
};

}  // namespace kiosk
