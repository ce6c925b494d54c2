# Platform hardening linked into kiosk executables; include()d from firmware/CMakeLists.txt
# (and from tests/CMakeLists.txt, which guards with if(NOT TARGET kiosk_wipe_on_free)).
#
# kiosk_wipe_on_free is an OBJECT library on purpose: it replaces global operator new/delete,
# and nothing references those symbols by name, so as a static-library member the linker could
# leave it out. Link it straight into each executable:
#   target_link_libraries(kioskd PRIVATE kiosk_wipe_on_free)
add_library(kiosk_wipe_on_free OBJECT ${CMAKE_CURRENT_LIST_DIR}/src/platform/wipe_on_free.cpp)
target_include_directories(kiosk_wipe_on_free PUBLIC ${CMAKE_CURRENT_LIST_DIR}/src)
