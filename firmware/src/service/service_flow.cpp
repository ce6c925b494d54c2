#include "service_flow.hpp"

#include <array>
#include <cstdio>

#include "browse/builtin_pages.hpp"
#include "receipt.hpp"

namespace kiosk {
namespace {

// The five levels in the page's order (digit keys 1–5) and the score each sends: the 好差评
// scale, 5 非常满意 … 1 非常不满意.
struct Level {
  Command command;
  int score;
};
constexpr std::array kLevels{Level{Command::RateVerySatisfied, 5}, Level{Command::RateSatisfied, 4},
                             Level{Command::RateBasicallySatisfied, 3},
                             Level{Command::RateDissatisfied, 2},
                             Level{Command::RateVeryDissatisfied, 1}};

std::optional<int> score_of(Command c) {
  for (const auto& l : kLevels) {
    if (l.command == c) return l.score;
  }
  return std::nullopt;
}

// The rating page's links that hold a level, in order.
std::vector<ui::FocusTarget> level_links(const ui::Document& doc) {
  std::vector<ui::FocusTarget> out;
  for (std::uint32_t b = 0; b < doc.blocks.size(); ++b) {
    for (std::size_t r = 0; r < doc.blocks[b].runs.size(); ++r) {
      const auto* t = std::get_if<ui::BuiltinTarget>(&doc.blocks[b].runs[r].target);
      if (t != nullptr && score_of(static_cast<Command>(t->id))) {
        out.push_back({b, static_cast<std::int32_t>(r)});
      }
    }
  }
  return out;
}

}  // namespace

std::string rating_endpoint(const std::string& home, const FetchPolicy& policy) {
  std::string origin = home.empty() ? std::string() : origin_of(home);
  if (origin.empty() && !policy.allowed_origins.empty()) {
    origin = origin_of(policy.allowed_origins.front() + "/");
  }
  return origin.empty() ? std::string() : origin + ServiceFlow::kRatingPath;
}

ServiceFlow::ServiceFlow(Browser& browser, CardFlow& cards, CitizenData& citizen,
                         ui::ReadingView& view, Announcer& announcer, SayAll& say_all,
                         PinEntry& pin, const std::string& home, const FetchPolicy& policy,
                         std::function<void()> wake)
    : browser_(browser),
      cards_(cards),
      citizen_(citizen),
      view_(view),
      announcer_(announcer),
      say_all_(say_all),
      pin_(pin),
      endpoint_(rating_endpoint(home, policy)),
      sender_(policy, std::move(wake)) {}

bool ServiceFlow::prepare(ui::Document& doc, const PageMarks& marks, const PageForms* sent) {
  if (!marks.receipt) return false;
  bool changed = mask_receipt(doc, known_values(citizen_.id_card(), sent));
  if (rated_service_ != marks.receipt && !endpoint_.empty()) {
    for (auto& b : rating_invitation()) doc.blocks.push_back(std::move(b));
    changed = true;
  }
  return changed;
}

Outcome ServiceFlow::arrived(const PageArrival& a) {
  if (!a.marks.identify) cards_.prompt_withdrawn();
  if (!a.marks.pin) pin_.withdrawn();
  if (a.marks.receipt) service_ = *a.marks.receipt;
  if (!a.fresh) return Outcome::Unchanged;  // Back, text-only: the Browser said the page
  if (a.marks.receipt) {
    // Read in full from the top; the focus follows the voice and ends on the rating link.
    if (!view_.document().blocks.empty()) view_.set_focus({0, -1});
    say_all_.start();
    return Outcome::Redraw;
  }
  if (a.marks.identify) return cards_.identify_requested();
  if (a.marks.pin) return pin_.requested(cards_.smart_card_in());
  return Outcome::Unchanged;
}

bool ServiceFlow::on_rating_page() const {
  return rating_page_ != 0 && view_.document_generation() == rating_page_;
}

Outcome ServiceFlow::command(Command command) {
  if (command == Command::RateService) return offer_rating();
  if (const auto score = score_of(command)) {
    return on_rating_page() ? rate(*score) : Outcome::NotMine;  // a digit elsewhere: the edge tone
  }
  if (!on_rating_page()) return Outcome::NotMine;
  if (command == Command::NextItem) return move(1);
  if (command == Command::PreviousItem) return move(-1);
  return Outcome::NotMine;
}

Outcome ServiceFlow::offer_rating() {
  if (!service_ || service_ == rated_service_ || endpoint_.empty()) {
    announcer_.rating_not_offered();
    return Outcome::Unchanged;
  }
  browser_.show(rating_page());  // Back returns to the receipt
  rating_page_ = view_.document_generation();
  announcer_.rating_offered();
  return Outcome::Redraw;
}

Outcome ServiceFlow::move(int step) {
  const auto links = level_links(view_.document());
  if (links.empty()) return Outcome::NotMine;
  int index = -1;  // before the first level (the heading)
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (links[i] == view_.focus()) index = static_cast<int>(i);
  }
  const int next = index < 0 ? (step > 0 ? 0 : -1) : index + step;
  if (next < 0 || next >= static_cast<int>(links.size())) {
    announcer_.edge();
    return Outcome::Unchanged;
  }
  view_.set_pointer(std::nullopt);
  view_.set_focus(links[static_cast<std::size_t>(next)]);
  const auto* t = std::get_if<ui::BuiltinTarget>(&view_.focused_link()->target);
  announcer_.rating_choice(std::string(info(static_cast<Command>(t->id)).zh), next + 1,
                           static_cast<int>(links.size()));
  return Outcome::Redraw;
}

Outcome ServiceFlow::rate(int score) {
  if (sender_.busy()) return Outcome::Unchanged;  // one rating on its way is enough
  // Only the level and the service: nothing personal, and no cookie of the citizen's session.
  sender_.send(endpoint_, url_encode_form({{"level", std::to_string(score)},
                                           {"service", service_.value_or("general")}}));
  view_.set_caption_override("正在提交评价，请稍候");
  return Outcome::Redraw;
}

Outcome ServiceFlow::poll() {
  auto result = sender_.take();
  if (!result) return Outcome::Unchanged;
  if (!result->ok()) {
    std::fprintf(stderr, "kioskd: %s\n", result->error().technician.c_str());
    // The rating page stays (another try, or 结束); the session goes on.
    view_.set_caption_override("评价暂时没有提交成功，可以再选一次，或选择结束服务");
    announcer_.rating_failed();
    return Outcome::Redraw;
  }
  rated_service_ = service_;
  rating_page_ = 0;
  browser_.show(rating_thanks_page());
  // The focus on 结束服务: Enter ends the service.
  for (std::uint32_t b = 0; b < view_.document().blocks.size(); ++b) {
    if (!view_.document().blocks[b].runs.empty() &&
        view_.document().blocks[b].runs[0].kind == ui::InlineKind::Link) {
      view_.set_focus({b, 0});
    }
  }
  view_.set_caption_override("感谢您的评价");
  announcer_.rating_sent();
  return Outcome::Redraw;
}

void ServiceFlow::forget() {
  service_.reset();
  rated_service_.reset();
  rating_page_ = 0;
  cards_.prompt_withdrawn();
}

}  // namespace kiosk
