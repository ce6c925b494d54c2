#!/bin/sh
# The technician's verbs end to end, as a technician runs them: provision (PIN from standard
# input, weak and command-line PINs refused), board check naming file:line:key, redacted logs,
# status and screenshot against a running kioskd (offscreen), selftest with emulated readers
# into a WAV, and --help on every verb.
# usage: kioskctl_test.sh BUILD_DIR SOURCE_DIR
set -u
BUILD=$1; SRC=$2
K=$BUILD/firmware/kioskctl
KD=$BUILD/firmware/kioskd
T=$BUILD/kioskctl-test
rm -rf "$T"; mkdir -p "$T"
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
KIOSKD_PID=
trap '[ -n "$KIOSKD_PID" ] && kill $KIOSKD_PID 2>/dev/null' EXIT

for verb in status selftest screenshot logs cards update provision board; do
  if "$K" $verb --help | grep -q "^usage: kioskctl $verb"; then :; else bad "$verb --help"; fi
done
ok "every verb explains itself with --help"

# --- provision
out=$(echo 1234 | "$K" provision --board qemu-x86 --staff-pin-stdin --out "$T/weak.toml"); rc=$?
if [ $rc = 2 ] && echo "$out" | grep -q '6 to 12 digits' && [ ! -e "$T/weak.toml" ]; then ok "weak PIN refused"; else bad "weak PIN (rc $rc): $out"; fi
"$K" provision --board qemu-x86 --staff-pin 604182 --out "$T/argv.toml" 2>/dev/null; rc=$?
if [ $rc = 1 ] && [ ! -e "$T/argv.toml" ]; then ok "PIN on the command line refused"; else bad "argv PIN (rc $rc)"; fi
out=$(echo 604182 | "$K" provision --board qemu-x86 --gateway https://zwdt.example.gov.cn/hall/7 \
      --staff-pin-stdin --out "$T/data/kiosk/board.toml"); rc=$?
P=$T/data/kiosk/board.toml
if [ $rc = 0 ] && grep -q 'pin_hash = .\$y\$' "$P" && ! grep -q 604182 "$P" \
   && grep -q 'home = .https://zwdt.example.gov.cn/hall/7' "$P" \
   && grep -q "origins = \[ 'https://zwdt.example.gov.cn' \]\|origins = \[ \"https://zwdt.example.gov.cn\" \]" "$P"; then
  ok "provisioned: gateway, its origin and a yescrypt PIN hash (PIN not stored)"
else bad "provision (rc $rc): $out"; cat "$P"; fi
if "$K" board show --board "$P" | grep -q '"staff_pin":"set"'; then ok "the provisioned profile loads"; else bad "provisioned profile"; fi
# kioskd (user kiosk) must be able to read it: 0640 root:kiosk where the group exists, else 0644.
if getent group kiosk >/dev/null; then
  if [ "$(stat -c %a:%G "$P")" = 640:kiosk ]; then ok "the provisioned profile is 0640, group kiosk"; else bad "mode $(stat -c %a:%G "$P")"; fi
else
  if [ "$(stat -c %a "$P")" = 644 ] && echo "$out" | grep -q '"readable_by":"everyone (0644): no kiosk group'; then
    ok "no kiosk group: the provisioned profile is 0644 and says why"; else bad "mode $(stat -c %a "$P"): $out"; fi
fi

# --- board check
printf '[board]\nname = "x"\ncompatible = "y"\ncolour = 1\n' > "$T/bad.toml"
err=$("$K" board check --board "$T/bad.toml" 2>&1); rc=$?
if [ $rc = 2 ] && echo "$err" | grep -q "bad.toml:4: \[board\] colour: unknown key"; then ok "bad profile named by file:line:key"; else bad "board check (rc $rc): $err"; fi

# --- logs: redacted
cat > "$T/kiosk.log" <<'EOL'
2026-11-27T09:00:01 kioskd[400]: card: id-card read {"name":"张三","id_number":"310101199001011234"}
2026-11-27T09:00:02 kioskd[400]: apdu > 00 20 00 01 06 31 32 33 34 35 36
2026-11-27T09:00:03 kioskd[400]: 姓名：欧阳娜娜 证件 31010119900101123X
2026-11-27T09:00:04 kioskd[400]: page 3 of 12
2026-11-27T09:00:05 kioskd[400]: HTTP 404 for http://127.0.0.1:8088/q?xm=%E6%9D%8E%E5%9B%9B&tel=13812345678
EOL
out=$("$K" logs --file "$T/kiosk.log")
if echo "$out" | grep -q '"name":"张\*"' && echo "$out" | grep -q '3101\*\*\*\*\*\*\*\*\*\*1234' \
   && echo "$out" | grep -q '00 20 00 01 \[PIN redacted\]' && echo "$out" | grep -q 'page 3 of 12' \
   && echo "$out" | grep -q 'xm=李\*&tel=138\*\*\*\*5678' \
   && ! echo "$out" | grep -q -e 张三 -e 娜娜 -e 199001011234 -e '31 32 33 34' -e '%E6%9D%8E' \
     -e 13812345678; then
  ok "logs: ID numbers, names (URL-encoded too), phones and PIN bytes redacted, the rest kept"
else bad "logs redaction"; echo "$out"; fi

# --- no kioskd: screenshot and status say so
out=$("$K" screenshot --run-dir "$T/run" "$T/none.png"); rc=$?
if [ $rc = 2 ] && echo "$out" | grep -q 'kioskd is not running'; then ok "screenshot without kioskd says so"; else bad "screenshot without kioskd (rc $rc): $out"; fi

# --- a running kioskd (offscreen, desktop board with emulated readers)
SDL_AUDIODRIVER=dummy "$KD" --board desktop --video offscreen --page welcome --out "$T/out" \
  --wav "$T/kioskd.wav" --health-file "$T/run/health" > "$T/kioskd.log" 2>&1 &
KIOSKD_PID=$!
i=0; while [ ! -s "$T/run/health" ] && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
out=$("$K" status --board desktop --run-dir "$T/run"); rc=$?
if [ $rc = 0 ] && echo "$out" | grep -q '"event":"kioskd".*"healthy":true' \
   && echo "$out" | grep -q '"running":true' && echo "$out" | grep -q '"display":"offscreen"'; then
  ok "status: kioskd running and healthy (display, speech, readers)"
else bad "status (rc $rc)"; echo "$out"; cat "$T/kioskd.log"; fi
if echo "$out" | grep -q '"sessions_today":1' && echo "$out" | grep -q '"staff_called":false' \
   && echo "$out" | grep -q '"version":"' && echo "$out" | grep -q '"uptime_s":'; then
  ok "status: sessions today, the call for staff, version and uptime"
else bad "status staff facts: $out"; fi
out=$("$K" screenshot --run-dir "$T/run" "$T/shot.png"); rc=$?
sig=$(head -c 8 "$T/shot.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')
width=$(od -An -tu1 -j16 -N4 "$T/shot.png" 2>/dev/null | awk '{print $1*16777216+$2*65536+$3*256+$4}')
if [ $rc = 0 ] && [ "$sig" = 89504e470d0a1a0a ] && [ "$width" = 1920 ]; then ok "screenshot: a 1920-wide PNG of what kioskd shows"; else bad "screenshot (rc $rc, sig $sig, width $width): $out"; fi
kill $KIOSKD_PID; wait $KIOSKD_PID 2>/dev/null; KIOSKD_PID=
out=$("$K" status --board desktop --run-dir "$T/run"); rc=$?
if [ $rc = 2 ] && echo "$out" | grep -q '"running":false'; then ok "status after kioskd stopped: not running, exit 2"; else bad "status after stop (rc $rc): $out"; fi

# A kiosk that asked for its KMS/DRM screen and only got the offscreen fallback is unhealthy;
# so is one whose audio device failed (it speaks into a file nobody hears).
rm -f "$T/run2/health"
SDL_AUDIODRIVER=nonexistent "$KD" --board desktop --video kmsdrm --page welcome --out "$T/out2" \
  --health-file "$T/run2/health" > "$T/kioskd2.log" 2>&1 &
KIOSKD_PID=$!
i=0; while [ ! -s "$T/run2/health" ] && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
out=$("$K" status --board desktop --run-dir "$T/run2"); rc=$?
if [ $rc = 2 ] && echo "$out" | grep -q '"healthy":false' && echo "$out" | grep -q '"display":"offscreen"' \
   && echo "$out" | grep -q '"speech":"into a file (no audio device)"'; then
  ok "status: a kiosk without its screen or its audio device is reported unhealthy"
else bad "status without screen (rc $rc)"; echo "$out"; fi
kill $KIOSKD_PID; wait $KIOSKD_PID 2>/dev/null; KIOSKD_PID=

# A kioskd whose profile is refused shows 暂停服务 and stays up: status says unhealthy and why.
rm -f "$T/run3/health"
SDL_AUDIODRIVER=dummy "$KD" --board "$T/bad.toml" --video offscreen --no-speech --out "$T/out3" \
  --health-file "$T/run3/health" > "$T/kioskd3.log" 2>&1 &
KIOSKD_PID=$!
i=0; while [ ! -s "$T/run3/health" ] && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
out=$("$K" status --board desktop --run-dir "$T/run3"); rc=$?
if [ $rc = 2 ] && echo "$out" | grep -q '"running":true' && echo "$out" | grep -q '"healthy":false' \
   && echo "$out" | grep -q '"profile_ok":false' \
   && echo "$out" | grep -q '"profile":"bad board profile: [^"]*bad.toml:4: \[board\] colour: unknown key"'; then
  ok "status: a kioskd on its maintenance screen is running, unhealthy, with the profile's file:line"
else bad "status on the maintenance screen (rc $rc)"; echo "$out"; cat "$T/kioskd3.log"; fi
kill $KIOSKD_PID; wait $KIOSKD_PID; rc=$?; KIOSKD_PID=
if [ $rc = 0 ]; then ok "the maintenance screen stops on SIGTERM with exit 0"; else bad "maintenance screen exit $rc"; fi

# --- selftest: offscreen, speech into a WAV, emulated readers with their synthetic cards
out=$("$K" selftest --board desktop --video offscreen --hold 0 --out "$T/st" --wav "$T/st.wav" \
      --emulated --card-seconds 5); rc=$?
echo "$out" | sed 's/^/     /'
parts=$(echo "$out" | grep -c '"result":"pass"')
if [ $rc = 0 ] && [ "$parts" -ge 6 ] && [ -s "$T/st/selftest.png" ] && [ "$(stat -c %s "$T/st.wav")" -gt 44100 ]; then
  ok "selftest: profile, display (5 schemes read back), speech, readers and a card passed"
else bad "selftest (rc $rc, $parts passes)"; fi
# A display that cannot open fails its part with the reason and exit 2.
out=$(SDL_VIDEODRIVER=nonexistent "$K" selftest --board desktop --video kmsdrm --hold 0 --out "$T/st2" \
      --wav "$T/st2.wav" --card-seconds 0.2 2>&1); rc=$?
if [ $rc = 2 ] && echo "$out" | grep -q '"part":"display","result":"fail"\|"detail":.*"part":"display"' ; then ok "selftest: a screen that cannot open fails with a reason"; else
  if [ $rc = 2 ] && echo "$out" | grep '"display"' | grep -q '"fail"'; then ok "selftest: a screen that cannot open fails with a reason"; else bad "selftest without screen (rc $rc)"; echo "$out"; fi; fi
exit $fail
