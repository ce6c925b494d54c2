#!/usr/bin/env python3
"""Cold process runs for bench/run.sh: kioskd side by side with headless Chromium, and kioskd
opening pages of growing size. Prints `BENCH <name> <value> <unit>` lines on stdout; notes go
to stderr.

A run starts the program in a new session (so every process it spawns can be found by its
session id, even after re-parenting), and ends when the started process exits. Timed runs are
not sampled (sampling /proc costs CPU on a 2-core machine and Chromium has more processes to
sample, which would slow it more than kioskd). Memory runs are separate runs of the same
command: every 20 ms the proportional set size (PSS, /proc/PID/smaps_rollup) of all live
processes of the session is summed, and the largest sum is kept. PSS divides shared pages
(libraries, fonts) between the processes that map them, so a sum over processes counts each
page once.
"""
import argparse
import os
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

SAMPLE_S = 0.020


def session_pids(sid):
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # Fields after the command name (which may contain spaces): state ppid pgrp session ...
        fields = stat[stat.rfind(b")") + 2:].split()
        if int(fields[3]) == sid:
            pids.append(int(name))
    return pids


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(cmd, ready=None, sample=False, env=None):
    """One cold run. Returns (exit_ms, ready_ms or None, peak_pss_kib or None, output lines)."""
    lines = []
    ready_ns = [None]
    t0 = time.monotonic_ns()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                            start_new_session=True)

    def reader():
        for raw in proc.stdout:
            line = raw.decode("utf-8", "replace")
            if ready is not None and ready_ns[0] is None and ready in line:
                ready_ns[0] = time.monotonic_ns()
            lines.append(line)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    peak = None
    if sample:
        peak = 0
        while proc.poll() is None:
            peak = max(peak, sum(pss_kib(p) for p in session_pids(proc.pid)))
            time.sleep(SAMPLE_S)
    proc.wait()
    t1 = time.monotonic_ns()
    # Whatever the program left behind (a Chromium helper) is ended before the next run.
    for pid in session_pids(proc.pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    thread.join(timeout=5)
    if proc.returncode != 0:
        print(f"bench: {cmd[0]} exited with {proc.returncode}", file=sys.stderr)
    ready_ms = None if ready_ns[0] is None else (ready_ns[0] - t0) / 1e6
    return (t1 - t0) / 1e6, ready_ms, peak, lines


def png_size(path):
    try:
        with open(path, "rb") as f:
            head = f.read(24)
    except OSError:
        return None
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def p50(values):
    s = sorted(values)
    return s[(len(s) - 1) // 2]  # the median; with an even count the lower middle


def bench(name, value, unit):
    print(f"BENCH {name} {value:.3f} {unit}" if unit == "ratio" else
          f"BENCH {name} {value:.1f} {unit}", flush=True)


def kioskd_env():
    env = dict(os.environ)
    env["SDL_VIDEODRIVER"] = "offscreen"
    # As kioskd.service starts it: without glibc's tcache already (else kioskd re-executes itself
    # to get there, a second dynamic link in every cold run that the kiosk never pays).
    env["GLIBC_TUNABLES"] = "glibc.malloc.tcache_count=0"
    return env


def side_by_side(args):
    work = tempfile.mkdtemp(prefix="bench-side-")
    kiosk_png = os.path.join(work, "kioskd.png")
    chrome_png = os.path.join(work, "chromium.png")
    profile = os.path.join(work, "chromium-profile")

    def kioskd(speech):
        return [args.kioskd, "--video", "offscreen", "--out", os.path.join(work, "out"),
                *(["--wav", "/dev/null"] if speech else ["--no-speech"]),
                "--page", args.page, "--frames", "1", "--screenshot", kiosk_png]

    # One profile for all runs, made by the warm-up run: a Chromium kiosk keeps its profile.
    chromium = [args.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--window-size=1920,1080", "--screenshot=" + chrome_png,
                "file://" + os.path.abspath(args.page)]
    env = kioskd_env()

    def page_to_png(cmd, png, sample=False):
        try:
            os.remove(png)
        except OSError:
            pass
        ms, ready_ms, peak, _ = run(cmd, ready="kiosk ready", sample=sample, env=env)
        size = png_size(png)
        if size != (1920, 1080):
            print(f"bench: {cmd[0]} wrote no 1920x1080 PNG (got {size}); run not counted",
                  file=sys.stderr)
            return None, None, None
        return ms, ready_ms, peak

    # Warm-up: page cache for both binaries, their libraries and fonts; Chromium's profile.
    page_to_png(kioskd(False), kiosk_png)
    page_to_png(chromium, chrome_png)
    times = {"kioskd": [], "chromium": []}
    kioskd_first_frame = []  # where kioskd's time goes: start -> its first frame presented
    pss = {"kioskd_no_speech": [], "kioskd_speech_on": [], "chromium": []}
    for _ in range(args.runs):  # interleaved, so load on the machine hits both alike
        for key, cmd, png in (("kioskd", kioskd(False), kiosk_png),
                              ("chromium", chromium, chrome_png)):
            ms, ready_ms, _ = page_to_png(cmd, png)
            if ms is not None:
                times[key].append(ms)
            if ms is not None and key == "kioskd" and ready_ms is not None:
                kioskd_first_frame.append(ready_ms)
        for key, cmd, png in (("kioskd_no_speech", kioskd(False), kiosk_png),
                              ("kioskd_speech_on", kioskd(True), kiosk_png),
                              ("chromium", chromium, chrome_png)):
            _, _, peak = page_to_png(cmd, png, sample=True)
            if peak is not None:
                pss[key].append(peak)
    subprocess.run(["rm", "-rf", work], check=False)
    if any(len(v) == 0 for v in list(times.values()) + list(pss.values())):
        print("bench: a side-by-side program never completed a run; figures skipped",
              file=sys.stderr)
        return 1
    for key in ("kioskd", "chromium"):
        bench(f"side_by_side_page_to_png_{key}_p50", p50(times[key]), "ms")
        bench(f"side_by_side_page_to_png_{key}_max", max(times[key]), "ms")
    bench("ratio_page_to_png_kioskd_vs_chromium",
          p50(times["kioskd"]) / p50(times["chromium"]), "ratio")
    if kioskd_first_frame:
        bench("side_by_side_kioskd_start_to_first_frame_p50", p50(kioskd_first_frame), "ms")
    for key, name in (("kioskd_no_speech", "kioskd_no_speech"),
                      ("kioskd_speech_on", "kioskd_speech_on"), ("chromium", "chromium_sum")):
        bench(f"side_by_side_peak_pss_{name}", p50(pss[key]) / 1024, "MB")
    bench("ratio_peak_pss_kioskd_speech_on_vs_chromium",
          p50(pss["kioskd_speech_on"]) / p50(pss["chromium"]), "ratio")
    bench("ratio_peak_pss_kioskd_no_speech_vs_chromium",
          p50(pss["kioskd_no_speech"]) / p50(pss["chromium"]), "ratio")
    return 0


def scale(args):
    work = tempfile.mkdtemp(prefix="bench-scale-")
    env = kioskd_env()
    status = 0
    for label, path in zip(args.labels.split(","), args.pages):
        cmd = [args.kioskd, "--video", "offscreen", "--out", os.path.join(work, "out"),
               "--wav", "/dev/null", "--page", path, "--frames", "1", "--print-rss"]
        run(cmd, ready="kiosk ready", env=env)  # warm-up: the page file in the page cache
        opens, rss = [], []
        for _ in range(args.runs):
            _, ready_ms, _, lines = run(cmd, ready="kiosk ready", env=env)
            refused = [l for l in lines if "page refused" in l]
            if ready_ms is None or refused:
                print(f"bench: kioskd did not show the {label} page: {''.join(refused)}",
                      file=sys.stderr)
                continue
            opens.append(ready_ms)
            rss += [int(l.split()[3]) for l in lines if "peak RSS" in l]
        if not opens or not rss:
            status = 1
            continue
        bench(f"scale_open_to_first_frame_{label}_p50", p50(opens), "ms")
        bench(f"scale_open_to_first_frame_{label}_max", max(opens), "ms")
        bench(f"scale_peak_rss_{label}", max(rss) / 1024, "MB")
    subprocess.run(["rm", "-rf", work], check=False)
    return status


def first_speech(args):
    """Cold start -> the first audible word: kioskd executed on the page with speech on (into a
    WAV sink paced like a sound card); kioskd logs the audio device's own moment of the first
    audible sample (steady clock, the same clock as time.monotonic_ns here)."""
    work = tempfile.mkdtemp(prefix="bench-speech-")
    env = kioskd_env()
    cmd = [args.kioskd, "--video", "offscreen", "--out", os.path.join(work, "out"),
           "--wav", "/dev/null", "--page", args.page, "--frames", "1000000"]
    heard, frames = [], []
    for i in range(args.runs + 1):  # the first is a warm-up
        t0 = time.monotonic_ns()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)
        heard_ns = ready_ns = None
        deadline = time.monotonic() + 10
        for raw in proc.stdout:
            line = raw.decode("utf-8", "replace")
            if "kiosk ready" in line and ready_ns is None:
                ready_ns = time.monotonic_ns()
            if "first speech heard" in line:
                heard_ns = int(line.split("steady clock ")[1].split()[0])
            if (heard_ns is not None and ready_ns is not None) or time.monotonic() > deadline:
                break
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if i == 0:
            continue
        if heard_ns is None or ready_ns is None:
            print("bench: kioskd said nothing audible within 10 s", file=sys.stderr)
            continue
        heard.append((heard_ns - t0) / 1e6)
        frames.append((ready_ns - t0) / 1e6)
    subprocess.run(["rm", "-rf", work], check=False)
    if not heard:
        return 1
    bench("kioskd_cold_start_to_first_audible_word_125kb_page_p50", p50(heard), "ms")
    bench("kioskd_cold_start_to_first_audible_word_125kb_page_max", max(heard), "ms")
    bench("kioskd_cold_start_to_first_frame_125kb_page_speech_on_p50", p50(frames), "ms")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="mode", required=True)
    s = sub.add_parser("side-by-side")
    s.add_argument("--kioskd", required=True)
    s.add_argument("--chromium", default="chromium")
    s.add_argument("--page", required=True)
    s.add_argument("--runs", type=int, default=5)
    c = sub.add_parser("scale")
    c.add_argument("--kioskd", required=True)
    c.add_argument("--runs", type=int, default=5)
    c.add_argument("--labels", required=True, help="comma-separated, one per page")
    c.add_argument("pages", nargs="+")
    f = sub.add_parser("first-speech")
    f.add_argument("--kioskd", required=True)
    f.add_argument("--page", required=True)
    f.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.mode == "first-speech":
        return first_speech(args)
    return side_by_side(args) if args.mode == "side-by-side" else scale(args)


if __name__ == "__main__":
    sys.exit(main())
