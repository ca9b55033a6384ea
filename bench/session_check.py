#!/usr/bin/env python3
"""Checks the seams of a session: no click where one clip fades into the
next. For every crossfade (a quarter of a segment after each segment's end)
it compares, within that stretch, the largest sample-to-sample jump and the
largest spectral flux (23 ms frames) with the same measures over the whole
session. A click shows as a jump or a flux spike well above anything the
music itself does.

usage: session_check.py SESSION.wav PLAN.json   (exit 1 when a seam clicks)
"""
import json
import sys
import wave

import numpy as np


def read_wav(path):
    with wave.open(path, "rb") as w:
        assert w.getsampwidth() == 2, "16-bit WAV expected"
        x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        x = x.reshape(-1, w.getnchannels()).astype(np.float64) / 32768
        return x.mean(axis=1), w.getframerate()


def flux(x, frame):
    n = len(x) // frame
    frames = x[: n * frame].reshape(n, frame) * np.hanning(frame)
    mag = np.abs(np.fft.rfft(frames, axis=1))
    rise = np.maximum(mag[1:] - mag[:-1], 0).sum(axis=1)
    return np.concatenate([[0], rise / (mag.sum(axis=1)[1:] + 1e-9)])


def main():
    x, rate = read_wav(sys.argv[1])
    plan = json.load(open(sys.argv[2]))
    frame = 1024
    jumps = np.abs(np.diff(x))
    f = flux(x, frame)
    whole_jump = np.percentile(jumps, 99.99)
    whole_flux = np.percentile(f, 99.5)
    bad = 0
    for seg in plan["segments"][:-1]:
        start = seg["start_s"] + seg["seconds"]
        a, b = int(start * rate), int((start + seg["seconds"] / 4) * rate)
        seam_jump = jumps[a:b].max()
        seam_flux = f[a // frame: b // frame].max()
        ok = seam_jump <= 2 * whole_jump and seam_flux <= 2 * whole_flux
        bad += not ok
        print("seam at %6.1f s: jump %.4f (session 99.99%%: %.4f), flux %.3f "
              "(session 99.5%%: %.3f) %s" % (start, seam_jump, whole_jump,
                                              seam_flux, whole_flux,
                                              "ok" if ok else "CLICK"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
