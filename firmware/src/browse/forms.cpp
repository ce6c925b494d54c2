#include "forms.hpp"

#include <algorithm>
#include <variant>

#include "a11y/accessibility_tree.hpp"
#include "drivers/masking.hpp"
#include "page_fetcher.hpp"
#include "tts/utf8.hpp"

namespace kiosk {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

FormField* PageForms::field(a11y::NodeId dom) {
  auto it =
      std::find_if(fields.begin(), fields.end(), [&](const FormField& f) { return f.dom == dom; });
  return it == fields.end() ? nullptr : &*it;
}

std::string PageForms::shown_value(const FormField& f) {
  // A select shows the chosen option's text, not its value.
  if (f.selected >= 0 && f.selected < static_cast<int>(f.options.size())) {
    return f.options[static_cast<std::size_t>(f.selected)].first;
  }
  const std::string_view v = f.value.reveal();
  if (v.empty()) return {};
  auto tail = [&](const char* what) {
    const std::size_t n = tts::utf8_length(v);
    return std::string(what) + "尾号" +
           std::string(n >= 4 ? v.substr(tts::utf8_offset(v, n - 4)) : v);
  };
  switch (f.sensitivity) {
    case Sensitivity::None:
      return std::string(v);
    case Sensitivity::PersonName:
      return drivers::mask_name(v);
    case Sensitivity::IdNumber:
    case Sensitivity::Phone:
      return tail("");
    case Sensitivity::Secret:
      return "已输入" + std::to_string(tts::utf8_length(v)) + "位";
  }
  return {};
}

std::string PageForms::label(const FormField& f) {
  a11y::States s = f.states;
  if (s.invalid && !f.value.empty()) s.invalid = false;  // the citizen has corrected it
  // A checkbox's or radio's value is what it sends, not what it holds: its state says that.
  return a11y::control_label(f.role, f.label, f.states.checkable ? "" : shown_value(f), s,
                             s.invalid ? f.description : "");
}

void label_fields(ui::Document& doc, const PageForms& forms) {
  for (auto& block : doc.blocks) {
    for (auto& run : block.runs) {
      const auto* control = std::get_if<ui::ControlTarget>(&run.target);
      if (control == nullptr) continue;
      for (const auto& f : forms.fields) {
        if (f.dom == control->node) {
          run.text = PageForms::label(f);
          break;
        }
      }
    }
  }
}

void PageForms::wipe() {
  for (auto& f : fields) f.value.wipe();
  fields.clear();
  forms.clear();
}

Sensitivity sensitivity_of(const std::string& type, const std::string& name,
                           const std::string& autocomplete, const std::string& label) {
  const std::string n = lower(name);
  const std::string ac = lower(autocomplete);
  auto named = [&](std::initializer_list<const char*> names) {
    return std::any_of(names.begin(), names.end(), [&](const char* x) { return n == x; });
  };
  auto says = [&](std::initializer_list<const char*> words) {
    return std::any_of(words.begin(), words.end(),
                       [&](const char* w) { return label.find(w) != std::string::npos; });
  };
  if (lower(type) == "password" || named({"pin", "password", "pwd", "mm"}) || says({"密码"})) {
    return Sensitivity::Secret;
  }
  if (named({"idcard", "id_card", "idno", "id_number", "sfzh", "zjhm", "certno"}) ||
      says({"身份证", "证件号码"})) {
    return Sensitivity::IdNumber;
  }
  if (lower(type) == "tel" || ac == "tel" || ac == "tel-national" ||
      named({"phone", "mobile", "tel", "sjhm", "lxdh"}) || says({"手机", "电话"})) {
    return Sensitivity::Phone;
  }
  if (ac == "name" || named({"name", "xm", "fullname", "realname", "username_cn"}) ||
      label == "姓名" || says({"姓名"})) {
    return Sensitivity::PersonName;
  }
  return Sensitivity::None;
}

std::vector<const FormField*> PageForms::missing(int form) const {
  std::vector<const FormField*> out;
  for (const auto& f : fields) {
    if (f.form != form || !f.states.required || f.hidden) continue;
    const bool empty = f.states.checkable ? !f.states.checked : f.value.empty();
    if (empty) out.push_back(&f);
  }
  return out;
}

std::string PageForms::encoded(int form) const {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& f : fields) {
    if (f.form != form || f.name.empty() || f.submits || f.states.disabled) continue;
    if (f.role == "button") continue;
    if (f.states.checkable) {
      if (f.states.checked) {
        pairs.emplace_back(f.name, f.value.empty() ? "on" : std::string(f.value.reveal()));
      }
      continue;
    }
    pairs.emplace_back(f.name, std::string(f.value.reveal()));
  }
  return url_encode_form(pairs);
}

PageForms extract_forms(const a11y::Accessibility& acc) {
  const a11y::Dom& dom = acc.dom();
  PageForms out;
  std::vector<std::pair<a11y::NodeId, int>> form_ids;
  for (a11y::NodeId id = 0; id < dom.size(); ++id) {
    const a11y::DomNode& n = dom.node(id);
    if (n.type != a11y::NodeType::Element) continue;
    if (n.tag == "form") {
      const std::string* action = dom.attribute(id, "action");
      const std::string* method = dom.attribute(id, "method");
      const std::string m = lower(method ? *method : "get");
      form_ids.emplace_back(id, static_cast<int>(out.forms.size()));
      out.forms.push_back({action ? *action : "", m == "post" ? "post" : "get"});
      continue;
    }
    if (n.tag != "input" && n.tag != "select" && n.tag != "textarea" && n.tag != "button") continue;
    FormField f;
    f.dom = id;
    if (acc.hidden(id)) {
      f.hidden = true;
      const std::string* name = dom.attribute(id, "name");
      if (name == nullptr || n.tag == "button") continue;  // nothing it could send
      f.name = *name;
      const std::string* type = dom.attribute(id, "type");
      const std::string t = lower(type ? *type : "");
      if (t == "submit" || t == "image" || t == "reset" || t == "button" || t == "file") continue;
      f.states.disabled = dom.has_attribute(id, "disabled");
      f.states.checkable = t == "checkbox" || t == "radio";
      f.states.checked = dom.has_attribute(id, "checked");
      const std::string* v = dom.attribute(id, "value");
      if (n.tag == "textarea") {
        std::string text;
        for (a11y::NodeId c : n.children) text += dom.node(c).text;
        f.value = drivers::SecureString(text);
      } else if (n.tag != "select" && v != nullptr) {
        f.value = drivers::SecureString(*v);
      }
      const a11y::NodeId form = dom.ancestor(id, {"form"});
      for (const auto& [fid, index] : form_ids) {
        if (fid == form) f.form = index;
      }
      out.fields.push_back(std::move(f));
      continue;
    }
    f.role = acc.role(id);
    f.label = acc.name(id);
    f.description = acc.description(id);
    f.states = acc.states(id);
    if (const std::string* name = dom.attribute(id, "name")) f.name = *name;
    const std::string* type = dom.attribute(id, "type");
    const std::string t = type ? *type : (n.tag == "button" ? "submit" : "");
    f.submits = (n.tag == "button" && t == "submit") ||
                (n.tag == "input" && (t == "submit" || t == "image"));
    const std::string* autocomplete = dom.attribute(id, "autocomplete");
    f.sensitivity = sensitivity_of(t, f.name, autocomplete ? *autocomplete : "", f.label);
    if (f.states.checkable) {
      if (const std::string* v = dom.attribute(id, "value")) f.value = drivers::SecureString(*v);
    } else if (n.tag == "select") {
      std::vector<a11y::NodeId> stack(n.children.rbegin(), n.children.rend());
      while (!stack.empty()) {
        const a11y::NodeId o = stack.back();
        stack.pop_back();
        if (dom.is_element(o, "option")) {
          std::string text;
          for (a11y::NodeId c : dom.node(o).children) text += dom.node(c).text;
          text = a11y::collapse_whitespace(text);
          const std::string* v = dom.attribute(o, "value");
          if (dom.has_attribute(o, "selected") || f.selected < 0) {
            f.selected = static_cast<int>(f.options.size());
          }
          f.options.emplace_back(text, v ? *v : text);
          continue;
        }
        const auto& cc = dom.node(o).children;
        stack.insert(stack.end(), cc.rbegin(), cc.rend());
      }
      // The first option is chosen unless another says selected; the loop above keeps the
      // last "selected" one, as browsers do.
      if (f.selected >= 0) {
        f.value = drivers::SecureString(f.options[static_cast<std::size_t>(f.selected)].second);
      }
    } else if (f.role != "button") {
      f.value = drivers::SecureString(acc.value(id));
    }
    const a11y::NodeId form = dom.ancestor(id, {"form"});
    for (const auto& [fid, index] : form_ids) {
      if (fid == form) f.form = index;
    }
    out.fields.push_back(std::move(f));
  }
  return out;
}

}  // namespace kiosk
