// What the kiosk does with a service page's marks (browse/page_marks.hpp), and the 好差评
// rating that follows a receipt. An identify mark asks the cards room for the ID card. A
// receipt is masked before it is shown (service/receipt.hpp), read in full from the top, and
// ends with a link to the rating page; the rating page's five levels (keys 1–5, Up/Down, Enter,
// touch) post {level, service} to the gateway's /rating (the gateway origin the kiosk already
// has + a fixed path, never a URL from a page) off the UI thread, then 感谢您的评价 and 结束
// are offered. A failed post is said and the rating page stays: the session goes on.
#pragma once

#include <optional>
#include <string>

#include "browse/browser.hpp"
#include "cards/card_flow.hpp"
#include "input/region.hpp"
#include "rating_sender.hpp"
#include "session/citizen_data.hpp"
#include "speech/announcer.hpp"
#include "speech/say_all.hpp"
#include "ui/reading_view.hpp"

namespace kiosk {

// The gateway's rating endpoint: the origin of the start page (else of the first allowed
// origin) + "/rating"; empty when the kiosk knows no gateway (no rating is offered then).
std::string rating_endpoint(const std::string& home, const FetchPolicy& policy);

class ServiceFlow final : public Region {
 public:
  static constexpr const char* kRatingPath = "/rating";

  ServiceFlow(Browser& browser, CardFlow& cards, CitizenData& citizen, ui::ReadingView& view,
              Announcer& announcer, SayAll& say_all, PinEntry& pin, const std::string& home,
              const FetchPolicy& policy, std::function<void()> wake);

  // Browser's page hook: a receipt masked and given the rating link before it is shown.
  bool prepare(ui::Document& doc, const PageMarks& marks, const PageForms* sent);
  // A fetched page is shown (Browser::take_arrival).
  Outcome arrived(const PageArrival& arrival);
  // RateService opens the rating page; on it, Up/Down move between the levels and each level's
  // command (its link, its digit key) sends it.
  Outcome command(Command command) override;
  // The rating's answer from the gateway; call every loop turn.
  Outcome poll();
  bool sending() const { return sender_.busy(); }
  bool on_rating_page() const;
  // The session ended: the receipt and the rating are forgotten.
  void forget();

 private:
  Outcome offer_rating();
  Outcome rate(int score);
  Outcome move(int step);

  Browser& browser_;
  CardFlow& cards_;
  CitizenData& citizen_;
  ui::ReadingView& view_;
  Announcer& announcer_;
  SayAll& say_all_;
  PinEntry& pin_;
  std::string endpoint_;
  RatingSender sender_;
  std::optional<std::string> service_;        // the last receipt's service id
  std::optional<std::string> rated_service_;  // the service already rated in this session
  std::uint64_t rating_page_ = 0;             // the view's document generation of the rating page
};

}  // namespace kiosk
