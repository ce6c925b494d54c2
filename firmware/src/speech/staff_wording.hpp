// Every word of staff mode, heard and read: the Announcer says them (announcer_staff.cpp) and
// the staff pages (staff/staff_pages.cpp) show the same sentences, so what a member of staff
// hears and reads never drift apart. None of them carries a citizen's data or a PIN digit.
#pragma once

#include <string>
#include <vector>

namespace kiosk::staff_words {

std::string title();  // 工作人员模式
std::string pin_prompt();
std::string pin_help();
std::string pin_wrong(int tries_left);
std::string locked(int minutes);
std::string not_provisioned();
std::string menu_title();
std::string taken_over();   // what the citizen hears when staff take over
std::string handed_back();  // and when staff hand the kiosk back
std::string assisting();    // the title bar while staff have the session
// The hall acknowledged the citizen's call from afar (the fleet agent): shown and said.
std::string coming();
std::string left(bool timed_out);
std::string test_sentence();
// `failed`: the names of the checks that failed (empty: all passed).
std::string self_test_summary(const std::vector<std::string>& failed);
std::string acknowledged(long seconds);
std::string no_session();
std::string no_alerts();
std::string ended_by_staff();

}  // namespace kiosk::staff_words
