// End to end: kioskd (a real process, headless) runs a citizen's session from a script — the
// appointment form is opened, the synthetic ID card fills the name, a synthetic phone number
// is typed, the form is sent, the card is taken away and the session is ended — and then its
// own memory is scanned through /proc/PID/mem for the name, the ID number, the address and the
// phone number, in UTF-8 and UTF-16LE: nothing may be left. Nor may any file it wrote.
//
// A second run stops before 结束 and must find the data: that proves the values searched for are
// the ones the session really held, and that the scan can read kioskd at all.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "board/staff_pin.hpp"
#include "demo_gateway.hpp"
#include "drivers/emulated/synthetic_cards.hpp"
#include "kioskd_process.hpp"
#include "memory_scan.hpp"
#include "synthetic_pii.hpp"
#include "test_support.hpp"

namespace {

using kiosk_test::KioskdProcess;

namespace fs = std::filesystem;
using kiosk_test::Needle;
using kiosk_test::ScanHit;

// Field [at, at + len) of the synthetic card's UCS-2LE record, as UTF-8 without the padding.
std::string record_field(const std::vector<std::uint8_t>& bytes, std::size_t at, std::size_t len) {
  std::u32string text;
  for (std::size_t i = at; i + 1 < at + len; i += 2)
    text.push_back(static_cast<char32_t>(bytes[i] | (bytes[i + 1] << 8)));
  while (!text.empty() && text.back() == U' ') text.pop_back();
  std::string utf8 = kiosk_test::encode_utf8(text);
  explicit_bzero(text.data(), text.size() * sizeof(char32_t));
  return utf8;
}

// The values kioskd handles in this session, masked (see memory_scan.hpp). The card's values
// come from the same synthetic record the emulated reader serves; the phone number is new for
// every run ("199" and eight digits: a made-up mobile number).
struct SessionPii {
  std::vector<Needle> needles;
  std::string typed_phone;  // for the script only; never kept in kioskd's address space here

  SessionPii() {
    drivers::emulated::TextRecord card = drivers::emulated::synthetic_resident();
    std::string name = record_field(card.bytes, 0, 30);
    std::string address = record_field(card.bytes, 52, 70);
    std::string id = record_field(card.bytes, 122, 36);
    explicit_bzero(card.bytes.data(), card.bytes.size());
    const std::uint64_t seed = kiosk_test::fresh_pii_seed();
    typed_phone = "199";
    for (std::size_t i = 0; i < 8; ++i)
      typed_phone.push_back(kiosk_test::synthetic_id_digit(seed, i + 1));
    std::string phone = typed_phone;
    needles.push_back(kiosk_test::make_needle("name", name));
    needles.push_back(kiosk_test::make_needle("ID number", id));
    needles.push_back(kiosk_test::make_needle("address", address));
    needles.push_back(kiosk_test::make_needle("phone", phone));
  }
  ~SessionPii() { explicit_bzero(typed_phone.data(), typed_phone.size()); }
};

// Does `data` contain the masked pattern?
bool contains_masked(const std::string& data, const std::vector<unsigned char>& masked) {
  if (masked.empty() || data.size() < masked.size()) return false;
  for (std::size_t at = 0; at + masked.size() <= data.size(); ++at) {
    std::size_t k = 0;
    while (k < masked.size() &&
           (static_cast<unsigned char>(data[at + k]) ^ kiosk_test::kNeedleMask) == masked[k])
      ++k;
    if (k == masked.size()) return true;
  }
  return false;
}

// Every file under `dir` that holds one of the needles: "path: label (encoding)".
std::vector<std::string> files_holding(const fs::path& dir, const std::vector<Needle>& needles) {
  std::vector<std::string> found;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    for (const Needle& n : needles) {
      if (contains_masked(data, n.utf8_masked))
        found.push_back(it->path().string() + ": " + n.label + " (utf-8)");
      if (contains_masked(data, n.utf16le_masked))
        found.push_back(it->path().string() + ": " + n.label + " (utf-16le)");
    }
  }
  return found;
}

// "" when this process may read `pid`'s memory, else why not. kioskd makes itself
// non-dumpable, so reading it takes CAP_SYS_PTRACE (root in the test containers and in CI).
std::string memory_access_problem(pid_t pid) {
  std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
  std::string line;
  if (!std::getline(maps, line)) return "cannot read /proc/" + std::to_string(pid) + "/maps";
  const int fd = open(("/proc/" + std::to_string(pid) + "/mem").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::string("cannot open /proc/PID/mem: ") + strerror(errno);
  char byte = 0;
  const auto start = std::stoull(line.substr(0, line.find('-')), nullptr, 16);
  const ssize_t n = pread(fd, &byte, 1, static_cast<off_t>(start));
  const int err = errno;
  close(fd);
  if (n != 1) return std::string("cannot read /proc/PID/mem: ") + strerror(err);
  return "";
}

std::string describe(const std::vector<ScanHit>& hits) {
  std::ostringstream out;
  for (const auto& h : hits)
    out << "  " << h.needle_label << " (" << h.encoding << ") at 0x" << std::hex << h.address
        << std::dec << " in " << h.region << "\n";
  return out.str();
}

class KioskdSessionScan : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir_template[] = "/tmp/kioskd-scan-XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
    fs::create_directories(dir_ / "out");
    fs::create_directories(dir_ / "run");
    fs::create_directories(dir_ / "home");
    gateway_ = std::make_unique<kiosk::DemoGateway>(kiosk_test::source_dir() + "/firmware/content");
    const int port = gateway_->start(0);
    ASSERT_GT(port, 0);
    base_ = "http://127.0.0.1:" + std::to_string(port);
    // The desktop board, allowed to open this gateway instead of the one on :8088.
    std::ifstream desktop(kiosk_test::source_dir() + "/board/profiles/desktop.toml");
    std::string toml{std::istreambuf_iterator<char>(desktop), std::istreambuf_iterator<char>()};
    const std::string usual = "http://127.0.0.1:8088";
    for (auto at = toml.find(usual); at != std::string::npos; at = toml.find(usual, at))
      toml.replace(at, usual.size(), base_);
    std::ofstream(dir_ / "board.toml") << toml;
  }

  void TearDown() override {
    if (gateway_) gateway_->stop();
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  // Starts kioskd on the form page with the session script (ending with 结束 when
  // `end_session`) and waits until the script has run and the first frame is up.
  std::unique_ptr<KioskdProcess> run_session(const std::string& phone, bool end_session) {
    // The name field and the phone field are the form's first two; after the phone come the
    // checkbox, the captcha image and the submit button. (A SAM reader reports no removal: no
    // wait-card after it.)
    std::string keys = "wait-page,place-id-card,wait-card,field,field,enter,type:" + phone +
                       ",enter,field,field,field,enter,wait-page,remove-cards";
    if (end_session) keys += ",end,wait-page";
    auto kioskd = std::make_unique<KioskdProcess>(
        std::vector<std::string>{"--board", (dir_ / "board.toml").string(), "--video", "offscreen",
                                 "--no-speech", "--out", (dir_ / "out").string(), "--health-file",
                                 (dir_ / "run" / "health").string(), "--page",
                                 base_ + "/guide-social-card.html", "--keys", keys},
        std::vector<std::string>{"SDL_VIDEODRIVER=offscreen", "HOME=" + (dir_ / "home").string(),
                                 "XDG_CACHE_HOME=" + (dir_ / "home" / ".cache").string()});
    explicit_bzero(keys.data(), keys.size());
    EXPECT_GT(kioskd->pid(), 0);
    EXPECT_TRUE(kioskd->wait_for("kioskd: script done", std::chrono::seconds(90)))
        << kioskd->output();
    EXPECT_TRUE(kioskd->wait_for("kiosk ready", std::chrono::seconds(30))) << kioskd->output();
    EXPECT_NE(kioskd->output().find("wait-page: at " + base_ + "/appointment"), std::string::npos)
        << "the form was sent (its answer repeats the name):\n"
        << kioskd->output();
    // Let the loader's thread finish what the last step started.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    return kioskd;
  }

  fs::path dir_;
  std::unique_ptr<kiosk::DemoGateway> gateway_;
  std::string base_;
};

// Under a sanitizer kioskd's freed blocks belong to the sanitizer's allocator (see
// KIOSK_TEST_UNDER_SANITIZER in test_support.hpp), so the scan runs in the normal build.

TEST_F(KioskdSessionScan, AfterTheSessionEndsNothingPersonalIsLeftInMemoryOrOnDisk) {
#ifdef KIOSK_TEST_UNDER_SANITIZER
  GTEST_SKIP() << "sanitizer build: freed memory is the sanitizer's (quarantined, not wiped); "
                  "this scan runs in the normal build (make test)";
#endif
  SessionPii pii;
  auto kioskd = run_session(pii.typed_phone, true);
  ASSERT_FALSE(HasFailure());
  if (const auto problem = memory_access_problem(kioskd->pid()); !problem.empty())
    GTEST_SKIP() << "kioskd is non-dumpable; scanning it needs CAP_SYS_PTRACE (run as root): "
                 << problem;
  const auto hits = kiosk_test::scan_process_memory(kioskd->pid(), pii.needles);
  std::cout << "[ scan     ] " << hits.size() << " hits in kioskd's writable memory\n";
  EXPECT_TRUE(hits.empty()) << hits.size() << " hits after the session ended:\n"
                            << describe(hits) << "kioskd said:\n"
                            << kioskd->output();
  kioskd->stop();
  const auto files = files_holding(dir_, pii.needles);
  std::string listed;
  for (const auto& f : files) listed += "  " + f + "\n";
  EXPECT_TRUE(files.empty()) << "written to disk:\n" << listed;
}

// The control: the same session without 结束 still holds the card and the typed number (the
// form's values, the card in CitizenData), so the scan reads kioskd and the needles are right.
TEST_F(KioskdSessionScan, BeforeTheSessionEndsTheScanFindsTheData) {
  SessionPii pii;
  auto kioskd = run_session(pii.typed_phone, false);
  ASSERT_FALSE(HasFailure());
  if (const auto problem = memory_access_problem(kioskd->pid()); !problem.empty())
    GTEST_SKIP() << "kioskd is non-dumpable; scanning it needs CAP_SYS_PTRACE (run as root): "
                 << problem;
  const auto hits = kiosk_test::scan_process_memory(kioskd->pid(), pii.needles);
  auto found = [&](const std::string& label) {
    for (const auto& h : hits)
      if (h.needle_label == label) return true;
    return false;
  };
  EXPECT_TRUE(found("phone")) << "the typed number is still in the form:\n" << describe(hits);
  EXPECT_TRUE(found("name")) << "the name is still in the form:\n" << describe(hits);
}

// Staff mode: a synthetic staff PIN (ten digits, new for every run) is typed on the PIN screen
// and checked; after it, no copy of it may be left in kioskd (the SecureString, the C-string
// for crypt(3) and crypt's own buffers are wiped). The control stops before Enter: the digits
// typed so far are in the PIN buffer and the scan must find them.
class KioskdStaffPinScan : public KioskdSessionScan {
 protected:
  struct Pin {
    std::string clear;
    std::vector<Needle> needles;
    Pin() {
      const std::uint64_t seed = kiosk_test::fresh_pii_seed();
      for (std::size_t i = 0; i < 10; ++i) clear.push_back(kiosk_test::synthetic_id_digit(seed, i));
      clear[0] = clear[0] == '0' ? '7' : clear[0];  // never a plain run (the PIN rules)
      std::string copy = clear;
      needles.push_back(kiosk_test::make_needle("staff PIN", copy));
    }
    ~Pin() { explicit_bzero(clear.data(), clear.size()); }
  };

  std::unique_ptr<KioskdProcess> run_staff(const std::string& pin, bool check) {
    const auto hashed = board::hash_staff_pin(pin);
    EXPECT_FALSE(hashed.hash.empty()) << hashed.error;
    std::ofstream(dir_ / "board.toml", std::ios::app)
        << "\n[staff]\npin_hash = '" << hashed.hash << "'\n";
    std::string keys = "staff-mode,type:" + pin + (check ? ",enter,staff-mode" : "");
    auto kioskd = std::make_unique<KioskdProcess>(
        std::vector<std::string>{"--board", (dir_ / "board.toml").string(), "--video", "offscreen",
                                 "--no-speech", "--out", (dir_ / "out").string(), "--health-file",
                                 (dir_ / "run" / "health").string(), "--page", "welcome",
                                 "--utterance-log", (dir_ / "out" / "said.log").string(), "--keys",
                                 keys},
        std::vector<std::string>{"SDL_VIDEODRIVER=offscreen", "HOME=" + (dir_ / "home").string(),
                                 "XDG_CACHE_HOME=" + (dir_ / "home" / ".cache").string()});
    explicit_bzero(keys.data(), keys.size());
    EXPECT_TRUE(kioskd->wait_for("kioskd: script done", std::chrono::seconds(90)))
        << kioskd->output();
    EXPECT_TRUE(kioskd->wait_for("kiosk ready", std::chrono::seconds(30))) << kioskd->output();
    return kioskd;
  }
};

TEST_F(KioskdStaffPinScan, AfterTheCheckNoCopyOfThePinIsLeft) {
#ifdef KIOSK_TEST_UNDER_SANITIZER
  GTEST_SKIP() << "sanitizer build: freed memory is the sanitizer's (see above)";
#endif
  Pin pin;
  auto kioskd = run_staff(pin.clear, true);
  ASSERT_FALSE(HasFailure());
  if (const auto problem = memory_access_problem(kioskd->pid()); !problem.empty())
    GTEST_SKIP() << "scanning kioskd needs CAP_SYS_PTRACE (run as root): " << problem;
  const auto hits = kiosk_test::scan_process_memory(kioskd->pid(), pin.needles);
  EXPECT_TRUE(hits.empty()) << describe(hits) << kioskd->output();
  EXPECT_NE(kioskd->output().find("script done"), std::string::npos);
  kioskd->stop();
  EXPECT_EQ(kioskd->output().find(pin.clear), std::string::npos) << "the PIN was logged";
  // Neither the journal nor the utterance log nor any file written has it.
  const auto files = files_holding(dir_, pin.needles);
  EXPECT_TRUE(files.empty()) << files.front();
  std::ifstream said(dir_ / "out" / "said.log");
  const std::string log{std::istreambuf_iterator<char>(said), std::istreambuf_iterator<char>()};
  EXPECT_NE(log.find("工作人员菜单"), std::string::npos) << "the PIN was right:\n" << log;
}

TEST_F(KioskdStaffPinScan, BeforeTheCheckTheScanFindsTheTypedPin) {
  Pin pin;
  auto kioskd = run_staff(pin.clear, false);
  ASSERT_FALSE(HasFailure());
  if (const auto problem = memory_access_problem(kioskd->pid()); !problem.empty())
    GTEST_SKIP() << "scanning kioskd needs CAP_SYS_PTRACE (run as root): " << problem;
  EXPECT_FALSE(kiosk_test::scan_process_memory(kioskd->pid(), pin.needles).empty())
      << "the digits typed so far wait in the PIN buffer";
}

}  // namespace
