#include "command.hpp"

#include <array>

namespace kiosk {
namespace {

using C = Command;
using G = CommandGroup;

constexpr std::array kCommands{
    CommandInfo{C::NextItem, G::Reading, "down", {"Down"}, "next item", "下一项"},
    CommandInfo{C::PreviousItem, G::Reading, "up", {"Up"}, "previous item", "上一项"},
    CommandInfo{
        C::NextLink, G::Reading, "tab", {"Tab"}, "next link or field (wraps)", "下一个链接"},
    CommandInfo{C::PreviousLink,
                G::Reading,
                "shift-tab",
                {"Shift+Tab"},
                "previous link or field",
                "上一个链接"},
    CommandInfo{C::NextHeading, G::Reading, "heading", {"H"}, "next heading", "下一个标题"},
    CommandInfo{C::PreviousHeading,
                G::Reading,
                "prev-heading",
                {"Shift+H"},
                "previous heading",
                "上一个标题"},
    CommandInfo{C::NextLinkOnly, G::Reading, "link", {"K"}, "next link", "下一个链接"},
    CommandInfo{
        C::PreviousLinkOnly, G::Reading, "prev-link", {"Shift+K"}, "previous link", "上一个链接"},
    CommandInfo{C::NextFormField, G::Reading, "field", {"F"}, "next form field", "下一个填写项"},
    CommandInfo{C::PreviousFormField,
                G::Reading,
                "prev-field",
                {"Shift+F"},
                "previous form field",
                "上一个填写项"},
    CommandInfo{C::NextTable, G::Reading, "table", {"T"}, "next table", "下一个表格"},
    CommandInfo{
        C::PreviousTable, G::Reading, "prev-table", {"Shift+T"}, "previous table", "上一个表格"},
    CommandInfo{C::NextList, G::Reading, "list", {"L"}, "next list", "下一个列表"},
    CommandInfo{
        C::PreviousList, G::Reading, "prev-list", {"Shift+L"}, "previous list", "上一个列表"},
    CommandInfo{C::Activate,
                G::Reading,
                "enter",
                {"Return", "Keypad Enter"},
                "activate; in a field: end typing",
                "确认"},
    CommandInfo{C::Back,
                G::Reading,
                "back",
                {"Escape", "Backspace", "AC Back"},
                "back; while a page loads: stop; in a field: delete",
                "返回"},
    CommandInfo{
        C::ZoomIn, G::Seeing, "zoom-in", {"=", "+", "Keypad +"}, "zoom in (to 400 %)", "放大"},
    CommandInfo{
        C::ZoomOut, G::Seeing, "zoom-out", {"-", "Keypad -"}, "zoom out (to 100 %)", "缩小"},
    CommandInfo{C::NextScheme, G::Seeing, "scheme", {"F2"}, "next colour scheme", "换配色"},
    CommandInfo{C::ToggleGuideLines, G::Seeing, "guides", {"F3"}, "guide lines on/off", "十字光标"},
    CommandInfo{C::ToggleCaptionBar, G::Seeing, "caption", {"F4"}, "caption bar on/off", "大字幕"},
    CommandInfo{C::CaptionNextPage,
                G::Seeing,
                "caption-next",
                {"PageDown"},
                "caption next page",
                "字幕下一页"},
    CommandInfo{C::CaptionPreviousPage,
                G::Seeing,
                "caption-prev",
                {"PageUp"},
                "caption previous page",
                "字幕上一页"},
    CommandInfo{C::TextOnly, G::Seeing, "text-only", {"P"}, "text only on/off", "纯文本"},
    CommandInfo{C::SpeakSlower, G::Hearing, "slower", {"F5"}, "speak slower", "语速放慢"},
    CommandInfo{C::SpeakFaster, G::Hearing, "faster", {"F6"}, "speak faster", "语速加快"},
    CommandInfo{C::SpeakQuieter, G::Hearing, "quieter", {"F7"}, "quieter", "音量减小"},
    CommandInfo{C::SpeakLouder, G::Hearing, "louder", {"F8"}, "louder", "音量加大"},
    CommandInfo{C::SpellFocused,
                G::Hearing,
                "spell",
                {"F9"},
                "spell the item (slower each time)",
                "逐字朗读"},
    CommandInfo{
        C::RepeatFocused, G::Hearing, "repeat", {"F1", "Space"}, "say the item again", "重复"},
    CommandInfo{
        C::WhereAmI, G::Hearing, "where", {"W"}, "where am I (item N of M, page)", "当前位置"},
    CommandInfo{
        C::SayAll, G::Hearing, "say-all", {"R"}, "read on to the end (any key stops)", "连读"},
    CommandInfo{C::Home, G::Kiosk, "home", {"Home"}, "the start page of this session", "首页"},
    CommandInfo{C::CallStaff,
                G::Kiosk,
                "call-staff",
                {"F11"},
                "call a member of staff (an alert in the health report)",
                "呼叫工作人员"},
    CommandInfo{
        C::EndSession, G::Kiosk, "end", {"F10"}, "end the service: forget everything", "结束服务"},
    CommandInfo{C::StaffMode,
                G::Kiosk,
                "staff-mode",
                {"Ctrl+Alt+S"},
                "staff mode: the staff PIN, then the staff menu; again: leave it",
                "工作人员模式"},
    CommandInfo{C::Screenshot,
                G::Developer,
                "screenshot",
                {"F12", "PrintScreen"},
                "save a screenshot (offscreen: to --out)",
                "截图"},
    CommandInfo{C::Quit, G::Developer, "quit", {"Ctrl+Q"}, "quit kioskd", "退出"},
    CommandInfo{C::PlaceVirtualIdCard,
                G::Developer,
                "place-id-card",
                {"Ctrl+1"},
                "emulated SAM reader: place the synthetic ID card",
                "放置测试身份证"},
    CommandInfo{C::InsertVirtualSmartCard,
                G::Developer,
                "insert-smart-card",
                {"Ctrl+2"},
                "emulated CCID reader: insert the synthetic card",
                "插入测试卡"},
    CommandInfo{C::RemoveVirtualCards,
                G::Developer,
                "remove-cards",
                {"Ctrl+0"},
                "emulated readers: take the cards away",
                "取走测试卡"},
    CommandInfo{C::ToggleHeadphones,
                G::Developer,
                "headphones",
                {"Ctrl+H"},
                "plug or unplug the headphones (boards without jack sensing)",
                "插拔耳机"},
};

}  // namespace

std::span<const CommandInfo> command_table() {
  return kCommands;
}

const CommandInfo& info(Command command) {
  for (const auto& c : kCommands) {
    if (c.command == command) return c;
  }
  return kCommands.front();  // unreachable: every command has a row (tested)
}

std::optional<Command> command_named(std::string_view name) {
  for (const auto& c : kCommands) {
    if (c.name == name) return c.command;
  }
  return std::nullopt;
}

}  // namespace kiosk
