// What the repair pass (page_repair.hpp) leaves on the accessibility tree's nodes: marks that
// say what was repaired (shown in the dump), and the typed action a clickable element was
// given. Kept apart so the tree's header needs nothing else of the repair pass.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace a11y {

// An onclick element that navigates (location.href='…', window.open('…')): a link to the URL
// as written (resolved and checked against the allowlist by the browser like any href).
struct OpenUrl {
  std::string url;
  friend bool operator==(const OpenUrl&, const OpenUrl&) = default;
};
// An onclick element that sends a form (form.submit(), a 提交 div inside a form): the form's
// index among the page's <form> elements in document order.
struct SubmitForm {
  int form = 0;
  friend bool operator==(const SubmitForm&, const SubmitForm&) = default;
};
// monostate: a button whose script the kiosk cannot run.
using RepairAction = std::variant<std::monostate, OpenUrl, SubmitForm>;

// Bits of AxNode::repaired.
enum RepairMark : std::uint16_t {
  kRepairedName = 1,  // a control or image named from its surroundings
  kRepairedRole = 2,  // an onclick element made a button or link
  kLayoutTable = 4,   // a table (or its row or cell) used for layout: read as text
  kDroppedImage = 8,  // decoration, or an unnamed image right after another: not read
  kUsedAsLabel = 16,  // text that now names a control: said with it, not on its own
};

}  // namespace a11y
