// The command-line walk every kioskctl verb does: options with a value, flags, one optional
// positional word, --help, and a uniform message for anything else.
#pragma once

#include <cstdlib>
#include <iostream>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kioskctl {

class Arguments {
 public:
  // `who` names the verb in messages ("kioskctl status"); `help` is printed for --help and
  // after an unexpected word.
  Arguments(std::span<const std::string> args, std::string_view who, const char* help)
      : args_(args), who_(who), help_(help) {}

  // Moves to the next word; false at the end.
  bool next() {
    if (started_) ++i_;
    started_ = true;
    return i_ < args_.size();
  }
  const std::string& word() const { return args_[i_]; }

  bool help() const {
    if (word() != "--help" && word() != "-h") return false;
    std::cout << help_;
    return true;
  }
  bool flag(std::string_view name) const { return word() == name; }
  // A flag that sets `into` when present.
  bool flag(std::string_view name, bool& into) const {
    if (word() != name) return false;
    into = true;
    return true;
  }
  // `--name VALUE`: stores VALUE and steps over it.
  bool value(std::string_view name, std::string& into) {
    if (word() != name || i_ + 1 >= args_.size()) return false;
    into = args_[++i_];
    return true;
  }
  bool value(std::string_view name, std::optional<std::string>& into) {
    std::string v;
    if (!value(name, v)) return false;
    into = v;
    return true;
  }
  bool value(std::string_view name, double& into) {
    std::string v;
    if (!value(name, v)) return false;
    into = std::atof(v.c_str());
    return true;
  }
  // A word that is not an option, taken once.
  bool positional(std::optional<std::string>& into) const {
    if (into || word().empty() || word()[0] == '-') return false;
    into = word();
    return true;
  }
  // For anything else: the message, the help, and exit code 1 for the caller to return.
  int unexpected() const {
    std::cerr << who_ << ": unexpected '" << word() << "'\n" << help_;
    return 1;
  }

 private:
  std::span<const std::string> args_;
  std::string_view who_;
  const char* help_;
  std::size_t i_ = 0;
  bool started_ = false;
};

}  // namespace kioskctl
