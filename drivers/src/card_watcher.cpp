#include "drivers/card_watcher.hpp"

#include <thread>

#include "drivers/ccid/messages.hpp"
#include "drivers/usb/libusb_device.hpp"

namespace drivers {

const char* event_name(CardEvent::Kind kind) {
  switch (kind) {
    case CardEvent::Kind::ReaderAdded:
      return "reader-added";
    case CardEvent::Kind::ReaderRemoved:
      return "reader-removed";
    case CardEvent::Kind::ReaderError:
      return "reader-error";
    case CardEvent::Kind::CardInserted:
      return "card-inserted";
    case CardEvent::Kind::CardRemoved:
      return "card-removed";
    case CardEvent::Kind::CardError:
      return "card-error";
    case CardEvent::Kind::IdCardRead:
      return "id-card";
    case CardEvent::Kind::IdCardFailed:
      return "id-card-error";
  }
  return "event";
}

// One reader and what it knows about its card.
class ReaderSession {
 public:
  virtual ~ReaderSession() = default;
  virtual void poll(std::vector<CardEvent>& events, CivilDate today) = 0;
  virtual ccid::CcidCard* card() { return nullptr; }
  virtual bool stalled() const { return false; }
  bool gone = false;
  std::string label;
  std::optional<usb::DeviceInfo> usb;  // set for real USB readers
  std::unique_ptr<usb::LibusbDevice> device;
  std::unique_ptr<Transport> transport, interrupt;
};

namespace {

CardEvent event(CardEvent::Kind kind, const std::string& reader, std::string detail = {},
                CardFault fault = CardFault::None) {
  CardEvent e;
  e.kind = kind;
  e.reader = reader;
  e.detail = std::move(detail);
  e.fault = fault;
  return e;
}

// A stalled reader is probed this often, with a short bound, until it answers again.
constexpr std::chrono::seconds kStalledProbeInterval{15};

class CcidSession final : public ReaderSession {
 public:
  CcidSession(Transport& bulk, Transport* irq, ccid::ClassDescriptor d, ccid::ReaderOptions o)
      : reader_(bulk, d, o),
        normal_(o),
        irq_(irq),
        slots_(static_cast<std::size_t>(d.max_slot_index) + 1) {}

  ccid::CcidCard* card() override {
    for (auto& s : slots_) {
      if (s.card && !s.card->stall()) return s.card.get();
    }
    return nullptr;
  }

  bool stalled() const override { return stalled_; }

  void poll(std::vector<CardEvent>& events, CivilDate) override {
    // Commands the firmware sent through card() since the last poll may have stalled.
    for (std::size_t i = 0; i < slots_.size(); ++i)
      check_card(static_cast<std::uint8_t>(i), events);
    // Slot changes from the interrupt endpoint when there is one; the slot status otherwise
    // (and every few seconds anyway, since the first notification after plug-in can be lost).
    const auto now = drivers::now(normal_.clock);
    bool check = !irq_ || now >= next_status_;
    if (irq_) {
      std::vector<std::uint8_t> m;
      auto r = irq_->read(m, std::chrono::milliseconds(1));
      if (r.status == IoStatus::Disconnected) {
        gone = true;
        return;
      }
      if (r.status == IoStatus::Ok && ccid::parse_slot_change(m, static_cast<int>(slots_.size()))) {
        check = true;
      }
    }
    if (stalled_) check = now >= next_status_;  // a stuck reader is only probed now and then
    if (!check) return;
    const bool was_stalled = stalled_;
    for (std::size_t i = 0; i < slots_.size() && !gone; ++i) {
      poll_slot(static_cast<std::uint8_t>(i), events);
      if (stalled_ && !was_stalled) break;  // the other slots wait for the next probe
    }
    const std::chrono::seconds pause = stalled_ ? kStalledProbeInterval : std::chrono::seconds(2);
    next_status_ = drivers::now(normal_.clock) + pause;
  }

 private:
  struct Slot {
    std::unique_ptr<ccid::CcidCard> card;
    bool failed = false;  // inserted but unusable: said once, until it is taken out
  };

  std::string slot_label(std::uint8_t slot) const {
    return slots_.size() > 1 ? label + " slot " + std::to_string(slot) : label;
  }

  // The reader did not finish a command within its bounds: say so once, then probe it briefly.
  void enter_stall(const std::string& detail, std::vector<CardEvent>& events) {
    if (stalled_) return;
    stalled_ = true;
    events.push_back(
        event(CardEvent::Kind::ReaderError, label, detail, CardFault::ReaderNotResponding));
    ccid::ReaderOptions probe = normal_;
    probe.max_command_time = normal_.timeout;
    probe.max_time_extensions = 4;
    reader_.set_options(std::move(probe));
  }

  void leave_stall() {
    if (!stalled_) return;
    stalled_ = false;
    reader_.set_options(normal_);
  }

  void check_card(std::uint8_t slot, std::vector<CardEvent>& events) {
    Slot& s = slots_[slot];
    if (!s.card || !s.card->stall()) return;
    const ccid::CardStall stall = *s.card->stall();
    if (stall.fault == CardFault::ReaderNotResponding) {
      // The reader's fault: drop the card without a PowerOff, connect it again once the reader
      // answers.
      s.card->abandon();
      s.card.reset();
      enter_stall(stall.detail, events);
      return;
    }
    // The card broke a T=1 bound: unusable until it is taken out (the reader powers it off).
    s.card.reset();
    s.failed = true;
    events.push_back(
        event(CardEvent::Kind::CardError, slot_label(slot), stall.detail,
              stall.fault == CardFault::None ? CardFault::ProtocolError : stall.fault));
  }

  void poll_slot(std::uint8_t slot, std::vector<CardEvent>& events) {
    Slot& s = slots_[slot];
    auto st = reader_.slot_status(slot);
    if (st.disconnected) {
      gone = true;
      return;
    }
    if (!st.reply) {
      if (st.stalled) {
        enter_stall(st.error, events);
        return;
      }
      events.push_back(event(CardEvent::Kind::ReaderError, slot_label(slot), st.error,
                             CardFault::ReaderNotResponding));
      return;
    }
    leave_stall();  // it answered
    const bool present = st.reply->icc() != ccid::IccStatus::Absent;
    if (!present && (s.card || s.failed)) {
      s.card.reset();
      s.failed = false;
      events.push_back(event(CardEvent::Kind::CardRemoved, slot_label(slot)));
      return;
    }
    if (!present || s.card || s.failed) return;
    auto c = ccid::CcidCard::connect(reader_, slot);
    if (c.disconnected) {
      gone = true;
      return;
    }
    if (c.no_card) return;  // the race QEMU shows at start-up: ask again next time
    if (c.stalled) {
      enter_stall(c.error, events);  // not the card's fault: connect again once it answers
      return;
    }
    if (!c.card) {
      s.failed = true;
      events.push_back(event(CardEvent::Kind::CardError, slot_label(slot), c.error, c.fault));
      return;
    }
    s.card = std::move(c.card);
    auto e = event(CardEvent::Kind::CardInserted, slot_label(slot), reader_.descriptor().summary());
    e.atr = s.card->atr().bytes;
    e.protocol = s.card->protocol();
    events.push_back(std::move(e));
  }

  ccid::CcidReader reader_;
  ccid::ReaderOptions normal_;
  Transport* irq_;
  std::vector<Slot> slots_;
  bool stalled_ = false;
  std::chrono::steady_clock::time_point next_status_{};
};

class SamSession final : public ReaderSession {
 public:
  explicit SamSession(Transport& t) : reader_(t, std::chrono::milliseconds(1500)) {}

  void poll(std::vector<CardEvent>& events, CivilDate today) override {
    if (std::chrono::steady_clock::now() < next_) return;
    next_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
    auto r = reader_.read_card(today);
    if (r.disconnected) {
      gone = true;
      return;
    }
    if (r.no_card) {
      // A SAM reader answers "no card" both when the card was lifted and when the card it just
      // read is still lying there (it must be re-presented), so removal cannot be told apart:
      // the session's own end and timeout wipe the data instead.
      card_on_reader_ = false;
      return;
    }
    if (card_on_reader_ && !r.card) return;  // the same card, still there
    card_on_reader_ = true;
    if (!r.card) {
      events.push_back(event(CardEvent::Kind::IdCardFailed, label, r.error, r.fault));
      return;
    }
    auto e = event(CardEvent::Kind::IdCardRead, label, {}, r.fault);
    e.id_card = std::move(r.card);
    e.photo = std::move(r.photo);
    events.push_back(std::move(e));
  }

 private:
  IdCardReader reader_;
  bool card_on_reader_ = false;
  std::chrono::steady_clock::time_point next_{};
};

}  // namespace

struct CardWatcher::UsbState {
  std::unique_ptr<usb::UsbContext> context;
};

CardWatcher::CardWatcher(std::vector<usb::AllowedReader> allowlist, bool use_usb)
    : allowlist_(std::move(allowlist)) {
  if (!use_usb) {
    usb_status_ = "USB not used";
    return;
  }
  usb_ = std::make_unique<UsbState>();
  std::string error;
  usb_->context = usb::UsbContext::create(error);
  usb_status_ = usb_->context
                    ? (usb_->context->hotplug_supported() ? "libusb, hot-plug" : "libusb, rescans")
                    : error;
}

CardWatcher::~CardWatcher() = default;

ccid::ReaderOptions CardWatcher::reader_options() {
  ccid::ReaderOptions o;
  o.timeout = std::chrono::milliseconds(3000);
  return o;  // time extensions: the CCID defaults (240 per command, one minute at most)
}

void CardWatcher::attach_ccid(Transport& bulk, Transport* interrupt, ccid::ClassDescriptor d,
                              std::string label, std::optional<ccid::ReaderOptions> options) {
  auto s = std::make_unique<CcidSession>(bulk, interrupt, d,
                                         options ? std::move(*options) : reader_options());
  s->label = std::move(label);
  sessions_.push_back(std::move(s));
}

void CardWatcher::attach_sam(Transport& transport, std::string label) {
  auto s = std::make_unique<SamSession>(transport);
  s->label = std::move(label);
  sessions_.push_back(std::move(s));
}

ccid::CcidCard* CardWatcher::smart_card() {
  for (auto& s : sessions_) {
    if (auto* c = s->card()) return c;
  }
  return nullptr;
}

std::vector<std::string> CardWatcher::stalled_readers() const {
  std::vector<std::string> out;
  for (const auto& s : sessions_) {
    if (!s->gone && s->stalled()) out.push_back(s->label);
  }
  return out;
}

void CardWatcher::rescan(std::vector<CardEvent>& events) {
  if (!usb_ || !usb_->context) return;
  ignored_.clear();
  const auto present = usb_->context->list(allowlist_, &ignored_);
  for (auto& s : sessions_) {
    if (s->usb && std::find(present.begin(), present.end(), *s->usb) == present.end())
      s->gone = true;
  }
  for (const auto& info : present) {
    bool known = false;
    for (auto& s : sessions_) known |= s->usb && *s->usb == info;
    if (known) continue;
    auto opened = usb::open_reader(*usb_->context, info);
    const std::string label = info.reader.label() + " (" + info.where() + ")";
    if (!opened.transport) {
      events.push_back(
          event(CardEvent::Kind::ReaderError, label, opened.error, CardFault::ReaderUnusable));
      continue;
    }
    std::unique_ptr<ReaderSession> s;
    if (opened.ccid) {
      s = std::make_unique<CcidSession>(*opened.transport, opened.interrupt.get(), *opened.ccid,
                                        reader_options());
    } else {
      s = std::make_unique<SamSession>(*opened.transport);
    }
    s->label = label;
    s->usb = info;
    s->device = std::move(opened.device);
    s->transport = std::move(opened.transport);
    s->interrupt = std::move(opened.interrupt);
    events.push_back(event(
        CardEvent::Kind::ReaderAdded, label,
        opened.ccid ? opened.ccid->summary() : std::string(usb::bridge_name(info.reader.chip))));
    sessions_.push_back(std::move(s));
  }
}

std::vector<CardEvent> CardWatcher::poll(std::chrono::milliseconds timeout, CivilDate today) {
  std::vector<CardEvent> events;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool first = true;
  while (first || (events.empty() && std::chrono::steady_clock::now() < deadline)) {
    first = false;
    const auto now = std::chrono::steady_clock::now();
    bool changed = false;
    if (usb_ && usb_->context && usb_->context->hotplug_supported()) {
      changed = usb_->context->wait_for_change(std::chrono::milliseconds(1));
    }
    if (changed || now >= next_scan_) {
      rescan(events);
      next_scan_ = now + std::chrono::seconds(1);
    }
    for (auto& s : sessions_) {
      if (!s->gone) s->poll(events, today);
    }
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      if ((*it)->gone) {
        if ((*it)->card()) events.push_back(event(CardEvent::Kind::CardRemoved, (*it)->label));
        events.push_back(event(CardEvent::Kind::ReaderRemoved, (*it)->label));
        it = sessions_.erase(it);  // releases the interface and closes the handle
      } else {
        ++it;
      }
    }
    // Nothing happened: wait for the next pass, but never past the caller's deadline (a caller
    // that polls with no timeout does its own waiting, and can be woken from it).
    const auto left = deadline - std::chrono::steady_clock::now();
    if (events.empty() && left > std::chrono::steady_clock::duration::zero()) {
      std::this_thread::sleep_for(
          std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(20)));
    }
  }
  return events;
}

}  // namespace drivers
