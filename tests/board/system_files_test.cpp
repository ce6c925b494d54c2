// System files derived from a profile (udev rules, RAUC system.conf) and the staff PIN hash.
#include <gtest/gtest.h>

#include "board/profile.hpp"
#include "board/staff_pin.hpp"
#include "board/system_files.hpp"
#include "test_support.hpp"

namespace {

board::BoardProfile shipped(const std::string& name) {
  auto r = board::load_profile_file(kiosk_test::source_dir() + "/board/profiles/" + name + ".toml");
  EXPECT_TRUE(r.profile) << r.error;
  return r.profile.value_or(board::BoardProfile{});
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(UdevRules, OneRulePerAllowlistedReaderAndNothingElse) {
  const auto p = shipped("rk3568-215");
  const std::string rules = board::udev_rules(p, "kiosk");
  EXPECT_EQ(count(rules, "SUBSYSTEM==\"usb\""), static_cast<int>(p.readers.allow.size()));
  EXPECT_NE(rules.find("ATTR{idVendor}==\"1a86\", ATTR{idProduct}==\"7523\", MODE=\"0660\", "
                       "GROUP=\"kiosk\""),
            std::string::npos)
      << rules;
  // Nothing broad: no rule without a vendor and product match.
  for (std::size_t at = rules.find("SUBSYSTEM"); at != std::string::npos;
       at = rules.find("SUBSYSTEM", at + 1)) {
    const std::string line = rules.substr(at, rules.find('\n', at) - at);
    EXPECT_NE(line.find("idVendor"), std::string::npos) << line;
    EXPECT_NE(line.find("idProduct"), std::string::npos) << line;
  }
}

TEST(UdevRules, HexIdsAreLowerCaseAsSysfsWritesThem) {
  auto r = board::load_profile_text(
      kiosk_test::minimal_board_toml() + "[readers]\nallow = [\"0400:C35A sam-bulk\"]\n", "t.toml");
  ASSERT_TRUE(r.profile) << r.error;
  EXPECT_NE(board::udev_rules(*r.profile).find("ATTR{idProduct}==\"c35a\""), std::string::npos);
}

TEST(RaucConf, TwoSlotsTheBoardsCompatibleAndTheCustomBackend) {
  const auto p = shipped("qemu-x86");
  std::string error;
  const std::string conf = board::rauc_system_conf(p, board::RaucPaths{}, error);
  ASSERT_FALSE(conf.empty()) << error;
  EXPECT_NE(conf.find("compatible=cn.gov.kiosk.qemu-x86\n"), std::string::npos);
  EXPECT_NE(conf.find("bootloader=custom\n"), std::string::npos);
  EXPECT_NE(conf.find("check-purpose=codesign\n"), std::string::npos);
  EXPECT_NE(conf.find("[slot.rootfs.0]\ndevice=/dev/disk/by-partlabel/rootfs-A\ntype=ext4\n"
                      "bootname=A\n"),
            std::string::npos)
      << conf;
  EXPECT_NE(conf.find("[slot.rootfs.1]\ndevice=/dev/disk/by-partlabel/rootfs-B\ntype=ext4\n"
                      "bootname=B\n"),
            std::string::npos)
      << conf;
  // RAUC's own default mount prefix is on the read-only root.
  EXPECT_NE(conf.find("mountprefix=/run/rauc/mnt\n"), std::string::npos);
  EXPECT_NE(conf.find("data-directory=/data/rauc\n"), std::string::npos);
}

TEST(RaucConf, VerityBundlesOnlyUnlessAHostTestAsks) {
  const auto p = shipped("qemu-x86");
  std::string error;
  EXPECT_NE(board::rauc_system_conf(p, board::RaucPaths{}, error).find("bundle-formats=verity\n"),
            std::string::npos);
  board::RaucPaths host_test;
  host_test.allow_plain_bundles = true;
  EXPECT_NE(board::rauc_system_conf(p, host_test, error).find("bundle-formats=plain verity\n"),
            std::string::npos);
}

TEST(RaucConf, ABoardWithoutSlotsSaysSo) {
  const auto p = shipped("desktop");
  std::string error;
  EXPECT_TRUE(board::rauc_system_conf(p, board::RaucPaths{}, error).empty());
  EXPECT_NE(error.find("[update] slot_a and slot_b are needed"), std::string::npos) << error;
}

TEST(StaffPin, HashedWithYescryptAndVerified) {
  const auto h = board::hash_staff_pin("604182");
  ASSERT_TRUE(h.error.empty()) << h.error;
  EXPECT_EQ(h.hash.rfind("$y$", 0), 0u) << h.hash;
  EXPECT_EQ(h.hash.find("604182"), std::string::npos);
  EXPECT_TRUE(board::verify_staff_pin("604182", h.hash));
  EXPECT_FALSE(board::verify_staff_pin("604183", h.hash));
  EXPECT_FALSE(board::verify_staff_pin("", h.hash));
  EXPECT_FALSE(board::verify_staff_pin("604182", ""));
  // Salted: the same PIN hashes differently each time.
  EXPECT_NE(board::hash_staff_pin("604182").hash, h.hash);
}

TEST(StaffPin, WeakPinsAreRefusedWithAReason) {
  for (const char* pin : {"1234", "111111", "123456", "987654", "12a456", "1234567890123"}) {
    const auto h = board::hash_staff_pin(pin);
    EXPECT_TRUE(h.hash.empty()) << pin;
    EXPECT_FALSE(h.error.empty()) << pin;
  }
}

TEST(StaffPin, AProvisionedHashIsAcceptedByTheProfile) {
  const auto h = board::hash_staff_pin("604182");
  auto r = board::load_profile_text(
      kiosk_test::minimal_board_toml() + "[staff]\npin_hash = \"" + h.hash + "\"\n", "t.toml");
  ASSERT_TRUE(r.profile) << r.error;
  EXPECT_TRUE(board::verify_staff_pin("604182", r.profile->staff.pin_hash));
}

}  // namespace
