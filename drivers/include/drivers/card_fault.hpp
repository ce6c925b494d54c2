// Why a reader or card could not be used, as a code. Drivers speak no human language (as
// libccid does): they report a CardFault plus an English technician text, and the firmware
// (kiosk::card_wording) decides what the citizen hears and reads.
#pragma once

namespace drivers {

enum class CardFault {
  None,
  // Readers.
  ReaderUnsupported,    // CCID reader at character level: not a model the kiosk drives
  ReaderUnusable,       // allowlisted USB reader that could not be opened
  ReaderUnplugged,      // the reader went away during a command
  ReaderNotResponding,  // no (valid) reply to a command
  // Smart cards (CCID).
  NoCard,            // the slot is empty
  CardMute,          // no ATR at any voltage (often inserted the wrong way round)
  BadAtr,            // an ATR that does not parse
  NoCommonProtocol,  // the card speaks no protocol the reader supports
  ProtocolError,     // PPS, SetParameters or IFSD negotiation failed
  // ID cards (SAM reader, text record).
  NoIdCard,           // SW3 80: nothing on the reading area
  IdCardMoved,        // SW3 81: selecting the card failed, usually because it moved
  IdReadInterrupted,  // the read command got no reply
  IdReadFailed,       // SW3 41/47, or a read reply/text record of the wrong size
  IdCardUnreadable,   // SW3 31/32: card and reader failed to authenticate each other
  IdCardCheckFailed,  // SW3 33, or fields (nation, nationality, dates) that do not check
  IdNumberInvalid,    // GB 11643 check digit or permanent-residence number form wrong
  NotAnIdCard,        // SW3 40: unknown card type
  IdFieldAbsent,      // SW3 91: no such content on the card
  IdCardExpired,      // read fine, but past its validity (IdCard::expired is set too)
  // The SAM module.
  SamLinkError,      // SW3 10/11: the SAM received a corrupted frame
  SamError,          // SW3 21/23/24, an unknown SW3, or a success code where none fits
  SamBroken,         // SW3 60: self-test failed
  SamNotAuthorised,  // SW3 66: no licence
};

// A stable lower-case name for logs and kioskctl ("reader-not-responding").
const char* fault_name(CardFault fault);

}  // namespace drivers
