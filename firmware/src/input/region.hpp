// A region of the screen that takes commands when it has the focus (as an LVGL group does):
// the field being typed into, the page, the toolbar, later a dialog or the staff menu. The
// Router offers each command to the regions from the top down; a region that does not handle
// it says NotMine and the one below gets it.
#pragma once

#include <string>

#include "command.hpp"

namespace kiosk {

enum class Outcome { NotMine, Unchanged, Redraw };

inline Outcome redraw_if(bool changed) {
  return changed ? Outcome::Redraw : Outcome::Unchanged;
}

class Region {
 public:
  virtual ~Region() = default;
  virtual Outcome command(Command command) = 0;
  // Typed text (a keyboard's characters, the on-screen keyboard); only while takes_text().
  virtual Outcome text(const std::string& /*utf8*/) { return Outcome::NotMine; }
  // While true, printable keys are text for this region, not commands.
  virtual bool takes_text() const { return false; }
};

}  // namespace kiosk
