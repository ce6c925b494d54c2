// The forms of a service page: their fields as the citizen fills them in, validation before
// submission, and the urlencoded body (GET query or POST) that goes back through the same
// session. Field values are personal data: they live only as long as the page is open.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "a11y/accessibility.hpp"
#include "drivers/secure_buffer.hpp"
#include "ui/document.hpp"

namespace kiosk {

// What a field holds, as far as privacy goes: in a public hall these are never spoken or shown
// in clear (ID → 尾号1234, name → 张*, phone → 尾号5678, PIN and passwords not at all).
enum class Sensitivity { None, PersonName, IdNumber, Phone, Secret };

struct FormField {
  a11y::NodeId dom = a11y::kNoNode;
  int form = -1;                // index into PageForms::forms, -1 outside any form
  std::string role;             // textbox, checkbox, radio, combobox, button ...
  std::string label;            // the accessible name
  std::string name;             // the name attribute, sent with the value
  drivers::SecureString value;  // what the citizen typed or a card filled in
  std::string description;
  Sensitivity sensitivity = Sensitivity::None;
  a11y::States states;
  bool submits = false;  // a submit button
  // Not shown (type=hidden, the hidden attribute, a style sheet's display:none …): never read,
  // asked for or filled from a card, but sent with its form as browsers send it (a site's
  // form token travels this way; leaving it out made such forms fail).
  bool hidden = false;
  // <select>: each option's text and value; `value` holds the chosen option's value.
  std::vector<std::pair<std::string, std::string>> options;
  int selected = -1;
};

struct Form {
  std::string action;  // as written in the page; resolved against the page's URL
  std::string method;  // "get" or "post"
};

struct PageForms {
  std::vector<Form> forms;
  std::vector<FormField> fields;

  FormField* field(a11y::NodeId dom);
  // The text the reading view shows for a field (and speech reads); sensitive values masked.
  static std::string label(const FormField& f);
  // How the value may be shown or spoken in the hall: masked for sensitive fields.
  static std::string shown_value(const FormField& f);
  // Forget every value (wiped): the citizen has gone.
  void wipe();
  // Required fields left empty, in document order.
  std::vector<const FormField*> missing(int form) const;
  // name=value&... for the form's successful controls.
  std::string encoded(int form) const;
};

PageForms extract_forms(const a11y::Accessibility& acc);

// Every field's run in `doc` gets the kiosk's words for it (PageForms::label): what the page's
// markup said is replaced, and personal values are masked.
void label_fields(ui::Document& doc, const PageForms& forms);

// From the field's type, name, autocomplete and label words (姓名, 身份证, 手机 …).
Sensitivity sensitivity_of(const std::string& type, const std::string& name,
                           const std::string& autocomplete, const std::string& label);

}  // namespace kiosk
