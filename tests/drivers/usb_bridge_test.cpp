// USB-serial bridges and bulk pipes over a recording fake USB device: the exact set-up requests
// per chip, FTDI's status bytes stripped per packet, and a whole ID card read through an FTDI
// bridge whose far side is the SAM emulator.
#include <gtest/gtest.h>

#include <deque>

#include "drivers/id_card_reader.hpp"
#include "drivers/iso7816/atr.hpp"
#include "drivers/sam_emulator.hpp"
#include "drivers/usb/reader_registry.hpp"
#include "drivers/usb/serial_bridge.hpp"

namespace {

using namespace drivers::usb;
using drivers::IoResult;
using drivers::IoStatus;

class FakeUsb : public UsbIo {
 public:
  struct Control {
    ControlSetup setup;
    std::vector<std::uint8_t> data;
  };
  std::vector<Control> controls;
  std::deque<std::vector<std::uint8_t>> in_transfers;
  std::vector<std::vector<std::uint8_t>> out_transfers;
  drivers::Transport* far_side = nullptr;  // when set, bulk traffic goes to it
  bool ftdi_framing = false;               // add 2 status bytes per 64-byte packet
  int fail_control_at = -1;

  IoResult control_out(ControlSetup s, std::span<const std::uint8_t> data,
                       std::chrono::milliseconds) override {
    controls.push_back({s, {data.begin(), data.end()}});
    if (static_cast<int>(controls.size()) - 1 == fail_control_at)
      return {IoStatus::Error, 0, "stall"};
    return {IoStatus::Ok, data.size(), {}};
  }
  IoResult control_in(ControlSetup s, std::vector<std::uint8_t>& into, std::size_t length,
                      std::chrono::milliseconds) override {
    controls.push_back({s, {}});
    into.resize(into.size() + length, 0x02);
    return {IoStatus::Ok, length, {}};
  }
  IoResult bulk_out(std::uint8_t, std::span<const std::uint8_t> data,
                    std::chrono::milliseconds) override {
    out_transfers.emplace_back(data.begin(), data.end());
    if (far_side) return far_side->write(data);
    return {IoStatus::Ok, data.size(), {}};
  }
  IoResult bulk_in(std::uint8_t, std::vector<std::uint8_t>& into, std::size_t,
                   std::chrono::milliseconds timeout) override {
    if (far_side) {
      std::vector<std::uint8_t> payload;
      auto r = far_side->read(payload, std::min(timeout, std::chrono::milliseconds(20)));
      if (r.status == IoStatus::Disconnected || r.status == IoStatus::Error) return r;
      if (!ftdi_framing) {
        if (r.status == IoStatus::Timeout) return r;
        into.insert(into.end(), payload.begin(), payload.end());
        return {IoStatus::Ok, payload.size(), {}};
      }
      // An FTDI chip answers every poll, empty or not, with its two status bytes per packet.
      std::size_t n = 0;
      do {
        into.push_back(0x01);
        into.push_back(0x60);
        const std::size_t take = std::min<std::size_t>(62, payload.size() - n);
        into.insert(into.end(), payload.begin() + static_cast<std::ptrdiff_t>(n),
                    payload.begin() + static_cast<std::ptrdiff_t>(n + take));
        n += take;
      } while (n < payload.size());
      return {IoStatus::Ok, 0, {}};
    }
    if (in_transfers.empty()) return {IoStatus::Timeout, 0, {}};
    auto t = std::move(in_transfers.front());
    in_transfers.pop_front();
    into.insert(into.end(), t.begin(), t.end());
    return {IoStatus::Ok, t.size(), {}};
  }
  IoResult interrupt_in(std::uint8_t, std::vector<std::uint8_t>&, std::size_t,
                        std::chrono::milliseconds) override {
    return {IoStatus::Timeout, 0, {}};
  }
  std::string describe() const override { return "fake USB device"; }
};

Endpoints endpoints() {
  return Endpoints{0x81, 0x02, 0x83, 64};
}

TEST(SerialBridges, FtdiSetUpFor115200And8N1) {
  FakeUsb usb;
  SerialBridgeTransport t(usb, BridgeChip::Ftdi, endpoints());
  ASSERT_EQ(t.configure(115200), "");
  ASSERT_GE(usb.controls.size(), 5u);
  const auto& baud = usb.controls[1].setup;
  EXPECT_EQ(baud.request_type, 0x40);
  EXPECT_EQ(baud.request, 0x03);
  EXPECT_EQ(baud.value, 26) << "3 MHz / 26 = 115384 baud (0.16 % off)";
  EXPECT_EQ(baud.index, 0);
  EXPECT_EQ(usb.controls[2].setup.request, 0x04);
  EXPECT_EQ(usb.controls[2].setup.value, 0x0008);
  EXPECT_EQ(usb.controls[4].setup.value, 0x0303) << "DTR and RTS on";
  EXPECT_EQ(ftdi_baud_divisor(9600).first, 0x4138) << "312.5 -> 312 + 4/8 (code 1 in bits 14-16)";
}

TEST(SerialBridges, Ch340Pl2303Cp210xAndCdcAcm) {
  {
    FakeUsb usb;
    SerialBridgeTransport t(usb, BridgeChip::Ch340, endpoints());
    ASSERT_EQ(t.configure(115200), "");
    bool divisor = false;
    for (const auto& c : usb.controls) {
      if (c.setup.request == 0x9A && c.setup.value == 0x1312) {
        divisor = true;
        EXPECT_EQ(c.setup.index, 0xCC03);
      }
    }
    EXPECT_TRUE(divisor);
  }
  {
    FakeUsb usb;
    SerialBridgeTransport t(usb, BridgeChip::Pl2303, endpoints());
    ASSERT_EQ(t.configure(115200), "");
    const auto& lc = usb.controls[usb.controls.size() - 2];
    EXPECT_EQ(lc.setup.request_type, 0x21);
    EXPECT_EQ(lc.setup.request, 0x20);
    EXPECT_EQ(drivers::iso7816::hex(lc.data), "00 C2 01 00 00 00 08");
    EXPECT_GE(usb.controls.size(), 13u) << "the vendor handshake comes first";
  }
  {
    FakeUsb usb;
    SerialBridgeTransport t(usb, BridgeChip::Cp210x, endpoints(), 0);
    ASSERT_EQ(t.configure(115200), "");
    EXPECT_EQ(usb.controls[0].setup.request, 0x00);
    EXPECT_EQ(usb.controls[0].setup.value, 0x0001) << "interface enabled first";
    EXPECT_EQ(drivers::iso7816::hex(usb.controls[1].data), "00 C2 01 00");
    EXPECT_EQ(usb.controls[2].setup.value, 0x0800);
  }
  {
    FakeUsb usb;
    SerialBridgeTransport t(usb, BridgeChip::CdcAcm, endpoints(), 1, 0);
    ASSERT_EQ(t.configure(115200), "");
    ASSERT_EQ(usb.controls.size(), 2u);
    EXPECT_EQ(usb.controls[0].setup.index, 0) << "line coding goes to the control interface";
    EXPECT_EQ(usb.controls[1].setup.value, 0x0003);
  }
  FakeUsb failing;
  failing.fail_control_at = 1;
  SerialBridgeTransport t(failing, BridgeChip::Ftdi, endpoints());
  const auto err = t.configure(115200);
  EXPECT_NE(err.find("FTDI FT232"), std::string::npos) << err;
  EXPECT_NE(err.find("stall"), std::string::npos) << err;
}

TEST(SerialBridges, FtdiStatusBytesAreStrippedPerPacket) {
  std::vector<std::uint8_t> transfer;
  for (int p = 0; p < 3; ++p) {
    transfer.push_back(0x01);
    transfer.push_back(0x60);
    for (int i = 0; i < (p < 2 ? 62 : 10); ++i)
      transfer.push_back(static_cast<std::uint8_t>(p * 62 + i));
  }
  const auto data = ftdi_strip_status(transfer, 64);
  ASSERT_EQ(data.size(), 134u);
  for (std::size_t i = 0; i < data.size(); ++i) EXPECT_EQ(data[i], static_cast<std::uint8_t>(i));
  EXPECT_TRUE(ftdi_strip_status(std::vector<std::uint8_t>{0x01, 0x60}, 64).empty());
}

// Found by fuzz_serial_bridge: a bulk IN endpoint whose descriptor says wMaxPacketSize 0 made
// the packet walk loop for ever. The whole transfer is then one packet.
TEST(SerialBridges, FtdiZeroPacketSizeIsOnePacket) {
  const std::vector<std::uint8_t> transfer{0x01, 0x60, 0xAA, 0x96, 0x69};
  EXPECT_EQ(ftdi_strip_status(transfer, 0), (std::vector<std::uint8_t>{0xAA, 0x96, 0x69}));
  EXPECT_TRUE(ftdi_strip_status(std::vector<std::uint8_t>{}, 0).empty());
}

TEST(SerialBridges, ReadsAnIdCardThroughAnFtdiBridge) {
  drivers::SamEmulator sam;
  std::vector<std::uint8_t> text(256, 0x20);
  // The reader only forwards bytes here: the record's content is checked in its own tests.
  sam.place_card(text, std::vector<std::uint8_t>(1024, 0x57));
  FakeUsb usb;
  usb.far_side = &sam;
  usb.ftdi_framing = true;
  SerialBridgeTransport t(usb, BridgeChip::Ftdi, endpoints());
  ASSERT_EQ(t.configure(), "");
  drivers::IdCardReader reader(t, std::chrono::milliseconds(500));
  auto r = reader.read_card({2026, 11, 25});
  EXPECT_FALSE(r.no_card) << r.error;
  EXPECT_EQ(r.photo.size(), 1024u) << r.error;
  EXPECT_EQ(usb.out_transfers.size(), 3u) << "find, select, read";
}

TEST(ReaderAllowlist, ParsesEntriesAndRefusesBadOnes) {
  auto ok = parse_allow_entry("0403:6001 sam-ftdi");
  ASSERT_TRUE(ok.reader) << ok.error;
  EXPECT_EQ(ok.reader->kind, ReaderKind::SamSerial);
  EXPECT_EQ(ok.reader->chip, BridgeChip::Ftdi);
  EXPECT_EQ(ok.reader->label(), "0403:6001 sam-ftdi");
  EXPECT_EQ(parse_allow_entry("08e6:4433 ccid").reader->kind, ReaderKind::Ccid);
  EXPECT_NE(parse_allow_entry("0403-6001 sam-ftdi").error.find("VID:PID"), std::string::npos);
  EXPECT_NE(parse_allow_entry("04g3:6001 sam-ftdi").error.find("hex"), std::string::npos);
  EXPECT_NE(parse_allow_entry("0403:6001 modem").error.find("unknown reader kind"),
            std::string::npos);
  const auto allow = default_allowlist();
  EXPECT_TRUE(match(allow, 0x1a86, 0x7523));
  EXPECT_FALSE(match(allow, 0x046d, 0xc52b)) << "a mouse is not a reader";
}

}  // namespace
