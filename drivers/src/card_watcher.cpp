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

class CcidSession final : public ReaderSession {
 public:
  CcidSession(Transport& bulk, Transport* irq, ccid::ClassDescriptor d)
      : reader_(bulk, d, ccid::ReaderOptions{std::chrono::milliseconds(3000), 600}),
        irq_(irq),
        slots_(static_cast<std::size_t>(d.max_slot_index) + 1) {}

  ccid::CcidCard* card() override {
    for (auto& s : slots_) {
      if (s.card) return s.card.get();
    }
    return nullptr;
  }

  void poll(std::vector<CardEvent>& events, CivilDate) override {
    // Slot changes from the interrupt endpoint when there is one; the slot status otherwise
    // (and every few seconds anyway, since the first notification after plug-in can be lost).
    bool check = !irq_ || std::chrono::steady_clock::now() >= next_status_;
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
    if (!check) return;
    next_status_ = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    for (std::size_t i = 0; i < slots_.size() && !gone; ++i)
      poll_slot(static_cast<std::uint8_t>(i), events);
  }

 private:
  struct Slot {
    std::unique_ptr<ccid::CcidCard> card;
    bool failed = false;  // inserted but unusable: said once, until it is taken out
  };

  std::string slot_label(std::uint8_t slot) const {
    return slots_.size() > 1 ? label + " slot " + std::to_string(slot) : label;
  }

  void poll_slot(std::uint8_t slot, std::vector<CardEvent>& events) {
    Slot& s = slots_[slot];
    auto st = reader_.slot_status(slot);
    if (st.disconnected) {
      gone = true;
      return;
    }
    if (!st.reply) {
      events.push_back(event(CardEvent::Kind::ReaderError, slot_label(slot), st.error,
                             CardFault::ReaderNotResponding));
      return;
    }
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
  Transport* irq_;
  std::vector<Slot> slots_;
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

void CardWatcher::attach_ccid(Transport& bulk, Transport* interrupt, ccid::ClassDescriptor d,
                              std::string label) {
  auto s = std::make_unique<CcidSession>(bulk, interrupt, d);
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
      s = std::make_unique<CcidSession>(*opened.transport, opened.interrupt.get(), *opened.ccid);
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
    if (events.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return events;
}

}  // namespace drivers
