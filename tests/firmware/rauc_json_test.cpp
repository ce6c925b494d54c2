// kioskctl's reading of RAUC's JSON (firmware/tools/kioskctl/rauc_json): the status lines and
// the "already installed" check on RAUC's real output shape, and replies of another shape —
// which made json::value() throw and kioskctl abort before (found by fuzz_rauc_status).
#include <gtest/gtest.h>

#include <string>

#include "rauc_json.hpp"

namespace {

const char* kStatus = R"( rauc-Message: 10:00:00.000: Using central status file
{"compatible":"cn.gov.kiosk.qemu-x86","booted":"A","boot_primary":"rootfs.1","slots":[
 {"rootfs.0":{"bootname":"A","state":"booted","boot_status":"good",
   "slot_status":{"bundle":{"version":"1.4.0"},"checksum":{"sha256":"aa"}}}},
 {"rootfs.1":{"bootname":"B","state":"inactive","boot_status":"good",
   "slot_status":{"bundle":{"version":"1.5.0"},"checksum":{"sha256":"bb"}}}}]})";

TEST(RaucJson, StatusLinesForEachSlot) {
  const auto status = kioskctl::parse_rauc_json(kStatus);
  ASSERT_TRUE(status);
  const auto lines = kioskctl::rauc_status_lines(*status);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["event"], "update-status");
  EXPECT_EQ(lines[0]["compatible"], "cn.gov.kiosk.qemu-x86");
  EXPECT_EQ(lines[0]["boot_primary"], "rootfs.1");
  EXPECT_EQ(lines[1]["slot"], "rootfs.0");
  EXPECT_EQ(lines[1]["bootname"], "A");
  EXPECT_EQ(lines[1]["version"], "1.4.0");
  EXPECT_EQ(lines[2]["state"], "inactive");
}

TEST(RaucJson, AlreadyInstalledOnlyForTheSlotBootedNextOrABadOne) {
  const auto status = kioskctl::parse_rauc_json(kStatus);
  ASSERT_TRUE(status);
  EXPECT_NE(kioskctl::already_installed_reason(*status, "bb").find("booted next"),
            std::string::npos);
  EXPECT_EQ(kioskctl::already_installed_reason(*status, "aa"), "");
  EXPECT_EQ(kioskctl::already_installed_reason(*status, ""), "");
  const auto info = kioskctl::parse_rauc_json(
      R"({"images":[{"rootfs":{"filename":"rootfs.ext4","checksum":"bb"}}]})");
  ASSERT_TRUE(info);
  EXPECT_EQ(kioskctl::bundle_checksum(*info), "bb");
}

TEST(RaucJson, RepliesOfAnotherShapeAreReadAsEmptyNotThrown) {
  EXPECT_FALSE(kioskctl::parse_rauc_json("rauc: D-Bus error"));
  for (const char* reply :
       {R"({"compatible": 5, "slots": {"rootfs.0": 1}})", R"({"slots": [1, "x", {"a": 2}]})",
        R"({"slots": [{"a": {"bootname": [], "slot_status": {"bundle": null}}}]})",
        R"({"images": [1, {"rootfs": "x"}], "boot_primary": {}})"}) {
    const auto j = kioskctl::parse_rauc_json(reply);
    ASSERT_TRUE(j) << reply;
    EXPECT_NO_THROW({
      const auto lines = kioskctl::rauc_status_lines(*j);
      EXPECT_EQ(lines[0]["compatible"], "") << reply;
      (void)kioskctl::bundle_checksum(*j);
      (void)kioskctl::already_installed_reason(*j, "bb");
    }) << reply;
  }
}

}  // namespace
