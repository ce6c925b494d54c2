// Review (逐字逐词查看): the focused item's text read by character, word or sentence without
// moving the focus — the citizen checking an address on a page or an entry just typed. Words
// are cut by the jieba dictionary (read on first use, on its own thread); a hanzi is said with
// a word that tells it apart (张，主张的张), and shown large in the caption bar. A field is
// reviewed by its value: in clear only where the field may be heard (not sensitive, or in the
// citizen's headphones); otherwise as the hall sees it (张*, 尾号1234). On request the text in
// the focused item's image is recognised (image_text.hpp), said, shown, and then reviewed
// like the item's own text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "browse/form_editor.hpp"
#include "dictionary_loader.hpp"
#include "image_text.hpp"
#include "input/region.hpp"
#include "review_cursor.hpp"
#include "speech/announcer.hpp"
#include "ui/reading_view.hpp"

namespace kiosk {

// Where images come from: the page fetcher's rules, the loop's wake-up, the page's URL.
struct ImageSource {
  FetchPolicy policy;
  std::function<void()> wake;
  std::function<std::string()> page_url;
  ImageTextLimits limits{};
};

class ReviewRegion final : public Region {
 public:
  ReviewRegion(ui::ReadingView& view, Announcer& announcer, const FormEditor& forms,
               ImageSource images, std::string dictionary_path = review::kJiebaDictionaryPath)
      : view_(view),
        announcer_(announcer),
        forms_(forms),
        page_url_(std::move(images.page_url)),
        reader_(std::move(images.policy), std::move(images.wake), std::move(images.limits)),
        dictionary_(std::move(dictionary_path)) {}

  Outcome command(Command command) override;
  // Every other key or touch (nullopt) may move the focus: the review starts over.
  void input_seen(std::optional<Command> command) {
    if (!command || !is_review(*command)) cursor_.reset();
  }
  // Tests and the bench: the dictionary's thread, started and finished.
  void load_dictionary_now() {
    dictionary_.start();
    dictionary_.wait();
  }
  const review::Dictionary* dictionary() const { return dictionary_.ready(); }
  // A recognised image's text, when it has come (every loop turn).
  Outcome poll();
  bool recognising() const { return reader_.busy(); }
  // The session ended: nothing reviewed or recognised is kept.
  void forget();

 private:
  struct Reviewed {
    std::string text;
    bool hidden_on_screen = false;  // personal data said in clear: the caption does not show it
  };
  Reviewed reviewed_text() const;
  std::string describe(char32_t c, bool more) const;
  Outcome recognise_image();

  ui::ReadingView& view_;
  Announcer& announcer_;
  const FormEditor& forms_;
  std::function<std::string()> page_url_;
  ImageTextReader reader_;
  // The image asked about (its page and block), and its text once recognised.
  struct Recognised {
    std::uint64_t generation = 0;
    ui::FocusTarget focus;
    std::string text;
  };
  std::optional<Recognised> asked_;
  std::optional<Recognised> recognised_;
  review::DictionaryLoader dictionary_;
  review::ReviewCursor cursor_;
  // What the cursor stands in: reset when the page, the focus or the text changes.
  std::uint64_t generation_ = 0;
  ui::FocusTarget focus_{};
  std::size_t text_hash_ = 0;  // not the text: a field's value is not copied here
};

}  // namespace kiosk
