#include "fleet/dashboard_page.hpp"

#include "kiosk/html_text.hpp"

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>

namespace fleet {
namespace {

std::string esc(std::string_view s) {
  return kiosk::html_escape(s);
}

std::string clock_time(long unix_time) {
  const std::time_t t = unix_time;
  std::tm tm{};
  localtime_r(&t, &tm);
  char text[16];
  std::strftime(text, sizeof text, "%H:%M:%S", &tm);
  return text;
}

// Element ids: hall and kiosk names never hold a '.', so "<what>.<hall>.<kiosk>" is unique.
std::string dom_id(const char* what, const KioskId& id) {
  return std::string(what) + "." + id.hall + "." + id.kiosk;
}

std::string kiosk_name(const KioskId& id, const PageContext& c) {
  return c.hall.empty() ? id.hall + " / " + id.kiosk : id.kiosk;
}

// 正常, or 故障 with the parts that are not (and what they say), or 离线 / 未知.
std::string state_text(const KioskView& v) {
  if (v.online == false) return "<strong class=\"bad\">✖ 离线</strong>";
  if (!v.status) return "未知（尚无状态）";
  const kiosk::HealthReport& h = v.status->health;
  const std::string calling = v.open_alert ? "，<strong class=\"bad\">呼叫中</strong>" : "";
  if (h.healthy()) return (h.citizen_served ? "✔ 正常，正在服务" : "✔ 正常") + calling;
  std::string parts;
  const auto part = [&](const char* name, const kiosk::HealthPart& p) {
    if (p.ok) return;
    if (!parts.empty()) parts += "、";
    parts += name;
    if (!p.detail.empty()) parts += "（" + esc(p.detail) + "）";
  };
  part("显示", h.display);
  part("语音", h.speech);
  part("读卡器", h.readers);
  part("配置", h.profile);
  return "<strong class=\"bad\">✖ 故障：</strong>" + parts + calling;
}

long uptime(const KioskView& v, long now) {
  if (!v.status) return -1;
  const auto& h = v.status->health;
  return h.started_at > 0 ? now - h.started_at : h.uptime_s;
}

int repaired_total(const kiosk::HealthReport& h) {
  int total = 0;
  for (const auto& p : h.repaired_pages) total += p.times;
  return total;
}

std::string call_item(const KioskView& v, const PageContext& c) {
  const StaffAlert& a = *v.open_alert;
  const std::string name = kiosk_name(v.id, c);
  const long waited = std::max(0L, c.now - a.raised_at);
  std::string html = "<li id=\"" + dom_id("call", v.id) + "\" data-call data-name=\"" + esc(name) +
                     "\"><strong>终端 " + esc(name) +
                     "</strong> 呼叫工作人员，已等待 <strong data-since=\"" +
                     std::to_string(a.raised_at) + "\">" + chinese_duration(waited) +
                     "</strong>（" + clock_time(a.raised_at) + " 起）";
  html += "<form method=\"post\" action=\"/ack\" data-name=\"" + esc(name) + "\">";
  html += "<input type=\"hidden\" name=\"hall\" value=\"" + esc(v.id.hall) + "\">";
  html += "<input type=\"hidden\" name=\"kiosk\" value=\"" + esc(v.id.kiosk) + "\">";
  html += "<input type=\"hidden\" name=\"alert\" value=\"" + std::to_string(a.id) + "\">";
  html += "<button type=\"submit\" id=\"" + dom_id("ack", v.id) + "\">确认 " + esc(name) +
          " 的呼叫</button></form></li>";
  return html;
}

std::string calls_section(const BoardSnapshot& b, const PageContext& c) {
  std::vector<const KioskView*> open;
  std::vector<const KioskView*> answered;
  for (const auto& v : b.kiosks) {
    if (v.open_alert) open.push_back(&v);
    if (v.answered) answered.push_back(&v);
  }
  // The longest wait first; the latest answer first.
  std::sort(open.begin(), open.end(), [](const KioskView* x, const KioskView* y) {
    return x->open_alert->raised_at < y->open_alert->raised_at;
  });
  std::sort(answered.begin(), answered.end(), [](const KioskView* x, const KioskView* y) {
    return x->answered->ack.acked_at > y->answered->ack.acked_at;
  });
  std::string html = "<section aria-labelledby=\"h-calls\"><h2 id=\"h-calls\" tabindex=\"-1\">";
  html += "呼叫（待处理）：" + std::to_string(open.size()) + " 个</h2>";
  if (open.empty()) {
    html += "<p>没有待处理的呼叫。</p>";
  } else {
    html += "<ul class=\"calls\">";
    for (const auto* v : open) html += call_item(*v, c);
    html += "</ul>";
  }
  if (!answered.empty()) {
    html += "<h3>已确认的呼叫</h3><ul class=\"answered\">";
    for (const auto* v : answered) {
      const AnsweredAlert& a = *v->answered;
      html += "<li id=\"" + dom_id("answered", v->id) + "\" tabindex=\"-1\">终端 " +
              esc(kiosk_name(v->id, c)) + "：由 " + esc(a.ack.by) + " 于 " +
              clock_time(a.ack.acked_at) + " 确认，用时 <strong>" +
              chinese_duration(std::max(0L, a.waited_s())) + "</strong></li>";
    }
    html += "</ul>";
  }
  return html + "</section>";
}

std::string offline_section(const BoardSnapshot& b, const PageContext& c) {
  std::string items;
  int count = 0;
  for (const auto& v : b.kiosks) {
    if (v.online != false) continue;
    ++count;
    items += "<li id=\"" + dom_id("offline", v.id) + "\">终端 " + esc(kiosk_name(v.id, c));
    if (v.status) items += "，最后状态 " + clock_time(v.status->published_at);
    items += "</li>";
  }
  std::string html = "<section aria-labelledby=\"h-offline\"><h2 id=\"h-offline\">离线的终端：" +
                     std::to_string(count) + " 台</h2>";
  html += count == 0 ? "<p>没有离线的终端。</p>" : "<ul>" + items + "</ul>";
  return html + "</section>";
}

std::string kiosk_row(const KioskView& v, const PageContext& c) {
  const std::string name = kiosk_name(v.id, c);
  std::string html = "<tr><th scope=\"row\"><a id=\"" + dom_id("kiosk", v.id) +
                     "\" href=\"/kiosk/" + esc(v.id.hall) + "/" + esc(v.id.kiosk) + "\">" +
                     esc(name) + "</a></th>";
  html += "<td>" + state_text(v) + "</td>";
  if (!v.status) return html + "<td colspan=\"5\">—</td></tr>";
  const auto& h = v.status->health;
  const long up = uptime(v, c.now);
  html += "<td>" + esc(h.version.empty() ? "—" : h.version) + " / " +
          esc(h.slot.empty() ? "—" : h.slot) + "</td>";
  html +=
      "<td>" + (v.online == false || up < 0 ? std::string("—") : chinese_duration(up)) + "</td>";
  html += "<td>" + std::to_string(h.sessions_today) + "</td>";
  html += "<td>" + std::to_string(h.audio_sessions_today) + " / " +
          std::to_string(h.large_type_sessions_today) + " / " +
          std::to_string(h.touch_sessions_today) + "</td>";
  html += "<td>" + std::to_string(repaired_total(h)) + "</td></tr>";
  return html;
}

std::string all_section(const BoardSnapshot& b, const PageContext& c) {
  std::string html = "<section aria-labelledby=\"h-all\"><h2 id=\"h-all\">全部终端：" +
                     std::to_string(b.kiosks.size()) + " 台</h2>";
  if (b.kiosks.empty()) return html + "<p>还没有终端报到。</p></section>";
  html +=
      "<table><thead><tr><th scope=\"col\">终端</th><th scope=\"col\">状态</th>"
      "<th scope=\"col\">版本 / 槽</th><th scope=\"col\">运行时间</th>"
      "<th scope=\"col\">今日办理</th><th scope=\"col\">语音 / 大字 / 触摸</th>"
      "<th scope=\"col\">修复的页面</th></tr></thead><tbody>";
  for (const auto& v : b.kiosks) html += kiosk_row(v, c);
  return html + "</tbody></table></section>";
}

// White on black (21:1), yellow on black (19.6:1) for links and buttons; focus is a 6 px white
// ring (21:1 against the black page) that also turns the control white, so it shows twice.
constexpr const char* kStyle = R"(
html{background:#000;color:#fff}
body{margin:0 32px;font:28px/1.5 "Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;background:#000;color:#fff}
h1{font-size:48px;margin:16px 0 0}h2{font-size:40px;margin:32px 0 8px;border-bottom:4px solid #fff}
h3{font-size:32px;margin:16px 0 8px}
a{color:#ff0;text-decoration:underline}
button{font:inherit;font-weight:bold;color:#000;background:#ff0;border:4px solid #ff0;
 border-radius:8px;min-height:64px;min-width:64px;padding:4px 24px;margin:8px 0 8px 24px;cursor:pointer}
a:focus,button:focus,[tabindex]:focus{outline:6px solid #fff;outline-offset:4px}
a:focus{color:#000;background:#fff}button:focus{background:#fff;border-color:#fff}
ul{padding-left:1.2em}li{margin:8px 0}
.calls li{font-size:36px;border-left:12px solid #ff0;padding-left:16px;list-style:none}
form{display:inline}
table{border-collapse:collapse;width:100%}
th,td{border:2px solid #fff;padding:8px 12px;text-align:left;vertical-align:top}
thead th{background:#fff;color:#000}
.bad{color:#ff0}
.announce{font-size:36px;font-weight:bold;min-height:48px;margin:8px 0}
.announce:not(:empty),.stale{border:6px solid #ff0;padding:8px 16px}
.stale{font-size:36px;font-weight:bold}
.meta{margin:0}
)";

// Live update without losing keyboard focus: wait for the next change (/board?after=N answers
// when the board changed, or after 20 s), swap <main> and focus the element with the same id
// again (the calls heading when it went, e.g. an answered call's button). New calls are read
// out through the live region; 确认 is sent with fetch so the page stays where it is.
constexpr const char* kScript = R"(
(function(){
var main=document.getElementById('board'),live=document.getElementById('announce');
var version=+document.body.getAttribute('data-version');
var skew=+document.body.getAttribute('data-now')-Math.floor(Date.now()/1000);
function dur(s){s=Math.max(0,s);if(s<60)return s+' 秒';if(s<3600)return Math.floor(s/60)+' 分 '+s%60+' 秒';
if(s<86400)return Math.floor(s/3600)+' 小时 '+Math.floor(s%3600/60)+' 分';return Math.floor(s/86400)+' 天 '+Math.floor(s%86400/3600)+' 小时';}
function calls(){var s={};main.querySelectorAll('[data-call]').forEach(function(e){s[e.id]=e.getAttribute('data-name');});return s;}
function swap(html){var before=calls(),a=document.activeElement,had=a&&a!==document.body&&main.contains(a)?a.id:'';
main.innerHTML=html;var now=calls(),fresh=[];for(var k in now)if(!(k in before))fresh.push(now[k]);
if(fresh.length)live.textContent='新呼叫：'+fresh.join('、')+'，请确认';
if(had){var e=document.getElementById(had)||document.getElementById('h-calls');if(e)e.focus();}}
function poll(){fetch('/board?after='+version).then(function(r){if(!r.ok)throw r.status;
version=+r.headers.get('X-Board-Version');return r.text();}).then(function(t){swap(t);poll();})
.catch(function(){live.textContent='看板连不上，正在重试';setTimeout(poll,3000);});}
document.addEventListener('submit',function(ev){var f=ev.target;if(f.getAttribute('action')!=='/ack')return;
ev.preventDefault();fetch('/ack',{method:'POST',headers:{'X-Requested-With':'fetch'},body:new URLSearchParams(new FormData(f))})
.then(function(r){live.textContent=r.ok?'已确认 '+f.getAttribute('data-name')+' 的呼叫':'确认没有成功，请再按一次';})
.catch(function(){live.textContent='看板连不上，请再按一次';});});
setInterval(function(){var t=Math.floor(Date.now()/1000)+skew;main.querySelectorAll('[data-since]').forEach(function(e){
var v=dur(t-e.getAttribute('data-since'));if(e.textContent!==v)e.textContent=v;});},1000);
poll();
})();
)";

std::string head(const std::string& title) {
  return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta "
         "name=\"viewport\" "
         "content=\"width=device-width\"><title>" +
         esc(title) + "</title><style>" + kStyle + "</style></head>";
}

std::string title(const PageContext& c) {
  return c.hall.empty() ? "大厅终端看板" : "大厅终端看板 · " + c.hall;
}

}  // namespace

std::string chinese_duration(long s) {
  s = std::max(0L, s);
  if (s < 60) return std::to_string(s) + " 秒";
  if (s < 3600) return std::to_string(s / 60) + " 分 " + std::to_string(s % 60) + " 秒";
  if (s < 86400) return std::to_string(s / 3600) + " 小时 " + std::to_string(s % 3600 / 60) + " 分";
  return std::to_string(s / 86400) + " 天 " + std::to_string(s % 86400 / 3600) + " 小时";
}

std::string board_html(const BoardSnapshot& b, const PageContext& c) {
  // Without the broker the board only shows the past: said first, in the largest type.
  const std::string stale =
      c.broker_connected ? ""
                         : "<p class=\"stale\" id=\"stale\">✖ 看板与消息服务器断开，正在重连；"
                           "下面的状态可能已经过时。</p>";
  return stale + calls_section(b, c) + offline_section(b, c) + all_section(b, c);
}

std::string dashboard_page(const BoardSnapshot& b, const PageContext& c) {
  return head(title(c)) + "<body data-version=\"" + std::to_string(b.version) + "\" data-now=\"" +
         std::to_string(c.now) + "\"><header><h1>" + esc(title(c)) +
         "</h1><p class=\"meta\">看板 " + esc(c.name) +
         "，自动更新，<a id=\"refresh\" href=\"/\">刷新</a></p></header>"
         "<div id=\"announce\" class=\"announce\" role=\"status\" aria-live=\"assertive\" "
         "aria-atomic=\"true\"></div><main id=\"board\">" +
         board_html(b, c) + "</main><script>" + kScript + "</script></body></html>";
}

std::string kiosk_page(const BoardSnapshot& b, const KioskId& id, const PageContext& c) {
  const auto it = std::find_if(b.kiosks.begin(), b.kiosks.end(),
                               [&](const KioskView& v) { return v.id == id; });
  if (it == b.kiosks.end()) return {};
  const KioskView& v = *it;
  const std::string name = "终端 " + id.hall + " / " + id.kiosk;
  std::string html = head(name) + "<body><header><h1>" + esc(name) +
                     "</h1><p class=\"meta\"><a id=\"back\" href=\"/\">返回看板</a></p></header>"
                     "<main><h2>状态</h2><p>" +
                     state_text(v) + "</p>";
  if (v.status) {
    const auto& h = v.status->health;
    html += "<p>版本 " + esc(h.version) + "，槽 " + esc(h.slot.empty() ? "—" : h.slot) +
            "，状态发于 " + clock_time(v.status->published_at) + "</p>";
    const long up = uptime(v, c.now);
    if (v.online != false && up >= 0) html += "<p>运行时间 " + chinese_duration(up) + "</p>";
    html += "<h2>最近的错误</h2>";
    if (h.last_errors.empty())
      html += "<p>没有。</p>";
    else {
      html += "<ul>";
      for (const auto& e : h.last_errors) html += "<li lang=\"en\">" + esc(e) + "</li>";
      html += "</ul>";
    }
    html += "<h2>修复过的页面</h2>";
    if (h.repaired_pages.empty())
      html += "<p>没有。</p>";
    else {
      html += "<ul>";
      for (const auto& p : h.repaired_pages) {
        std::string missing;
        for (const auto& m : p.missing) missing += (missing.empty() ? "" : ", ") + m;
        html += "<li><span lang=\"en\">" + esc(p.page) + "</span>：缺 " + esc(missing) + "，今天 " +
                std::to_string(p.times) + " 次</li>";
      }
      html += "</ul>";
    }
  }
  return html + "</main></body></html>";
}

std::string board_json(const BoardSnapshot& b, const PageContext& c) {
  nlohmann::json kiosks = nlohmann::json::array();
  for (const auto& v : b.kiosks) {
    nlohmann::json k{{"hall", v.id.hall}, {"kiosk", v.id.kiosk}};
    k["online"] = v.online ? nlohmann::json(*v.online) : nlohmann::json();
    if (v.status) {
      const auto& h = v.status->health;
      k["healthy"] = h.healthy();
      k["version"] = h.version;
      k["slot"] = h.slot;
      k["sessions_today"] = h.sessions_today;
      k["published_at"] = v.status->published_at;
    }
    if (v.open_alert) {
      k["open_alert"] = {{"id", v.open_alert->id}, {"raised_at", v.open_alert->raised_at}};
    }
    if (v.answered) {
      const auto& a = *v.answered;
      k["answered"] = {{"id", a.alert.id},
                       {"raised_at", a.alert.raised_at},
                       {"by", a.ack.by},
                       {"acked_at", a.ack.acked_at},
                       {"waited_s", a.waited_s()}};
    }
    kiosks.push_back(std::move(k));
  }
  const nlohmann::json j{{"version", b.version},
                         {"now", c.now},
                         {"hall", c.hall},
                         {"bad_messages", b.bad_messages},
                         {"kiosks", std::move(kiosks)}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace fleet
