# The firmware as one Debian package, kiosk-firmware, which the image installs. Library
# dependencies come from dpkg-shlibdeps; the rest is named here (librime1 too: kioskd opens it
# with dlopen when pinyin is first wanted, so shlibdeps cannot see it). The maintainer scripts
# create the kiosk user and the data folders; the image build enables the units.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kiosk-firmware)
set(CPACK_PACKAGE_VENDOR "Accessible kiosk firmware team")
set(CPACK_PACKAGE_CONTACT "Kiosk firmware team <kiosk-firmware@example.gov.cn>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Accessible self-service kiosk: large-text UI, speech, card readers, A/B updates")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "systemd, udev, espeak-ng-data, librime1, rime-data-luna-pinyin, rime-prelude, rime-essay")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-cjk, rauc, dbus")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${CMAKE_CURRENT_LIST_DIR}/postinst")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_STRIP_FILES ON)
include(CPack)
