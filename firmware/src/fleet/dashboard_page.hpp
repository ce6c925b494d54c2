// What the hall dashboard shows, written from a HallBoard snapshot: the page for staff (large
// type, white on black, every control a <button> or <a>, works without script) and the same
// facts as JSON for machines (/state.json: the tests and the load bench).
#pragma once

#include <string>

#include "fleet/dashboard_state.hpp"

namespace fleet {

struct PageContext {
  std::string hall;  // the hall filter ("" = every hall)
  std::string name;  // the dashboard's name, the `by` of its acknowledgements
  long now = 0;      // Unix time the page is made
  bool broker_connected = true;
};

// The whole page: head with the style sheet and the small live-update script, then board_html.
std::string dashboard_page(const BoardSnapshot& board, const PageContext& context);
// The inside of <main id="board">: the three sections (calls, offline, all kiosks). The script
// swaps this in after a change and puts keyboard focus back on the element with the same id.
std::string board_html(const BoardSnapshot& board, const PageContext& context);
// One kiosk in full (errors, repaired pages); empty when the board does not know it.
std::string kiosk_page(const BoardSnapshot& board, const KioskId& id, const PageContext& context);
std::string board_json(const BoardSnapshot& board, const PageContext& context);

// "3 分 12 秒", "2 小时 5 分", "4 天 3 小时": how long, for people.
std::string chinese_duration(long seconds);

}  // namespace fleet
