#include "staff_pages.hpp"

#include <ctime>

#include "speech/staff_wording.hpp"
#include "speech/update_wording.hpp"

namespace kiosk {

using namespace ui;

namespace {

// A menu item: one link a line in body type (at least 4.8 mm capitals), so the whole menu
// fits above the caption bar and each line is a touch target taller than 60 px.
Block item(const std::string& text, int id) {
  return Block{BlockKind::ListItem, 0, 1, {link_run(text, BuiltinTarget{id})}};
}

Block item(const std::string& text, StaffItem id) {
  return item(text, static_cast<int>(id));
}

std::string ok_text(const HealthPart& part) {
  return part.ok ? "正常" : "异常";
}

std::string part_line(const char* name, const HealthPart& part) {
  // The technician's detail is English ("kmsdrm", "libusb: 1 reader"), shown as it is.
  return std::string(name) + "：" + ok_text(part) +
         (part.detail.empty() ? "" : "（" + part.detail + "）");
}

std::string duration(long seconds) {
  if (seconds < 60) return std::to_string(seconds) + "秒";
  if (seconds < 3600) return std::to_string(seconds / 60) + "分钟";
  return std::to_string(seconds / 3600) + "小时" + std::to_string(seconds % 3600 / 60) + "分钟";
}

// "10:32", the hall's local time.
std::string clock_time(std::chrono::system_clock::time_point at) {
  const std::time_t t = std::chrono::system_clock::to_time_t(at);
  std::tm tm{};
  localtime_r(&t, &tm);
  char text[8];
  std::strftime(text, sizeof text, "%H:%M", &tm);
  return text;
}

}  // namespace

Document staff_pin_page(std::size_t digits, const std::string& message) {
  Document d;
  d.title = staff_words::title();
  d.blocks.push_back(make_heading(1, staff_words::pin_prompt()));
  std::string dots;
  for (std::size_t i = 0; i < digits; ++i) dots += "●";
  d.blocks.push_back(make_heading(2, digits == 0 ? "（还没有输入）" : dots));
  if (!message.empty()) d.blocks.push_back(make_heading(2, message));
  d.blocks.push_back(make_paragraph(staff_words::pin_help()));
  return d;
}

Document staff_menu_page(bool citizen_here, bool taken_over, int pending_alerts,
                         const std::string& update_version) {
  Document d;
  d.title = staff_words::menu_title();
  d.blocks.push_back(make_heading(1, staff_words::menu_title()));
  d.blocks.push_back(item("设备状态", StaffItem::Health));
  if (!update_version.empty()) {
    d.blocks.push_back(item(update_words::menu_item(update_version), StaffItem::InstallUpdate));
  }
  if (citizen_here) {
    d.blocks.push_back(item("结束当前服务", StaffItem::EndSession));
  } else {
    d.blocks.push_back(make_paragraph(staff_words::no_session()));
  }
  d.blocks.push_back(item("自检", StaffItem::SelfTest));
  d.blocks.push_back(item(pending_alerts > 0
                              ? "呼叫提醒（" + std::to_string(pending_alerts) + "条未确认）"
                              : "呼叫提醒",
                          StaffItem::Alerts));
  if (taken_over) {
    d.blocks.push_back(item("交还给市民", StaffItem::HandBack));
  } else if (citizen_here) {
    d.blocks.push_back(item("接管当前服务", StaffItem::TakeOver));
  }
  d.blocks.push_back(item("退出工作人员模式", StaffItem::Leave));
  return d;
}

Document staff_health_page(const HealthReport& r) {
  Document d;
  d.title = "设备状态";
  d.blocks.push_back(make_heading(1, "设备状态：" + std::string(r.healthy() ? "正常" : "异常")));
  d.blocks.push_back(make_list_item(part_line("读卡器", r.readers)));
  d.blocks.push_back(make_list_item(part_line("语音", r.speech)));
  d.blocks.push_back(make_list_item(part_line("显示", r.display)));
  d.blocks.push_back(make_list_item(part_line("网络", r.network)));
  d.blocks.push_back(make_list_item("版本：" + (r.version.empty() ? "未知" : r.version)));
  d.blocks.push_back(make_list_item("系统分区：" + (r.slot.empty() ? "未知" : r.slot)));
  d.blocks.push_back(make_list_item("已运行：" + duration(r.uptime_s)));
  d.blocks.push_back(make_list_item("今日服务：" + std::to_string(r.sessions_today) + "人次"));
  d.blocks.push_back(make_list_item(
      r.staff_ack_s < 0 ? "上次呼叫等候：无" : "上次呼叫等候：" + duration(r.staff_ack_s)));
  if (r.last_errors.empty()) {
    d.blocks.push_back(make_list_item("最近错误：无"));
  } else {
    d.blocks.push_back(make_heading(2, "最近错误"));
    for (const auto& e : r.last_errors) d.blocks.push_back(make_list_item(e));
  }
  d.blocks.push_back(item("返回菜单", StaffItem::Menu));
  return d;
}

Document staff_self_test_page(const std::vector<StaffCheck>& checks) {
  Document d;
  d.title = "自检";
  std::vector<std::string> failed;
  for (const auto& c : checks) {
    if (!c.ok) failed.push_back(c.name);
  }
  d.blocks.push_back(make_heading(1, staff_words::self_test_summary(failed)));
  d.blocks.push_back(make_paragraph(staff_words::test_sentence()));
  for (const auto& c : checks) {
    d.blocks.push_back(make_list_item(c.name + "：" + (c.ok ? "正常" : "异常") +
                                      (c.detail.empty() ? "" : "（" + c.detail + "）")));
  }
  d.blocks.push_back(item("返回菜单", StaffItem::Menu));
  return d;
}

Document staff_alerts_page(const std::vector<StaffAlert>& alerts,
                           std::chrono::steady_clock::time_point now) {
  Document d;
  d.title = "呼叫提醒";
  d.blocks.push_back(make_heading(1, "呼叫提醒"));
  if (alerts.empty()) d.blocks.push_back(make_paragraph(staff_words::no_alerts()));
  // Newest first: the call waiting now is at the top.
  for (std::size_t i = alerts.size(); i-- > 0;) {
    const StaffAlert& a = alerts[i];
    const auto ago = std::chrono::duration_cast<std::chrono::seconds>(now - a.raised).count();
    std::string line = clock_time(a.raised_wall) + "呼叫（" + duration(ago) + "前），";
    if (a.acknowledged) {
      line +=
          "已确认，等候" +
          duration(
              std::chrono::duration_cast<std::chrono::seconds>(*a.acknowledged - a.raised).count());
    } else if (a.citizen_left) {
      line += "市民已离开";
    } else {
      line += "未确认";
    }
    d.blocks.push_back(make_list_item(line));
    if (a.pending()) {
      d.blocks.push_back(
          item("确认这次呼叫", static_cast<int>(StaffItem::Acknowledge) + static_cast<int>(i)));
    }
  }
  d.blocks.push_back(item("返回菜单", StaffItem::Menu));
  return d;
}

}  // namespace kiosk
