#include "drivers/card_fault.hpp"

namespace drivers {

const char* fault_name(CardFault fault) {
  switch (fault) {
    case CardFault::None:
      return "none";
    case CardFault::ReaderUnsupported:
      return "reader-unsupported";
    case CardFault::ReaderUnusable:
      return "reader-unusable";
    case CardFault::ReaderUnplugged:
      return "reader-unplugged";
    case CardFault::ReaderNotResponding:
      return "reader-not-responding";
    case CardFault::NoCard:
      return "no-card";
    case CardFault::CardMute:
      return "card-mute";
    case CardFault::BadAtr:
      return "bad-atr";
    case CardFault::NoCommonProtocol:
      return "no-common-protocol";
    case CardFault::ProtocolError:
      return "protocol-error";
    case CardFault::NoIdCard:
      return "no-id-card";
    case CardFault::IdCardMoved:
      return "id-card-moved";
    case CardFault::IdReadInterrupted:
      return "id-read-interrupted";
    case CardFault::IdReadFailed:
      return "id-read-failed";
    case CardFault::IdCardUnreadable:
      return "id-card-unreadable";
    case CardFault::IdCardCheckFailed:
      return "id-card-check-failed";
    case CardFault::IdNumberInvalid:
      return "id-number-invalid";
    case CardFault::NotAnIdCard:
      return "not-an-id-card";
    case CardFault::IdFieldAbsent:
      return "id-field-absent";
    case CardFault::IdCardExpired:
      return "id-card-expired";
    case CardFault::SamLinkError:
      return "sam-link-error";
    case CardFault::SamError:
      return "sam-error";
    case CardFault::SamBroken:
      return "sam-broken";
    case CardFault::SamNotAuthorised:
      return "sam-not-authorised";
  }
  return "unknown";
}

}  // namespace drivers
