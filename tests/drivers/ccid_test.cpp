// CCID: class descriptor, message codec and the reader engine against the emulated reader
// (stale bSeq, time extension, zero-length and split packets, removal mid-APDU, unplug), and
// connecting to cards at TPDU level (T=0, T=1) and at extended-APDU level with chaining.
#include <gtest/gtest.h>

#include <climits>

#include "drivers/card_watcher.hpp"
#include "drivers/ccid/ccid_card.hpp"
#include "drivers/ccid/ccid_reader.hpp"
#include "drivers/ccid/descriptor.hpp"
#include "drivers/ccid/messages.hpp"
#include "drivers/emulated/ccid_emulator.hpp"
#include "drivers/iso7816/transmit.hpp"

namespace {

using namespace drivers::ccid;
using drivers::emulated::CcidEmulator;
using drivers::emulated::EmulatedCard;
namespace iso = drivers::iso7816;

std::vector<std::uint8_t> t0_only_atr() {
  return {0x3B, 0x02, 0x14, 0x50};
}

TEST(CcidDescriptor, FoundInInterfaceExtraOrAfterTheEndpoints) {
  ClassDescriptor d = CcidEmulator::tpdu_reader();
  d.features = 0x000104FE;  // what QEMU's usb-ccid announces
  d.max_message_length = 65554;
  const auto bytes = encode_class_descriptor(d);
  ASSERT_EQ(bytes.size(), 54u);
  auto direct = find_class_descriptor(bytes);
  ASSERT_TRUE(direct.descriptor) << direct.error;
  EXPECT_EQ(direct.descriptor->level(), ExchangeLevel::Tpdu);
  EXPECT_TRUE(direct.descriptor->negotiates_itself());
  EXPECT_TRUE(direct.descriptor->has(kAutoVoltage));
  EXPECT_EQ(direct.descriptor->max_message_length, 65554u);
  // Some readers put it after two 7-byte endpoint descriptors.
  std::vector<std::uint8_t> after{7, 5, 0x81, 2, 64, 0, 0, 7, 5, 0x02, 2, 64, 0, 0};
  after.insert(after.end(), bytes.begin(), bytes.end());
  auto late = find_class_descriptor(after);
  ASSERT_TRUE(late.descriptor) << late.error;
  EXPECT_EQ(late.descriptor->features, 0x000104FEu);
  EXPECT_NE(late.descriptor->summary().find("TPDU"), std::string::npos);
  // Broken: wrong length, zero length, absent.
  auto wrong = bytes;
  wrong[0] = 40;
  EXPECT_NE(find_class_descriptor(wrong).error.find("54"), std::string::npos);
  EXPECT_FALSE(find_class_descriptor(std::vector<std::uint8_t>{0, 0x21}).descriptor);
  EXPECT_NE(find_class_descriptor(std::vector<std::uint8_t>{7, 5, 0x81, 2, 64, 0, 0})
                .error.find("no CCID"),
            std::string::npos);
}

TEST(CcidMessages, EncodeParseAndQuirks) {
  const std::uint8_t data[3] = {1, 2, 3};
  auto m = encode(kXfrBlock, 0, 7, {4, 0x10, 0}, data);
  EXPECT_EQ(iso::hex(m), "6F 03 00 00 00 00 07 04 10 00 01 02 03");
  // A DataBlock in two pieces: NeedMore, then Complete.
  std::vector<std::uint8_t> reply{0x80, 2, 0, 0, 0, 0, 7, 0x00, 0x00, 0x00, 0x90, 0x00};
  EXPECT_EQ(parse_reply(std::span(reply).first(11), 271).status, ParseStatus::NeedMore);
  auto ok = parse_reply(reply, 271);
  ASSERT_EQ(ok.status, ParseStatus::Complete);
  EXPECT_EQ(ok.reply->seq, 7);
  EXPECT_EQ(ok.reply->data.size(), 2u);
  // QEMU: Parameters with dwLength 0 followed by 7 bytes.
  std::vector<std::uint8_t> params{0x82, 0,    0,    0, 0,    0, 3,    0x00, 0x00,
                                   0x01, 0x11, 0x10, 0, 0x4D, 0, 0xFE, 0};
  auto p = parse_reply(params, 271);
  ASSERT_EQ(p.status, ParseStatus::Complete);
  EXPECT_EQ(p.reply->data.size(), 7u);
  // Lengths beyond the reader's limit are refused, not awaited.
  std::vector<std::uint8_t> huge{0x80, 0xFF, 0xFF, 0xFF, 0x7F, 0, 0, 0, 0, 0};
  auto h = parse_reply(huge, 271);
  EXPECT_EQ(h.status, ParseStatus::Invalid);
  EXPECT_NE(h.error.find("dwMaxCCIDMessageLength"), std::string::npos);
  EXPECT_EQ(parse_reply(std::vector<std::uint8_t>(10, 0x13), 271).status, ParseStatus::Invalid);
  // bStatus / bError.
  Reply r;
  r.status = 0x42;
  EXPECT_EQ(r.icc(), IccStatus::Absent);
  EXPECT_EQ(r.command(), CommandStatus::Failed);
  EXPECT_NE(describe_error(kIccPowerOn, 0xFE).find("mute"), std::string::npos);
  EXPECT_NE(describe_error(kXfrBlock, 0xF4).find("procedure byte"), std::string::npos);
  EXPECT_NE(describe_error(kSetParameters, 7).find("offset 7"), std::string::npos);
  EXPECT_NE(describe_error(kSetParameters, 7).find("0x61"), std::string::npos);
  // NotifySlotChange for two slots: slot 0 present+changed, slot 1 absent+changed.
  auto change = parse_slot_change(std::vector<std::uint8_t>{0x50, 0x0B}, 2);
  ASSERT_TRUE(change);
  EXPECT_TRUE((*change)[0].present);
  EXPECT_TRUE((*change)[0].changed);
  EXPECT_FALSE((*change)[1].present);
  EXPECT_TRUE((*change)[1].changed);
  EXPECT_FALSE(parse_slot_change(std::vector<std::uint8_t>{0x50}, 2));
}

struct Rig {
  explicit Rig(ClassDescriptor d = CcidEmulator::tpdu_reader())
      : emulator(d), reader(emulator, d, ReaderOptions{std::chrono::milliseconds(300), 50}) {}
  CcidEmulator emulator;
  CcidReader reader;
};

TEST(CcidReader, StaleRepliesTimeExtensionsAndOddPacketsAreHandled) {
  Rig rig;
  rig.emulator.insert(EmulatedCard::sample_social_card());
  rig.emulator.faults().stale_replies = 2;
  rig.emulator.faults().zero_length_packets = true;
  rig.emulator.faults().split_packets = true;
  auto on = rig.reader.power_on(0, Voltage::V5);
  ASSERT_TRUE(on.ok()) << on.error;
  EXPECT_EQ(on.reply->data, rig.emulator.card()->atr());
  auto status = rig.reader.slot_status(0);
  ASSERT_TRUE(status.ok()) << status.error;
  EXPECT_EQ(status.reply->icc(), IccStatus::PresentActive);
  EXPECT_EQ(rig.reader.stale_replies_discarded(), 2);
  rig.emulator.faults().time_extensions = 3;
  const std::uint8_t tpdu[5] = {0x00, 0xCA, 0x9F, 0x7F, 0x04};
  auto x = rig.reader.xfr_block(0, tpdu);
  ASSERT_TRUE(x.ok()) << x.error;
  EXPECT_EQ(rig.reader.time_extensions_seen(), 3);
  EXPECT_EQ(iso::hex(x.reply->data), "01 02 03 04 90 00");
}

TEST(CcidReader, SilenceUnplugAndBadSlotEndWithMessages) {
  Rig rig;
  auto bad = rig.reader.power_on(3, Voltage::V5);
  EXPECT_NE(bad.error.find("slot 3"), std::string::npos);
  rig.emulator.faults().silent = true;
  auto quiet = rig.reader.slot_status(0);
  EXPECT_FALSE(quiet.reply);
  EXPECT_NE(quiet.error.find("no reply within 300 ms"), std::string::npos);
  rig.emulator.faults().silent = false;
  // The late reply to nothing is not mistaken for the next command's.
  rig.emulator.faults().unplugged = true;
  auto gone = rig.reader.slot_status(0);
  EXPECT_TRUE(gone.disconnected);
  EXPECT_NE(gone.error.find("unplugged"), std::string::npos);
}

TEST(CcidCard, T1CardAtTpduLevelWithPpsParametersAndIfsd) {
  Rig rig;
  rig.emulator.insert(EmulatedCard::sample_social_card());
  auto c = CcidCard::connect(rig.reader, 0);
  ASSERT_TRUE(c.card) << c.error;
  EXPECT_EQ(c.card->protocol(), 1);
  EXPECT_EQ(c.card->voltage(), Voltage::V5);
  EXPECT_TRUE(c.card->pps_sent()) << "TA1 13 and a reader that leaves PPS to the driver";
  ASSERT_NE(c.card->t1(), nullptr);
  EXPECT_EQ(rig.emulator.t1()->ifsd(), 254) << "IFSD negotiated";
  std::vector<std::string> trace;
  auto sink = [&](std::string_view l) { trace.emplace_back(l); };
  ASSERT_TRUE(
      iso::transmit(*c.card, iso::select_by_aid(rig.emulator.card()->aid()), sink).response);
  ASSERT_TRUE(iso::transmit(*c.card, iso::select_file(0x0004), sink).response);
  auto r = iso::transmit(*c.card, iso::read_binary(0, 256), sink);
  ASSERT_TRUE(r.response) << r.error;
  EXPECT_EQ(r.response->data.size(), 256u);
  auto pin = iso::transmit(*c.card, iso::verify_pin(1, drivers::SecureString("123456")), sink);
  ASSERT_TRUE(pin.response);
  EXPECT_EQ(pin.response->sw, 0x9000);
  for (const auto& line : trace) EXPECT_EQ(line.find("31 32 33"), std::string::npos) << line;
}

TEST(CcidCard, VoltageFallsBackFrom5To3Volts) {
  Rig rig;
  rig.emulator.insert(EmulatedCard::sample_social_card());
  rig.emulator.faults().wake_only_at_3v = true;
  auto c = CcidCard::connect(rig.reader, 0);
  ASSERT_TRUE(c.card) << c.error;
  EXPECT_EQ(c.card->voltage(), Voltage::V3);
}

TEST(CcidCard, T0CardUsesGetResponseAndWrongLengthOverCcid) {
  Rig rig;
  auto card = EmulatedCard::sample_social_card();
  card.set_atr(t0_only_atr());
  rig.emulator.insert(std::move(card));
  auto c = CcidCard::connect(rig.reader, 0);
  ASSERT_TRUE(c.card) << c.error;
  EXPECT_EQ(c.card->protocol(), 0);
  EXPECT_TRUE(c.card->tpdu_t0());
  EXPECT_FALSE(c.card->pps_sent()) << "default Fi/Di: nothing to negotiate";
  auto sel = iso::transmit(*c.card, iso::select_by_aid(rig.emulator.card()->aid()));
  ASSERT_TRUE(sel.response) << sel.error;
  EXPECT_EQ(sel.exchanges, 2) << "61xx -> GET RESPONSE";
  ASSERT_TRUE(iso::transmit(*c.card, iso::select_file(0x0001)).response);
  auto rb = iso::transmit(*c.card, iso::read_binary(0, 256));
  ASSERT_TRUE(rb.response);
  EXPECT_EQ(rb.exchanges, 2) << "6Cxx -> same command with the right Le";
  EXPECT_EQ(rb.response->data.size(), 39u);
}

TEST(CcidCard, ExtendedApduReaderChainsBothWays) {
  Rig rig(CcidEmulator::extended_apdu_reader(64));
  rig.emulator.insert(EmulatedCard::sample_social_card());
  auto c = CcidCard::connect(rig.reader, 0);
  ASSERT_TRUE(c.card) << c.error;
  EXPECT_FALSE(c.card->pps_sent());
  EXPECT_EQ(c.card->voltage(), Voltage::Automatic);
  ASSERT_TRUE(iso::transmit(*c.card, iso::select_by_aid(rig.emulator.card()->aid())).response);
  ASSERT_TRUE(iso::transmit(*c.card, iso::select_file(0x0004)).response);
  const int before = rig.emulator.commands_seen();
  auto r = iso::transmit(*c.card, iso::read_binary(0, 600));  // extended Le
  ASSERT_TRUE(r.response) << r.error;
  EXPECT_EQ(r.response->data.size(), 600u);
  EXPECT_GE(rig.emulator.commands_seen() - before, 11) << "54-byte parts fetched with level 0x10";
  iso::Apdu update{0x00, 0xD6, 0, 0, std::vector<std::uint8_t>(200, 1), std::nullopt, false};
  auto u = iso::transmit(*c.card, update);
  ASSERT_TRUE(u.response) << u.error;
  EXPECT_EQ(u.response->sw, 0x6D00) << "the whole chained command reached the card";
}

TEST(CcidCard, NoCardRemovalMidApduAndNotifySlotChange) {
  Rig rig;
  auto none = CcidCard::connect(rig.reader, 0);
  EXPECT_TRUE(none.no_card);
  EXPECT_EQ(none.fault, drivers::CardFault::NoCard);
  rig.emulator.insert(EmulatedCard::sample_social_card());
  std::vector<std::uint8_t> irq;
  ASSERT_EQ(rig.emulator.interrupt_pipe().read(irq, std::chrono::milliseconds(50)).status,
            drivers::IoStatus::Ok);
  auto inserted = parse_slot_change(irq, 1);
  ASSERT_TRUE(inserted);
  EXPECT_TRUE((*inserted)[0].present);
  auto c = CcidCard::connect(rig.reader, 0);
  ASSERT_TRUE(c.card) << c.error;
  rig.emulator.faults().remove_card_after_xfrs = 0;
  auto r = iso::transmit(*c.card, iso::select_by_aid(rig.emulator.card()->aid()));
  EXPECT_FALSE(r.response);
  EXPECT_TRUE(r.card_removed);
  irq.clear();
  ASSERT_EQ(rig.emulator.interrupt_pipe().read(irq, std::chrono::milliseconds(50)).status,
            drivers::IoStatus::Ok);
  auto removed = parse_slot_change(irq, 1);
  ASSERT_TRUE(removed);
  EXPECT_FALSE((*removed)[0].present);
  EXPECT_TRUE((*removed)[0].changed);
}

TEST(CardWatcherCcid, TwoSlotReaderReportsItsCardOnceAndItsRemoval) {
  ClassDescriptor d = CcidEmulator::tpdu_reader();
  d.max_slot_index = 1;
  CcidEmulator emulator(d);
  drivers::CardWatcher watcher({}, false);
  watcher.attach_ccid(emulator, &emulator.interrupt_pipe(), d, "two-slot reader");
  const drivers::CivilDate today{2026, 11, 25};
  for (const auto& e : watcher.poll(std::chrono::milliseconds(100), today)) {
    ADD_FAILURE() << "empty slots must be silent: " << drivers::event_name(e.kind) << " "
                  << e.detail;
  }
  emulator.insert(EmulatedCard::sample_social_card());
  auto in = watcher.poll(std::chrono::milliseconds(500), today);
  ASSERT_EQ(in.size(), 1u);
  EXPECT_EQ(in[0].kind, drivers::CardEvent::Kind::CardInserted);
  EXPECT_EQ(in[0].reader, "two-slot reader slot 0");
  EXPECT_EQ(in[0].protocol, 1);
  ASSERT_NE(watcher.smart_card(), nullptr);
  EXPECT_TRUE(watcher.poll(std::chrono::milliseconds(100), today).empty()) << "reported once";
  emulator.remove();
  auto out = watcher.poll(std::chrono::milliseconds(500), today);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, drivers::CardEvent::Kind::CardRemoved);
  EXPECT_EQ(watcher.smart_card(), nullptr);
}

TEST(CcidCard, UnreadableCardsGetAReasonCode) {
  Rig rig;
  auto card = EmulatedCard::sample_social_card();
  card.set_atr({0x3B, 0xF8, 0x13});  // truncated
  rig.emulator.insert(std::move(card));
  auto c = CcidCard::connect(rig.reader, 0);
  EXPECT_FALSE(c.card);
  EXPECT_NE(c.error.find("ATR"), std::string::npos);
  EXPECT_EQ(c.fault, drivers::CardFault::BadAtr);
}

// Liveness: a test clock the transport below advances per read, so "60 s" costs no real time.
struct FakeTime {
  std::chrono::steady_clock::time_point now{};
  drivers::MonotonicClock clock() {
    return [this] { return now; };
  }
  std::chrono::milliseconds elapsed() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
        now - std::chrono::steady_clock::time_point{});
  }
};

// The emulator, with every read taking `step` on the test clock.
class Ticking final : public drivers::Transport {
 public:
  Ticking(drivers::Transport& inner, FakeTime& time, std::chrono::milliseconds step)
      : inner_(inner), time_(time), step_(step) {}
  drivers::IoResult write(std::span<const std::uint8_t> b) override { return inner_.write(b); }
  drivers::IoResult read(std::vector<std::uint8_t>& into, std::chrono::milliseconds t) override {
    (void)t;  // the test clock decides; the emulator is not waited on in real time
    time_.now += step_;
    ++reads;
    return inner_.read(into, std::chrono::milliseconds(0));
  }
  std::string describe() const override { return "ticking reader"; }
  int reads = 0;

 private:
  drivers::Transport& inner_;
  FakeTime& time_;
  std::chrono::milliseconds step_;
};

ReaderOptions bounded(FakeTime& time) {
  ReaderOptions o;
  o.timeout = std::chrono::milliseconds(3000);
  o.clock = time.clock();
  return o;  // the defaults: 240 time extensions, 60 s per command
}

TEST(CcidLiveness, TimeExtensionsForEverEndAtTheCountBound) {
  FakeTime time;
  CcidEmulator emulator(CcidEmulator::tpdu_reader());
  emulator.insert(EmulatedCard::sample_social_card());
  emulator.faults().endless_time_extensions = true;
  Ticking bulk(emulator, time, std::chrono::milliseconds(10));  // one every 10 ms
  CcidReader reader(bulk, emulator.descriptor(), bounded(time));
  const std::uint8_t tpdu[5] = {0x00, 0xCA, 0x9F, 0x7F, 0x04};
  auto r = reader.xfr_block(0, tpdu);
  EXPECT_FALSE(r.reply);
  EXPECT_TRUE(r.stalled);
  EXPECT_EQ(r.fault, drivers::CardFault::ReaderNotResponding);
  EXPECT_NE(r.error.find("241 times"), std::string::npos) << r.error;
  EXPECT_EQ(reader.time_extensions_seen(), 241);
  EXPECT_EQ(bulk.reads, 241);
  EXPECT_LE(time.elapsed(), std::chrono::seconds(60));
  EXPECT_EQ(reader.stalls(), 1);
}

TEST(CcidLiveness, TimeExtensionsForEverEndAtOneMinuteNotHalfAnHour) {
  // A time extension every 2.9 s, just inside the 3 s reply timeout: the old bound (600
  // extensions, each restarting the timeout) let this run for 29 minutes.
  FakeTime time;
  CcidEmulator emulator(CcidEmulator::tpdu_reader());
  emulator.insert(EmulatedCard::sample_social_card());
  emulator.faults().endless_time_extensions = true;
  Ticking bulk(emulator, time, std::chrono::milliseconds(2900));
  CcidReader reader(bulk, emulator.descriptor(), bounded(time));
  auto r = reader.slot_status(0);
  EXPECT_FALSE(r.reply);
  EXPECT_TRUE(r.stalled);
  EXPECT_EQ(r.fault, drivers::CardFault::ReaderNotResponding);
  EXPECT_NE(r.error.find("60000 ms"), std::string::npos) << r.error;
  EXPECT_LE(time.elapsed(), std::chrono::milliseconds(60000 + 2900));
  EXPECT_EQ(reader.time_extensions_seen(), 21);  // 2.9 s .. 60.9 s
  // The next command is bounded afresh, and a reader that answers again is used again.
  emulator.faults().endless_time_extensions = false;
  auto again = reader.slot_status(0);
  ASSERT_TRUE(again.reply) << again.error;
  EXPECT_FALSE(again.stalled);
}

TEST(CcidLiveness, SilentReaderIsReportedAsNotResponding) {
  FakeTime time;
  CcidEmulator emulator(CcidEmulator::tpdu_reader());
  emulator.faults().silent = true;
  Ticking bulk(emulator, time, std::chrono::milliseconds(1000));
  CcidReader reader(bulk, emulator.descriptor(), bounded(time));
  auto r = reader.slot_status(0);
  EXPECT_TRUE(r.stalled);
  EXPECT_EQ(r.fault, drivers::CardFault::ReaderNotResponding);
  EXPECT_EQ(time.elapsed(), std::chrono::seconds(3));
}

TEST(CcidLiveness, T1CardThatNeverStopsAskingForWtxIsMarkedUnusable) {
  Rig rig;
  rig.emulator.insert(EmulatedCard::sample_social_card());
  auto c = CcidCard::connect(rig.reader, 0);
  ASSERT_TRUE(c.card) << c.error;
  ASSERT_EQ(c.card->protocol(), 1);
  rig.emulator.t1()->faults().wtx_before_response = INT_MAX;
  const int before = rig.emulator.commands_seen();
  auto r = iso::transmit(*c.card, iso::select_by_aid(rig.emulator.card()->aid()));
  EXPECT_FALSE(r.response);
  EXPECT_EQ(r.fault, drivers::CardFault::ProtocolError);
  EXPECT_TRUE(r.stalled);
  EXPECT_EQ(rig.emulator.commands_seen() - before, iso::T1Config{}.max_s_requests + 1);
  ASSERT_TRUE(c.card->stall());
  EXPECT_EQ(c.card->stall()->fault, drivers::CardFault::ProtocolError);
  // Not used again: the next command fails at once, without a word to the reader.
  const int after = rig.emulator.commands_seen();
  auto next = iso::transmit(*c.card, iso::select_file(0x0001));
  EXPECT_EQ(next.fault, drivers::CardFault::ProtocolError);
  EXPECT_EQ(rig.emulator.commands_seen(), after);
}

TEST(CcidLiveness, WatcherReportsAStalledCardAndAStalledReader) {
  FakeTime time;
  ClassDescriptor d = CcidEmulator::tpdu_reader();
  CcidEmulator emulator(d);
  drivers::CardWatcher watcher({}, false);
  watcher.attach_ccid(emulator, nullptr, d, "stuck reader", bounded(time));
  const drivers::CivilDate today{2026, 11, 25};
  using K = drivers::CardEvent::Kind;
  emulator.insert(EmulatedCard::sample_social_card());
  auto in = watcher.poll(std::chrono::milliseconds(200), today);
  ASSERT_EQ(in.size(), 1u);
  ASSERT_EQ(in[0].kind, K::CardInserted);

  // 1. The card never stops asking for time: the command ends, the watcher says why.
  emulator.t1()->faults().wtx_before_response = INT_MAX;
  auto* card = watcher.smart_card();
  ASSERT_NE(card, nullptr);
  auto r = iso::transmit(*card, iso::select_by_aid(emulator.card()->aid()));
  EXPECT_EQ(r.fault, drivers::CardFault::ProtocolError);
  EXPECT_EQ(watcher.smart_card(), nullptr) << "a stalled card is not handed out";
  auto bad = watcher.poll(std::chrono::milliseconds(100), today);
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].kind, K::CardError);
  EXPECT_EQ(bad[0].fault, drivers::CardFault::ProtocolError);
  EXPECT_NE(bad[0].detail.find("S(WTX)"), std::string::npos) << bad[0].detail;
  EXPECT_TRUE(watcher.stalled_readers().empty()) << "the reader itself is fine";
  EXPECT_TRUE(watcher.poll(std::chrono::milliseconds(100), today).empty()) << "said once";
  emulator.remove();
  auto out = watcher.poll(std::chrono::milliseconds(200), today);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, K::CardRemoved);

  // 2. The reader keeps asking for more time on every command: reported once, then probed
  //    only every 15 s (on the test clock), never a silent stall.
  emulator.faults().endless_time_extensions = true;
  time.now += std::chrono::seconds(3);
  auto stuck = watcher.poll(std::chrono::milliseconds(100), today);
  ASSERT_EQ(stuck.size(), 1u);
  EXPECT_EQ(stuck[0].kind, K::ReaderError);
  EXPECT_EQ(stuck[0].fault, drivers::CardFault::ReaderNotResponding);
  EXPECT_EQ(watcher.stalled_readers(), std::vector<std::string>{"stuck reader"});
  const int probes = emulator.commands_seen();
  EXPECT_TRUE(watcher.poll(std::chrono::milliseconds(100), today).empty());
  EXPECT_EQ(emulator.commands_seen(), probes) << "not asked again before the probe interval";
  time.now += std::chrono::seconds(15);
  EXPECT_TRUE(watcher.poll(std::chrono::milliseconds(100), today).empty()) << "reported once";
  EXPECT_EQ(emulator.commands_seen(), probes + 1);
  EXPECT_FALSE(watcher.stalled_readers().empty());

  // 3. It answers again: no longer stalled, and a card is taken up as usual.
  emulator.faults().endless_time_extensions = false;
  emulator.insert(EmulatedCard::sample_social_card());
  time.now += std::chrono::seconds(15);
  auto back = watcher.poll(std::chrono::milliseconds(300), today);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].kind, K::CardInserted);
  EXPECT_TRUE(watcher.stalled_readers().empty());

  // 4. The reader stalls in the middle of an APDU: the card is dropped without a PowerOff, the
  //    reader is reported (not the card), and the card comes back once the reader answers.
  card = watcher.smart_card();
  ASSERT_NE(card, nullptr);
  emulator.faults().endless_time_extensions = true;
  const int sent = emulator.commands_seen();
  auto mid = iso::transmit(*card, iso::select_file(0x0001));
  EXPECT_EQ(mid.fault, drivers::CardFault::ReaderNotResponding);
  EXPECT_EQ(emulator.commands_seen() - sent, 1) << "T=1 does not retry a stalled reader";
  auto lost = watcher.poll(std::chrono::milliseconds(100), today);
  ASSERT_EQ(lost.size(), 1u);
  EXPECT_EQ(lost[0].kind, K::ReaderError);
  EXPECT_EQ(emulator.commands_seen() - sent, 1) << "no PowerOff, no probe yet";
  emulator.faults().endless_time_extensions = false;
  time.now += std::chrono::seconds(15);
  auto again = watcher.poll(std::chrono::milliseconds(300), today);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].kind, K::CardInserted);
}

}  // namespace
