#include "cards_command.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "board/profile.hpp"
#include "cards/reader_setup.hpp"
#include "drivers/card_watcher.hpp"
#include "drivers/iso7816/apdu.hpp"
#include "drivers/iso7816/transmit.hpp"
#include "drivers/masking.hpp"
#include "drivers/photo_decoder.hpp"
#include "json_lines.hpp"

namespace kioskctl {
namespace {

using nlohmann::json;

struct Options {
  std::optional<std::string> board;
  bool emulated = false;
  bool usb = true;
  double seconds = 10;
  std::string until;
  int until_count = 1;
  std::vector<std::vector<std::uint8_t>> apdus;
};

const char* kind_name(drivers::CardKind k) {
  switch (k) {
    case drivers::CardKind::ResidentId:
      return "resident";
    case drivers::CardKind::HkMacaoTaiwanResidence:
      return "hk-macao-taiwan-residence";
    case drivers::CardKind::ForeignPermanent2017:
      return "foreign-permanent-2017";
    case drivers::CardKind::ForeignPermanent2023:
      return "foreign-permanent-2023";
  }
  return "unknown";
}

}  // namespace

json describe_card_event(const drivers::CardEvent& e, const drivers::PhotoDecoder* decoder) {
  json j{{"event", drivers::event_name(e.kind)}, {"reader", e.reader}};
  if (!e.detail.empty()) j["detail"] = e.detail;
  if (e.fault != drivers::CardFault::None) j["fault"] = drivers::fault_name(e.fault);
  if (!e.atr.empty()) {
    j["atr"] = drivers::iso7816::hex(e.atr);
    j["protocol"] = "T=" + std::to_string(e.protocol);
  }
  if (e.id_card) {
    const auto& c = *e.id_card;
    j["kind"] = kind_name(c.kind);
    j["name"] = drivers::mask_name(c.name.reveal());
    if (c.foreigner()) {
      j["english_name"] = drivers::mask_name(c.english_name.reveal());
      j["nationality"] = c.nationality;
    }
    j["id_number"] = drivers::mask_id_number(c.id_number.reveal());
    j["sex"] = c.sex;
    if (!c.nation.empty()) j["nation"] = c.nation;
    j["valid_to"] = c.valid_to;
    j["expired"] = c.expired;
    j["photo_bytes"] = e.photo.size();
    if (decoder == nullptr) {
      j["photo"] = "opaque WLT (no licensed decoder configured)";
    } else {
      std::string error;
      auto photo = decoder->decode(e.photo.view(), error);
      j["photo"] =
          photo ? "decoded " + std::to_string(photo->width) + "x" + std::to_string(photo->height)
                : error;
    }
  }
  return j;
}

const char* cards_help() {
  return R"(usage: kioskctl cards [options]

Lists the card readers the board allows, waits for cards and prints, one JSON object per line,
what it sees: readers added/removed, smart cards inserted (ATR, protocol) and removed, ID cards
read (fields masked: 3101**********1234, 张*). Nothing personal is printed in clear and APDUs
that carry a PIN (VERIFY, CHANGE, UNBLOCK) are shown redacted.

options:
  --board NAME|FILE   take the reader allowlist from this board profile (default: built-in list)
  --emulated          add the emulated CCID and ID-card readers with synthetic cards
  --no-usb            do not open USB (with --emulated: a check that needs no hardware)
  --seconds N         stop after N seconds (default 10)
  --until EVENT[:N]   stop after the Nth EVENT (reader-added, card-inserted, card-removed,
                      id-card, ...); the exit code is 0 only if it happened
  --apdu HEX          send this command APDU to each smart card when it is inserted (repeatable);
                      prints status word, response length and exchanges (61xx/6Cxx included)

exit codes: 0 done (and --until reached), 1 usage error, 2 --until not reached in time,
            3 libusb unusable and nothing emulated
)";
}

int cards_command(std::span<const std::string> args) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      return args[++i];
    };
    if (a == "--help" || a == "-h") {
      std::cout << cards_help();
      return 0;
    } else if (a == "--board") {
      o.board = value();
    } else if (a == "--emulated") {
      o.emulated = true;
    } else if (a == "--no-usb") {
      o.usb = false;
    } else if (a == "--seconds") {
      auto v = value();
      if (!v) return std::cerr << "kioskctl cards: --seconds needs a number\n", 1;
      o.seconds = std::atof(v->c_str());
    } else if (a == "--until") {
      auto v = value();
      if (!v) return std::cerr << "kioskctl cards: --until needs an event name\n", 1;
      const auto colon = v->find(':');
      o.until = v->substr(0, colon);
      if (colon != std::string::npos) o.until_count = std::atoi(v->c_str() + colon + 1);
    } else if (a == "--apdu") {
      auto v = value();
      auto bytes = v ? drivers::iso7816::parse_apdu_hex(*v) : std::nullopt;
      if (!bytes)
        return std::cerr << "kioskctl cards: --apdu needs a hex APDU of 4 bytes or more\n", 1;
      o.apdus.push_back(*bytes);
    } else {
      std::cerr << "kioskctl cards: unknown option " << a << " (see kioskctl cards --help)\n";
      return 1;
    }
  }
  std::vector<drivers::usb::AllowedReader> allow = drivers::usb::default_allowlist();
  std::unique_ptr<drivers::PhotoDecoder> decoder;
  if (o.board) {
    auto loaded = board::load_profile_file(board::resolve_profile_path(*o.board));
    if (!loaded.profile) {
      std::cerr << "kioskctl cards: " << loaded.error << "\n";
      return 1;
    }
    if (!loaded.profile->readers.photo_decoder.empty()) {
      std::string error;
      decoder = drivers::PhotoDecoder::load(loaded.profile->readers.photo_decoder, error);
      if (!decoder) std::cerr << "kioskctl cards: warning: " << error << "\n";
    }
    std::string error;
    auto board_allow = kiosk::reader_allowlist(*loaded.profile, error);
    if (!board_allow) {
      std::cerr << "kioskctl cards: " << error << "\n";
      return 1;
    }
    allow = std::move(*board_allow);
  }
  // Emulated readers, if asked for, with the synthetic social-security and resident ID cards.
  kiosk::EmulatedReaders emulated;
  drivers::CardWatcher watcher(allow, o.usb);
  if (o.emulated) {
    emulated.insert_smart_card();
    emulated.place_id_card();
    emulated.attach(watcher);
  }
  json allowed = json::array();
  for (const auto& a : allow) allowed.push_back(a.label());
  emit({{"event", "start"}, {"usb", watcher.usb_status()}, {"allow", allowed}});
  if (o.usb && watcher.usb_status().rfind("libusb", 0) != 0 && !o.emulated) {
    std::cerr << "kioskctl cards: " << watcher.usb_status() << "\n";
    return 3;
  }
  const auto end = std::chrono::steady_clock::now() +
                   std::chrono::milliseconds(static_cast<long>(o.seconds * 1000));
  int seen = 0;
  bool reported_ignored = false;
  while (std::chrono::steady_clock::now() < end) {
    auto events = watcher.poll(std::chrono::milliseconds(200), kiosk::local_today());
    if (!reported_ignored && !watcher.ignored_devices().empty()) {
      reported_ignored = true;
      emit({{"event", "ignored-devices"}, {"devices", watcher.ignored_devices()}});
    }
    for (auto& e : events) {
      emit(describe_card_event(e, decoder.get()));
      if (e.kind == drivers::CardEvent::Kind::CardInserted && !o.apdus.empty()) {
        if (auto* card = watcher.smart_card()) {
          for (const auto& bytes : o.apdus) {
            drivers::iso7816::Apdu apdu;
            auto shape = drivers::iso7816::parse_command(bytes);
            if (!shape) {
              emit({{"event", "apdu-error"},
                    {"command", drivers::iso7816::trace_command(bytes)},
                    {"detail", "not a well-formed command APDU"}});
              continue;
            }
            apdu = {shape->cla,
                    shape->ins,
                    shape->p1,
                    shape->p2,
                    {shape->data.begin(), shape->data.end()},
                    shape->le,
                    shape->extended};
            auto r = drivers::iso7816::transmit(*card, apdu);
            drivers::secure_wipe(apdu.data.data(), apdu.data.size());
            json j{{"event", "apdu"},
                   {"command", drivers::iso7816::trace_command(bytes)},
                   {"exchanges", r.exchanges}};
            if (r.response) {
              char sw[8];
              std::snprintf(sw, sizeof sw, "%04X", r.response->sw);
              j["sw"] = sw;
              j["bytes"] = r.response->data.size();
              j["meaning"] = drivers::iso7816::describe_sw(r.response->sw).technician;
            } else {
              j["error"] = r.error;
            }
            emit(j);
          }
        }
      }
      if (!o.until.empty() && o.until == drivers::event_name(e.kind) && ++seen >= o.until_count) {
        emit({{"event", "done"}, {"reason", o.until + " seen"}});
        return 0;
      }
    }
  }
  emit({{"event", "done"}, {"reason", "time up"}});
  return o.until.empty() ? 0 : 2;
}

}  // namespace kioskctl
