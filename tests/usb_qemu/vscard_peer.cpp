// Host-side card for QEMU's `ccid-card-passthru`: speaks the VSCard protocol (libcacard's
// vscard_common.h: 12-byte big-endian header type / reader id / length) over the chardev socket
// and answers APDUs with the project's emulated ISO 7816-4 card at T=0 (61xx, 6Cxx, PIN retry
// counter). After a number of APDUs it removes the card and inserts it again, so the guest sees
// NotifySlotChange both ways. Test tool only; all data synthetic.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "drivers/emulated/emulated_card.hpp"
#include "drivers/iso7816/apdu.hpp"
#include "drivers/iso7816/atr.hpp"

namespace {

enum : std::uint32_t {
  kInit = 1,
  kError = 2,
  kReaderAdd = 3,
  kAtr = 5,
  kCardRemove = 6,
  kApdu = 7
};

bool send_msg(int fd, std::uint32_t type, std::uint32_t reader,
              const std::vector<std::uint8_t>& payload) {
  std::vector<std::uint8_t> m(12 + payload.size());
  const std::uint32_t h[3] = {htonl(type), htonl(reader),
                              htonl(static_cast<std::uint32_t>(payload.size()))};
  std::memcpy(m.data(), h, 12);
  std::copy(payload.begin(), payload.end(), m.begin() + 12);
  return ::send(fd, m.data(), m.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(m.size());
}

bool recv_all(int fd, std::uint8_t* p, std::size_t n) {
  while (n > 0) {
    const ssize_t r = ::recv(fd, p, n, 0);
    if (r <= 0) return false;
    p += r;
    n -= static_cast<std::size_t>(r);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: kiosk-vscard-peer PORT [REMOVE_AFTER_APDUS]\n");
    return 1;
  }
  const int port = std::atoi(argv[1]);
  const int remove_after = argc > 2 ? std::atoi(argv[2]) : -1;
  auto card = drivers::emulated::EmulatedCard::sample_social_card();
  // QEMU's CCID reader speaks T=0 only: give the card a T=0 ATR (TA1 13, historical "KIOSKSIM").
  std::vector<std::uint8_t> atr{0x3B, 0x18, 0x13};
  for (char c : std::string("KIOSKSIM")) atr.push_back(static_cast<std::uint8_t>(c));
  card.set_atr(atr);
  int fd = -1;
  for (int i = 0; i < 100 && fd < 0; ++i) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      ::close(fd);
      fd = -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  if (fd < 0) {
    std::fprintf(stderr, "PEER: cannot connect to QEMU on port %d\n", port);
    return 2;
  }
  std::vector<std::uint8_t> init{'V', 'S', 'C', 'D', 0, 0, 0, 2, 0, 0, 0, 0};
  send_msg(fd, kInit, 0xFFFFFFFF, init);
  const std::string name = "kiosk-test-reader";
  bool reader_added = false;
  bool inserted = false;
  int apdus = 0;
  bool removed_once = false;
  while (true) {
    std::uint8_t h[12];
    if (!recv_all(fd, h, 12)) break;
    std::uint32_t v[3];
    std::memcpy(v, h, 12);
    const std::uint32_t type = ntohl(v[0]), reader = ntohl(v[1]), len = ntohl(v[2]);
    if (len > 70000) break;
    std::vector<std::uint8_t> p(len);
    if (!recv_all(fd, p.data(), len)) break;
    if (type == kInit && !reader_added) {  // QEMU's own Init: now the reader can be added
      reader_added = true;
      send_msg(fd, kReaderAdd, 0xFFFFFFFF, std::vector<std::uint8_t>(name.begin(), name.end() + 1));
      continue;
    }
    if (type == kReaderAdd || (type == kError && !inserted)) {
      if (!inserted) {
        inserted = true;
        send_msg(fd, kAtr, 0, card.atr());
        std::printf("PEER: card inserted, ATR %s\n", drivers::iso7816::hex(card.atr()).c_str());
      }
      continue;
    }
    if (type != kApdu) continue;
    auto reply = card.process_t0(p);
    std::printf("PEER: APDU %s -> %zu bytes, SW %s\n", drivers::iso7816::trace_command(p).c_str(),
                reply.size() - 2, drivers::iso7816::hex(std::span(reply).last(2)).c_str());
    std::fflush(stdout);
    send_msg(fd, kApdu, reader, reply);
    if (++apdus == remove_after && !removed_once) {
      removed_once = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      send_msg(fd, kCardRemove, 0, {});
      std::printf("PEER: card removed\n");
      std::this_thread::sleep_for(std::chrono::milliseconds(2500));
      card.reset();
      send_msg(fd, kAtr, 0, card.atr());
      std::printf("PEER: card inserted again\n");
      std::fflush(stdout);
    }
  }
  ::close(fd);
  return 0;
}
