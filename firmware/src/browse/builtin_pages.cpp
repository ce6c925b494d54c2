#include "builtin_pages.hpp"

#include <array>
#include <cstdint>
#include <string>

#include "input/command.hpp"
#include "speech/out_of_service_wording.hpp"

namespace kiosk {

using namespace ui;

namespace {

ui::InlineRun command_link(const char* text, Command command) {
  return link_run(text, BuiltinTarget{static_cast<int>(command)});
}

ui::InlineRun not_offered_link(const char* text) {
  return link_run(text, BuiltinTarget{kNotOfferedHere});
}

// "下一项：Down；上一项：Up" for one group of the command table.
std::string key_list(CommandGroup group) {
  std::string out;
  for (const auto& c : command_table()) {
    if (c.group != group || c.keys[0].empty()) continue;
    if (!out.empty()) out += "；";
    out += std::string(c.zh) + "：" + std::string(c.keys[0]);
  }
  return out + "。";
}

}  // namespace

ui::Document welcome_page() {
  Document d;
  d.title = "政务服务自助终端";
  d.blocks.push_back(make_heading(1, "欢迎使用政务服务自助终端"));
  d.blocks.push_back(
      make_paragraph("本机支持大字、高对比度配色、十字光标和大字幕。请把身份证放在读卡区，或用键盘"
                     "选择要办理的事项。"));
  d.blocks.push_back(make_heading(2, "常办事项"));
  d.blocks.push_back(Block{BlockKind::ListItem, 1, 1, {not_offered_link("社保卡办理与挂失")}});
  d.blocks.push_back(Block{BlockKind::ListItem, 2, 1, {not_offered_link("居住证签注")}});
  d.blocks.push_back(Block{BlockKind::ListItem, 3, 1, {not_offered_link("不动产登记查询")}});
  d.blocks.push_back(make_heading(2, "看得更清楚"));
  d.blocks.push_back(
      make_paragraph({command_link("放大", Command::ZoomIn), text_run("　"),
                      command_link("缩小", Command::ZoomOut), text_run("　"),
                      command_link("换配色", Command::NextScheme), text_run("　"),
                      command_link("十字光标", Command::ToggleGuideLines), text_run("　"),
                      command_link("大字幕", Command::ToggleCaptionBar)}));
  d.blocks.push_back(make_heading(2, "键盘操作"));
  d.blocks.push_back(make_list_item(key_list(CommandGroup::Reading)));
  d.blocks.push_back(make_list_item(key_list(CommandGroup::Seeing)));
  d.blocks.push_back(make_list_item(key_list(CommandGroup::Hearing)));
  d.blocks.push_back(
      make_paragraph("服务热线 12345，工作时间 9:00—17:00。Wi-Fi 名称 GOV-FREE，无需密码。"));
  return d;
}

ui::Document attract_page() {
  Document d;
  d.title = "政务服务自助终端";
  d.poster = true;
  d.blocks.push_back(make_heading(1, "请按任意键或触摸屏幕开始"));
  d.blocks.push_back(make_heading(1, "插入耳机，进入语音模式"));
  d.blocks.push_back(
      make_paragraph("本机有大字、高对比度配色和语音朗读。需要帮助时，请告诉工作人员。"));
  return d;
}

ui::Document message_page(const std::string& title, const std::string& text) {
  Document d;
  d.title = title;
  d.blocks.push_back(make_heading(1, title));
  d.blocks.push_back(make_paragraph(text));
  return d;
}

ui::Document out_of_service_page(const std::string& citizen_sentence) {
  namespace words = out_of_service_words;
  Document d;
  d.title = words::kTitle;
  d.poster = true;
  d.blocks.push_back(make_heading(1, words::kTitle));
  d.blocks.push_back(
      make_heading(2, citizen_sentence.empty() ? words::kCitizen : citizen_sentence));
  return d;
}

namespace {

// A small linear congruential generator: the page must be identical on every run.
struct Lcg {
  std::uint32_t state;
  std::uint32_t next() {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  }
  template <typename A>
  const auto& pick(const A& options) {
    return options[next() % options.size()];
  }
};

constexpr std::array kSubjects{"申请人",   "经办人", "委托代理人", "本市户籍居民",
                               "来沪人员", "老年人", "残疾人",     "未成年人的监护人"};
constexpr std::array kActions{"应当携带本人有效身份证件", "可以通过自助终端办理",
                              "需要在窗口核验原件",       "可以委托他人代为办理",
                              "应当如实填写申请表",       "可以预约上门服务",
                              "需要提交近期免冠照片",     "可以在线查询办理进度"};
constexpr std::array kObjects{"社会保障卡", "居住证",       "不动产登记证明", "医疗保险关系转移",
                              "公积金提取", "养老服务补贴", "出生医学证明",   "营业执照"};
constexpr std::array kTails{
    "，材料齐全的当场办结。",        "，一般在五个工作日内办结。",      "（详见附件清单）。",
    "；如有疑问，请拨打12345咨询。", "，办理结果可通过短信或APP查询。", "，全程不收取任何费用。",
    "。请注意保管好个人信息……",      "，逾期未领取的，将按规定处理。"};

}  // namespace

ui::Document long_service_guide(std::size_t utf8_bytes) {
  Document d;
  d.title = "办事指南（长页面）";
  Lcg rng{20261125u};
  std::size_t bytes = 0;
  int section = 0;
  while (bytes < utf8_bytes) {
    ++section;
    std::string heading =
        "第" + std::to_string(section) + "部分　" + rng.pick(kObjects) + "办理须知";
    bytes += heading.size();
    d.blocks.push_back(make_heading(2, std::move(heading)));
    for (int p = 0; p < 4 && bytes < utf8_bytes; ++p) {
      std::vector<InlineRun> runs;
      std::string text;
      const int sentences = 3 + static_cast<int>(rng.next() % 4);
      for (int s = 0; s < sentences; ++s) {
        text += std::string(rng.pick(kSubjects)) + "办理" + rng.pick(kObjects) + "，" +
                rng.pick(kActions) + rng.pick(kTails);
      }
      bytes += text.size();
      runs.push_back(text_run(std::move(text)));
      if (p == 1) {
        std::string link = std::string("查看") + rng.pick(kObjects) + "常见问题";
        bytes += link.size();
        runs.push_back(link_run(std::move(link), UrlTarget{"faq/" + std::to_string(section)}));
      }
      d.blocks.push_back(make_paragraph(std::move(runs)));
    }
    for (int i = 1; i <= 3 && bytes < utf8_bytes; ++i) {
      std::string item = std::string(rng.pick(kActions)) + "：" + rng.pick(kObjects) +
                         "原件及复印件" + std::to_string(1 + rng.next() % 3) + "份。";
      bytes += item.size();
      d.blocks.push_back(make_list_item(std::move(item), i));
    }
  }
  return d;
}

std::string long_service_guide_html(std::size_t html_bytes) {
  // Built from the document generator so the text is the same kind; markup on top.
  const ui::Document doc = long_service_guide(html_bytes);
  std::string html =
      "<!doctype html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\">"
      "<title>办事指南</title><style>.nav a{margin:0 1em}</style></head><body>"
      "<header class=\"nav\"><a href=\"/\">首页</a><a href=\"/services\">办事服务</a>"
      "<a href=\"/help\">帮助</a></header><main>";
  bool in_list = false;
  int section = 0;
  for (const auto& b : doc.blocks) {
    if (in_list && b.kind != BlockKind::ListItem) {
      html += "</ol>";
      in_list = false;
    }
    switch (b.kind) {
      case BlockKind::Heading:
        if (section > 0) {
          html +=
              "<table><caption>收费标准</caption><tr><th>项目</th><th>费用</th><th>时限</th></tr>"
              "<tr><td>首次办理</td><td>免费</td><td>3-5个工作日</td></tr>"
              "<tr><td>补办</td><td>¥20.00</td><td>7个工作日</td></tr></table>";
        }
        ++section;
        html += "<h2 id=\"s" + std::to_string(section) + "\">" + b.plain_text() + "</h2>";
        break;
      case BlockKind::ListItem:
        if (!in_list) html += "<ol>";
        in_list = true;
        html += "<li>" + b.plain_text() + "</li>";
        break;
      default: {
        html += "<p>";
        for (const auto& r : b.runs) {
          const auto* url = std::get_if<UrlTarget>(&r.target);
          html += url != nullptr ? "<a href=\"/" + url->url + "\">" + r.text + "</a>" : r.text;
        }
        html += "</p>";
      }
    }
    if (html.size() >= html_bytes - 200) break;
  }
  if (in_list) html += "</ol>";
  html += "</main><footer>咨询电话：12345</footer></body></html>";
  return html;
}

}  // namespace kiosk

namespace kiosk {

std::vector<ui::Block> rating_invitation() {
  return {make_heading(2, "服务评价"),
          make_paragraph({command_link("评价本次服务（好差评）", Command::RateService)})};
}

ui::Document rating_page() {
  Document d;
  d.title = "服务评价";
  d.blocks.push_back(make_heading(1, "请您评价本次服务"));
  // The five levels in one row of heading-sized links, spaced apart: each target is about 90 px
  // tall and at least two characters wide at 1920x1080, and all five are on the first screen
  // (five blocks would not be, with the gap of 1.3 lines after each).
  const Command levels[] = {Command::RateVerySatisfied, Command::RateSatisfied,
                            Command::RateBasicallySatisfied, Command::RateDissatisfied,
                            Command::RateVeryDissatisfied};
  std::vector<InlineRun> row;
  for (const Command c : levels) {
    if (!row.empty()) row.push_back(text_run("　　"));
    row.push_back(command_link(std::string(info(c).zh).c_str(), c));
  }
  d.blocks.push_back(Block{BlockKind::Heading, 2, 0, std::move(row)});  // larger type
  d.blocks.push_back(make_paragraph(
      "按上下键选择，按确认键提交；也可以按数字键1到5，或直接触摸。评价不含您的个人信息。"));
  return d;
}

ui::Document rating_thanks_page() {
  Document d;
  d.title = "感谢您的评价";
  d.blocks.push_back(make_heading(1, "感谢您的评价"));
  d.blocks.push_back(
      make_paragraph("您的评价已提交。办理完毕，请选择结束服务；还要办理其他事项，请按首页。"));
  d.blocks.push_back(
      Block{BlockKind::Heading, 1, 0, {command_link("结束服务", Command::EndSession)}});
  return d;
}

}  // namespace kiosk
