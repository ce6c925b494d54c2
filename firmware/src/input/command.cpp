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
    CommandInfo{C::JumpRegion,
                G::Reading,
                "region",
                {"Alt+Q"},
                "next region of the page (navigation, main, form), its item count said",
                "区域跳转"},
    CommandInfo{
        C::ZoomIn, G::Seeing, "zoom-in", {"=", "+", "Keypad +", "Alt+F"}, "zoom in (to 400 %)", "放大"},
    CommandInfo{
        C::ZoomOut, G::Seeing, "zoom-out", {"-", "Keypad -", "Alt+S"}, "zoom out (to 100 %)", "缩小"},
    CommandInfo{C::NextScheme, G::Seeing, "scheme", {"F2", "Alt+P"}, "next colour scheme", "换配色"},
    CommandInfo{C::ToggleGuideLines, G::Seeing, "guides", {"F3", "Alt+X"}, "guide lines on/off", "十字光标"},
    CommandInfo{C::ToggleCaptionBar, G::Seeing, "caption", {"F4", "Alt+D"}, "caption bar on/off", "大字幕"},
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
    CommandInfo{C::TextOnly, G::Seeing, "text-only", {"P", "Alt+W"}, "text only on/off", "纯文本"},
    CommandInfo{C::ToggleBigCursor,
                G::Seeing,
                "big-cursor",
                {"Alt+M"},
                "large high-contrast mouse pointer on/off",
                "大鼠标"},
    CommandInfo{C::ToggleTraditional,
                G::Seeing,
                "traditional",
                {"Alt+T"},
                "caption in simplified/traditional characters",
                "简繁字幕"},
    CommandInfo{C::ToggleToolbar,
                G::Seeing,
                "toolbar",
                {"Alt+E"},
                "hide the toolbar for this session, or show it again",
                "退出工具条"},
    CommandInfo{C::ToolbarNextPage,
                G::Seeing,
                "toolbar-more",
                {"Alt+G"},
                "the toolbar's next page of buttons",
                "更多工具"},
    CommandInfo{C::ResetSettings,
                G::Seeing,
                "reset",
                {"Alt+C"},
                "all settings back to the board's",
                "重置"},
    CommandInfo{C::SpeakSlower, G::Hearing, "slower", {"F5", "Alt+J"}, "speak slower", "语速放慢"},
    CommandInfo{C::SpeakFaster, G::Hearing, "faster", {"F6", "Alt+K"}, "speak faster", "语速加快"},
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
        C::SayAll, G::Hearing, "say-all", {"R", "Alt+R"}, "read on to the end (any key stops)", "连读"},
    CommandInfo{C::ToggleSpeech,
                G::Hearing,
                "speech",
                {"Alt+V"},
                "speech on/off (only this key speaks while off)",
                "声音开关"},
    CommandInfo{C::TogglePointToRead,
                G::Hearing,
                "point-read",
                {"Alt+Z"},
                "point-to-read: say what is touched or under the mouse, without activating",
                "指读"},
    CommandInfo{C::Help,
                G::Hearing,
                "help",
                {"Alt+H"},
                "help: this item, again: this screen, again: the keys",
                "帮助"},
    CommandInfo{C::Home, G::Kiosk, "home", {"Home"}, "the start page of this session", "首页"},
    CommandInfo{C::CallStaff,
                G::Kiosk,
                "call-staff",
                {"F11"},
                "call a member of staff (an alert in the health report)",
                "呼叫工作人员"},
    CommandInfo{
        C::EndSession, G::Kiosk, "end", {"F10"}, "end the service: forget everything", "结束服务"},
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
