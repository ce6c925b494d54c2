#include "staff_wording.hpp"

namespace kiosk::staff_words {

std::string title() {
  return "工作人员模式";
}

std::string pin_prompt() {
  return "请输入工作人员密码";
}

std::string pin_help() {
  return "输入数字后按确认键。删除键删除一位，没有输入时离开。Esc键离开。";
}

std::string pin_wrong(int tries_left) {
  return "密码错误，还可以再试" + std::to_string(tries_left) + "次";
}

std::string locked(int minutes) {
  return "已锁定，请" + std::to_string(minutes) + "分钟后再试";
}

std::string not_provisioned() {
  return "本机还没有设置工作人员密码，请联系技术人员";
}

std::string menu_title() {
  return "工作人员菜单";
}

std::string taken_over() {
  return "工作人员正在协助您";
}

std::string coming() {
  return "工作人员已收到呼叫，正在赶来，请稍候";
}

std::string handed_back() {
  return "工作人员已交还，您可以继续办理";
}

std::string assisting() {
  return "工作人员协助中";
}

std::string left(bool timed_out) {
  return timed_out ? "两分钟没有操作，已退出工作人员模式" : "已退出工作人员模式";
}

std::string test_sentence() {
  return "语音自检：听到这句话，说明声音正常。";
}

std::string self_test_summary(const std::vector<std::string>& failed) {
  if (failed.empty()) return "自检完成，全部正常";
  std::string names;
  for (const auto& f : failed) names += (names.empty() ? "" : "、") + f;
  return "自检完成，" + std::to_string(failed.size()) + "项异常：" + names;
}

std::string acknowledged(long seconds) {
  return "已确认呼叫，等候" + std::to_string(seconds) + "秒";
}

std::string no_session() {
  return "现在没有市民在办理";
}

std::string no_alerts() {
  return "没有呼叫提醒";
}

std::string ended_by_staff() {
  return "本次服务已由工作人员结束，信息已清除";
}

}  // namespace kiosk::staff_words
