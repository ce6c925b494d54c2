// The words of the out-of-service (暂停服务) screen kioskd shows when its board profile cannot be
// used: the Announcer says them and the built-in page shows them, so what a citizen hears and
// reads never drift apart. The technician's reason is shown on the page only, never said.
#pragma once

namespace kiosk::out_of_service_words {

inline constexpr const char* kTitle = "暂停服务";
inline constexpr const char* kCitizen = "本机正在维护，请到其他自助终端或人工窗口办理。";
// Before the technician's reason (English, file:line) on the page.
inline constexpr const char* kReasonLabel = "维护原因：";

}  // namespace kiosk::out_of_service_words
