#include "form_editor.hpp"

#include <algorithm>

#include <variant>

#include "tts/utf8.hpp"

namespace kiosk {

void FormEditor::attach(PageForms forms, bool reword) {
  wipe();
  forms_ = std::move(forms);
  editing_.reset();
  // Forms put back from the history hold what the citizen entered before.
  entries_ = reword && std::any_of(forms_.fields.begin(), forms_.fields.end(),
                                   [](const FormField& f) { return !f.value.empty(); });
  runs_.clear();
  const ui::Document& doc = view_.document();
  for (std::uint32_t b = 0; b < doc.blocks.size(); ++b) {
    for (std::size_t r = 0; r < doc.blocks[b].runs.size(); ++r) {
      if (const auto* c = std::get_if<ui::ControlTarget>(&doc.blocks[b].runs[r].target)) {
        runs_[c->node] = ui::FocusTarget{b, static_cast<std::int32_t>(r)};
      }
    }
  }
  if (!reword) return;
  std::vector<std::pair<ui::FocusTarget, std::string>> changes;
  for (const auto& f : forms_.fields) {
    if (const auto at = run_of(f.dom)) changes.emplace_back(*at, PageForms::label(f));
  }
  view_.update_runs_text(changes);  // one relayout for all of them
}

PageForms FormEditor::detach() {
  editing_.reset();
  entries_ = false;
  runs_.clear();
  PageForms out = std::move(forms_);
  forms_ = {};
  return out;
}

void FormEditor::wipe() {
  entries_ = false;
  forms_.wipe();
  runs_.clear();
  editing_.reset();
}

std::optional<ui::FocusTarget> FormEditor::run_of(std::uint32_t node) const {
  const auto it = runs_.find(node);
  if (it == runs_.end()) return std::nullopt;
  return it->second;
}

void FormEditor::refresh(const FormField& field) {
  if (const auto at = run_of(field.dom)) {
    view_.update_run_text(at->block, static_cast<std::size_t>(at->run), PageForms::label(field));
  }
}

std::string FormEditor::echo_of(const FormField& f, const std::string& typed) const {
  const std::string count = std::to_string(tts::utf8_length(f.value.reveal()));
  switch (f.sensitivity) {
    case Sensitivity::IdNumber:
    case Sensitivity::Phone:
    case Sensitivity::Secret:
      // The hall must not hear the digits: only how many there are now.
      return "已输入第" + count + "位";
    case Sensitivity::PersonName:
      // A name is heard only in the citizen's own headphones.
      if (!announcer_.speaker().private_listening()) return "已输入第" + count + "个字";
      break;
    case Sensitivity::None:
      break;
  }
  return typed;
}

FormEditor::Activation FormEditor::activate(std::uint32_t node) {
  FormField* f = forms_.field(node);
  if (f == nullptr || f->states.disabled) {
    announcer_.control_unavailable();
    return {};
  }
  if (f->submits) {
    if (!validate(f->form)) return {Outcome::Redraw, std::nullopt};
    return {Outcome::Unchanged, f->form};
  }
  if (f->states.checkable) {
    entries_ = true;
    f->states.checked = !f->states.checked;
    if (f->role == "radio" && f->states.checked) {
      for (auto& other : forms_.fields) {
        if (&other != f && other.role == "radio" && other.name == f->name &&
            other.form == f->form && other.states.checked) {
          other.states.checked = false;
          refresh(other);
        }
      }
    }
    refresh(*f);
    announcer_.checked(f->states.checked);
    return {Outcome::Redraw, std::nullopt};
  }
  if (!f->options.empty()) {
    // Enter moves a select to its next option, round the list, and says it.
    entries_ = true;
    f->selected = (f->selected + 1) % static_cast<int>(f->options.size());
    const auto& option = f->options[static_cast<std::size_t>(f->selected)];
    f->value = drivers::SecureString(option.second);
    refresh(*f);
    announcer_.option(option.first, f->selected + 1, static_cast<int>(f->options.size()));
    return {Outcome::Redraw, std::nullopt};
  }
  if (f->role == "textbox" || f->role == "searchbox" || f->role == "spinbutton" ||
      f->role.empty()) {
    editing_ = node;
    announcer_.editing_started(f->label);
    return {Outcome::Redraw, std::nullopt};
  }
  announcer_.control_unavailable();
  return {};
}

Outcome FormEditor::text(const std::string& utf8) {
  if (!editing_) return Outcome::NotMine;
  FormField* f = forms_.field(*editing_);
  if (f == nullptr || utf8.empty()) return Outcome::Unchanged;
  f->value.append(utf8);
  entries_ = true;
  refresh(*f);
  announcer_.typed(echo_of(*f, utf8));
  return Outcome::Redraw;
}

Outcome FormEditor::command(Command command) {
  if (!editing_) return Outcome::NotMine;
  FormField* f = forms_.field(*editing_);
  if (f == nullptr) {
    editing_.reset();
    return Outcome::NotMine;
  }
  if (command == Command::Back) {
    if (f->value.empty()) {
      editing_.reset();
      announcer_.editing_ended_empty();
      return Outcome::Redraw;
    }
    const std::string_view v = f->value.reveal();
    const std::size_t cut = tts::utf8_last_start(v);
    // What was deleted is said only where the hall may hear it (not for personal fields).
    const bool say_it =
        f->sensitivity == Sensitivity::None ||
        (f->sensitivity == Sensitivity::PersonName && announcer_.speaker().private_listening());
    const std::string removed = say_it ? std::string(v.substr(cut)) : std::string();
    f->value.truncate(cut);
    refresh(*f);
    announcer_.deleted(say_it ? removed
                              : "一位，还有" + std::to_string(tts::utf8_length(f->value.reveal())) +
                                    "位");
    return Outcome::Redraw;
  }
  // Reviewing the entry (review/) leaves the citizen typing.
  if (is_review(command)) return Outcome::NotMine;
  editing_.reset();
  if (command == Command::Activate) {
    if (f->value.empty()) {
      announcer_.editing_ended_empty();
    } else {
      announcer_.editing_ended(PageForms::shown_value(*f));
    }
    return Outcome::Redraw;
  }
  // Any other key ends typing silently and then does its usual job (its own words follow).
  return Outcome::NotMine;
}

bool FormEditor::validate(int form) {
  const auto missing = forms_.missing(form);
  if (missing.empty()) return true;
  // Validation errors are spoken and focus moves to the first field to fill in.
  if (const auto at = run_of(missing.front()->dom)) view_.set_focus(*at);
  announcer_.fields_missing(missing.size(), missing.front()->label);
  return false;
}

std::vector<std::string> FormEditor::fill_from_card(const drivers::IdCard& card) {
  std::vector<std::string> filled;
  for (auto& f : forms_.fields) {
    if (f.role != "textbox" || f.hidden) continue;
    if (f.sensitivity == Sensitivity::PersonName) {
      f.value = card.name;
      entries_ = true;
      refresh(f);
      filled.emplace_back("姓名");
    } else if (f.sensitivity == Sensitivity::IdNumber) {
      f.value = card.id_number;
      entries_ = true;
      refresh(f);
      filled.emplace_back("证件号码");
    }
  }
  return filled;
}

}  // namespace kiosk
