// A badly built service page, generated: what many older 政务 sites still serve. Layout tables
// nested inside layout tables, images without alt, text beside inputs instead of labels, divs
// with onclick instead of links and buttons, radio groups spread over table cells, titles and
// aria-labelledby chains. Used by the tree's scaling test (work counted for N and 4N sections)
// and by the bench (BENCH a11y_tree_bad_page_125kb). Header-only so both can include it.
#pragma once

#include <cstddef>
#include <string>

namespace a11y_test {

// One section of the page: a nested layout table with a form part, images and onclick divs.
inline std::string bad_page_section(std::size_t i) {
  const std::string n = std::to_string(i);
  std::string s;
  s += "<table width=\"100%\" border=0 cellpadding=0><tr><td valign=top>";
  s += "<table><tr><td><img src=\"/img/dot" + n + ".gif\" alt=\"\" width=1></td><td>";
  s += "<table><tr><td><font size=3><b>第" + n + "项 业务办理</b></font></td>";
  s += "<td><div class=\"btn\" onclick=\"go(" + n + ")\">";
  if (i % 4 != 0) s += "<img src=\"/img/go" + n + ".gif\">";  // three in four have no alt
  s += " 办理</div>";
  s += "</td></tr><tr><td colspan=2>";
  s += "<span id=\"lb" + n + "\">申请人</span><span id=\"lc" + n + "\" title=\"说明" + n +
       "\">姓名</span>";
  s += "</td></tr></table></td></tr></table>";
  s += "</td><td>";
  s += "<form action=\"/s\" name=\"f" + n + "\"><table><tr>";
  s += "<td>姓名：</td><td><input name=\"xm" + n + "\" aria-labelledby=\"lb" + n + " lc" + n +
       "\"></td></tr><tr>";
  s += "<td>证件号码</td><td><input name=\"zj" + n + "\" title=\"证件号码\"></td></tr><tr>";
  s += "<td>性别</td><td><input type=radio name=\"xb\" value=\"m\">男</td>";
  s += "<td><input type=radio name=\"xb\" value=\"f\">女</td></tr><tr>";
  s += "<td><label for=\"d" + n + "\">日期</label></td><td><input type=date id=\"d" + n +
       "\"></td></tr>";
  s += "<tr><td><a href=\"/x" + n + "\"><table><tr><td>更多 " + n +
       " 办事指南，请点击这里查看详细说明</td></tr></table></a></td></tr>";
  s += "</table></form></td></tr>";
  return s;  // the outer table is left open: the next section nests inside it
}

// Closes what bad_page_section left open.
inline std::string bad_page_section_end() {
  return "</table>\n";
}

// About `bytes` bytes of such a page (it stops at the first section past the size).
inline std::string bad_page(std::size_t bytes) {
  std::string page =
      "<html><head><title>某某市政务服务网</title></head><body bgcolor=#ffffff>"
      "<table width=980 align=center><tr><td>"
      "<div onclick=\"location='/'\"><img src=\"/img/logo.gif\"></div>\n";
  // Each section's layout table sits in a cell of the one before, as pages built by pasting
  // a table into a table cell do: the nesting grows with the page, 64 sections deep at most
  // (deeper is refused by the parse limits), then a new chain starts.
  std::size_t open = 0;
  auto close_all = [&] {
    for (; open > 0; --open) page += "</td></tr>" + bad_page_section_end();
  };
  for (std::size_t i = 1; page.size() < bytes; ++i, ++open) {
    if (open == 64) close_all();
    page += bad_page_section(i) + "<tr><td>";
  }
  close_all();
  page += "</td></tr></table></body></html>\n";
  return page;
}

// The same page with exactly `sections` sections (for work counted at N and 4N).
inline std::string bad_page_sections(std::size_t sections) {
  std::string page = "<html><head><title>t</title></head><body><table><tr><td>";
  for (std::size_t i = 1; i <= sections; ++i) page += bad_page_section(i) + "<tr><td>";
  for (std::size_t i = 1; i <= sections; ++i) page += "</td></tr>" + bad_page_section_end();
  page += "</td></tr></table></body></html>\n";
  return page;
}

}  // namespace a11y_test
