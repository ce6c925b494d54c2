// The staff screens as Documents for the reading view: the PIN screen, the menu and its three
// pages. Items staff can choose are links whose BuiltinTarget carries a StaffItem; only the
// StaffDesk reads them (the Browser never sees these pages: the desk takes every key and touch
// while they are shown). Nothing here shows a citizen's data, and a PIN only as ●.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/health.hpp"
#include "ui/document.hpp"

namespace kiosk {

enum class StaffItem {
  Health = 1,
  EndSession,
  SelfTest,
  Alerts,
  TakeOver,
  HandBack,
  Leave,
  Menu,               // back to the menu from one of its pages
  InstallUpdate,      // the verified update on a USB stick
  Acknowledge = 100,  // + the alert's index
};

// One line of the self-test: 语音, 显示, 读卡器, 网络.
struct StaffCheck {
  std::string name;
  bool ok = false;
  std::string detail;  // for a technician
};

// A citizen's 呼叫工作人员 as staff see it.
struct StaffAlert {
  std::chrono::steady_clock::time_point raised;
  std::chrono::system_clock::time_point raised_wall;  // for the clock time shown (10:32)
  std::optional<std::chrono::steady_clock::time_point> acknowledged;
  bool citizen_left = false;  // the session ended before anyone answered
  bool pending() const { return !acknowledged && !citizen_left; }
};

ui::Document staff_pin_page(std::size_t digits, const std::string& message);
// `update_version`: a USB stick's verified update waits for staff (empty: none).
ui::Document staff_menu_page(bool citizen_here, bool taken_over, int pending_alerts,
                             const std::string& update_version = {});
ui::Document staff_health_page(const HealthReport& report);
ui::Document staff_self_test_page(const std::vector<StaffCheck>& checks);
ui::Document staff_alerts_page(const std::vector<StaffAlert>& alerts,
                               std::chrono::steady_clock::time_point now);

}  // namespace kiosk
