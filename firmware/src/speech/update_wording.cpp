#include "update_wording.hpp"

namespace kiosk::update_words {

std::string menu_item(const std::string& version) {
  return "安装U盘中的更新（版本" + version + "）";
}

std::string after_session() {
  return "正在为市民办理业务。请先结束当前服务，再安装更新。";
}

std::string running_title() {
  return "正在更新系统";
}

std::string running_text() {
  // What a citizen walking up and staff nearby need: not to switch it off, that it comes back
  // by itself, and where to go meanwhile.
  return "请勿关闭电源，请勿拔出U盘。更新完成后本机会自动重新启动。"
         "更新期间暂停办理业务，请到其他自助终端或人工窗口办理。";
}

std::string finished_title(bool installed) {
  return installed ? "更新完成" : "更新没有完成";
}

std::string finished_text(bool installed) {
  return installed ? "本机正在重新启动，请稍候。"
                   : "本机继续使用原来的系统提供服务。请工作人员在工作人员模式中查看设备状态。";
}

}  // namespace kiosk::update_words
