// The update version rule: never an older or the same system over a newer one, nor over an
// update already waiting for the next boot.
#include <gtest/gtest.h>

#include "bundle_version.hpp"

namespace {

using kioskctl::compare_versions;
using kioskctl::version_refusal;
using kioskctl::waiting_version;

TEST(BundleVersion, ComparesNumericPartsNotText) {
  EXPECT_EQ(compare_versions("1.0.10", "1.0.9"), 1);
  EXPECT_EQ(compare_versions("0.9.0", "1.0.2"), -1);
  EXPECT_EQ(compare_versions("1.2", "1.2.0"), 0);
  EXPECT_EQ(compare_versions("0.1.1-imagetest", "0.1.0"), 1);
  EXPECT_EQ(compare_versions("2.0.0-rc1", "2.0.0"), 0);  // the suffix is not compared
}

TEST(BundleVersion, WhatIsNotAVersionIsNotCompared) {
  EXPECT_EQ(compare_versions("", "1.0.0"), std::nullopt);
  EXPECT_EQ(compare_versions("latest", "1.0.0"), std::nullopt);
  EXPECT_EQ(compare_versions("1..2", "1.0.0"), std::nullopt);
  EXPECT_EQ(compare_versions("1.", "1.0.0"), std::nullopt);
  EXPECT_EQ(compare_versions("99999999999999999999", "1.0.0"), std::nullopt);
}

TEST(BundleVersion, OnlyNewerThanTheRunningSystemIsInstalled) {
  EXPECT_EQ(version_refusal("1.0.3", "1.0.2", ""), "");
  const std::string older = version_refusal("0.9.0", "1.0.2", "");
  EXPECT_NE(older.find("not newer than the running 1.0.2"), std::string::npos) << older;
  EXPECT_NE(older.find("--allow-downgrade"), std::string::npos);
  EXPECT_NE(version_refusal("1.0.2", "1.0.2", ""), "");  // a replay of the running version
  EXPECT_NE(version_refusal("nightly", "1.0.2", "").find("not a version number"),
            std::string::npos);
}

TEST(BundleVersion, NotOverAnUpdateWaitingForTheNextBoot) {
  EXPECT_NE(version_refusal("1.0.3", "1.0.2", "1.0.4").find("waits for the next boot"),
            std::string::npos);
  EXPECT_NE(version_refusal("1.0.4", "1.0.2", "1.0.4"), "");
  EXPECT_EQ(version_refusal("1.0.5", "1.0.2", "1.0.4"), "");
}

TEST(BundleVersion, WaitingVersionIsTheSlotBootedNextWhenItIsNotTheRunningOne) {
  const auto status = nlohmann::json::parse(R"({
    "booted": "A", "boot_primary": "rootfs.1",
    "slots": [
      {"rootfs.0": {"bootname": "A", "slot_status": {"bundle": {"version": "1.0.2"}}}},
      {"rootfs.1": {"bootname": "B", "slot_status": {"bundle": {"version": "1.0.4"}}}}]})");
  EXPECT_EQ(waiting_version(status), "1.0.4");
  auto booted_is_primary = status;
  booted_is_primary["boot_primary"] = "rootfs.0";
  EXPECT_EQ(waiting_version(booted_is_primary), "");
  EXPECT_EQ(waiting_version(nlohmann::json::parse(R"({"slots": 3, "boot_primary": 1})")), "");
  EXPECT_EQ(waiting_version(nlohmann::json::array()), "");
}

}  // namespace
