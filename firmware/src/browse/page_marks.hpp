// What a service page says about itself to the kiosk, as data in its markup (docs/
// architecture.md, "Page marks"): a page that needs the citizen's ID card, and a page that is
// the service's receipt (its result). Marks only ask; what the kiosk does with them is the
// kiosk's decision (a prompt, reading the receipt aloud, offering the rating), so a page still
// cannot issue a kiosk command.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "a11y/dom.hpp"
#include "ui/document.hpp"

namespace kiosk {

struct PageMarks {
  // `data-kiosk-identify` on any element (the form or the field), or
  // <meta name="kiosk-identify">: the kiosk asks for the ID card.
  bool identify = false;
  // `data-kiosk-receipt="<service id>"` on any element (usually <main>), or
  // <meta name="kiosk-receipt" content="<service id>">: the page is the service's result. The
  // id (letters, digits, '.', '_', '-', at most 64) names the service in the rating; "general"
  // when it is missing or malformed.
  std::optional<std::string> receipt;
  // `data-kiosk-pin`, or <meta name="kiosk-pin">: the service needs the inserted smart card's
  // PIN (entered on the keypad, each digit a tone).
  bool pin = false;
  // `data-kiosk-tiles` on a list or a nav: the hall's services. Each link inside (its href as
  // written; at most kMaxTiles) is shown as a large tile. Presentation only: the page is said
  // as any other, and `any()` does not count it.
  std::vector<std::string> tiles;
  static constexpr std::size_t kMaxTiles = 40;

  bool any() const { return identify || receipt.has_value() || pin; }
};

PageMarks read_marks(const a11y::Dom& dom);

// The hall's services as tiles: every item of `doc` that is one link whose href is in `tiles`
// is shown heading-sized (`Block::tile`: large to see and to touch, one per line); it is still
// the same item and link, read as before. Returns how many.
int apply_tiles(ui::Document& doc, const std::vector<std::string>& tiles);

// The service id as the rating sends it: kept when well formed, "general" otherwise.
std::string service_id(const std::string& value);

}  // namespace kiosk
