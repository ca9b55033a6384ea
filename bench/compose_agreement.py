#!/usr/bin/python3
# compose_agreement.py: does the composer's music carry the emotion it was asked for?
#
# For every point of a 5 x 5 grid of valence and arousal in [-1, 1], and for
# every seed, it asks `moodscape compose` for a piece, then listens to the
# rendered WAV with two measurements that know nothing about the composer:
#
#   tempo  aubio's beat tracker (a separate project) finds the beats in the
#          audio. Higher arousal should mean faster music, so the Spearman
#          rank correlation between arousal and measured bpm should be high
#          (target >= 0.8). The bpm is what `aubio tempo` prints; `aubio beat`
#          gives a second reading, the median beat period, which ignores the
#          tracker's first seconds and its brief lapses to double or half
#          speed (aubio tempo averages over every beat it reports). On
#          20 s sox test tracks aubio holds the beat from about 70 to 160
#          bpm; slower ones it tends to read at double speed, faster ones
#          at half, and slow beats with loud off-beat eighths at double.
#   mode   a key finder written here: a chromagram of the audio correlated
#          with the Krumhansl-Kessler key profiles (Krumhansl & Kessler 1982,
#          "Tracing the dynamic changes in perceived tonal organization in a
#          spatial representation of musical keys", Psychological Review 89,
#          334-368), which come from listeners' ratings, not from any rule the
#          composer uses. Pleasant moods should sound major, unpleasant ones
#          minor: pieces with valence >= 0.3 should come out major and those
#          with valence <= -0.3 minor (target: >= 0.9 of them together).
#          A relative major and minor share their notes, so a minor piece
#          that dwells on its III and VII chords can come out major here
#          (as it may to a listener); a tonic-centred minor one does not.
#
# Only the audio is read: the JSON that compose prints (its own idea of tempo
# and key) is ignored, and nothing here shares code or tables with it. So a
# composer that picks the right parameters but renders them wrongly (a tempo
# lost in the synthesis, a scale that does not sound in the mix) fails here.
#
# Needs Python 3 with numpy and the `aubio` command (Debian: python3-numpy,
# aubio-tools). Exit status: 0 done, 1 a target missed (with --check),
# 2 a render or an analysis failed or the arguments are wrong.
"""Check that `moodscape compose` renders tempo and mode that fit the mood."""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import wave

import numpy as np

GRID = (-1.0, -0.5, 0.0, 0.5, 1.0)
PITCH_NAMES = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")

# Krumhansl & Kessler (1982) probe-tone profiles, tonic first.
KK_MAJOR = (6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88)
KK_MINOR = (6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17)

FRAME = 8192          # STFT frame, samples (about 186 ms at 44.1 kHz)
HOP = 4096            # STFT hop, samples
F_LOW = 65.0          # lowest frequency counted in the chroma (about C2)
F_HIGH = 2100.0       # highest (about C7)
A4 = 440.0

SPEARMAN_TARGET = 0.8
KEY_TARGET = 0.9
VALENCE_SPLIT = 0.3   # |v| at or beyond this should sound major / minor


class StepError(Exception):
    """A render or an analysis that failed; carries what to show the user."""


# ---------------------------------------------------------------- audio in

def read_wav_mono(path):
    """Read a PCM WAV file; return (mono float samples in [-1, 1], rate)."""
    with wave.open(path, "rb") as w:
        channels, width, rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
        raw = w.readframes(w.getnframes())
    data = pcm_to_float(raw, width)
    if channels > 1:
        usable = len(data) - len(data) % channels
        data = data[:usable].reshape(-1, channels).mean(axis=1)
    return data, rate


def pcm_to_float(raw, width):
    """Decode little-endian PCM of 1, 2, 3 or 4 bytes a sample to floats."""
    if width == 1:
        return (np.frombuffer(raw, np.uint8).astype(np.float64) - 128.0) / 128.0
    if width == 2:
        return np.frombuffer(raw, "<i2").astype(np.float64) / 32768.0
    if width == 3:
        b = np.frombuffer(raw, np.uint8).reshape(-1, 3).astype(np.int32)
        v = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        v = np.where(v >= 1 << 23, v - (1 << 24), v)
        return v.astype(np.float64) / float(1 << 23)
    if width == 4:
        return np.frombuffer(raw, "<i4").astype(np.float64) / float(1 << 31)
    raise ValueError("unsupported sample width: %d bytes" % width)


# ---------------------------------------------------------------- key finder

def pitch_class_of_bins(rate, frame=FRAME):
    """Pitch class (C = 0) of each rFFT bin in [F_LOW, F_HIGH], -1 elsewhere."""
    freqs = np.fft.rfftfreq(frame, 1.0 / rate)
    classes = np.full(len(freqs), -1, dtype=np.int64)
    band = (freqs >= F_LOW) & (freqs <= F_HIGH)
    semitones_from_a4 = np.round(12.0 * np.log2(freqs[band] / A4)).astype(np.int64)
    classes[band] = (semitones_from_a4 + 9) % 12     # A is 9 semitones above C
    return classes


def chroma(samples, rate, frame=FRAME, hop=HOP):
    """Sum of STFT magnitudes over time, folded into 12 pitch classes."""
    if len(samples) < frame:
        samples = np.pad(samples, (0, frame - len(samples)))
    count = 1 + (len(samples) - frame) // hop
    window = np.hanning(frame)
    spectrum = np.zeros(frame // 2 + 1)
    for i in range(count):
        segment = samples[i * hop:i * hop + frame]
        spectrum += np.abs(np.fft.rfft(segment * window))
    classes = pitch_class_of_bins(rate, frame)
    keep = classes >= 0
    return np.bincount(classes[keep], weights=spectrum[keep], minlength=12)


def pearson(x, y):
    """Pearson correlation of two equal-length sequences (nan if one is flat)."""
    x = np.asarray(x, dtype=np.float64) - np.mean(x)
    y = np.asarray(y, dtype=np.float64) - np.mean(y)
    denominator = np.sqrt(np.sum(x * x) * np.sum(y * y))
    return float(np.sum(x * y) / denominator) if denominator > 0 else float("nan")


def key_from_chroma(vector):
    """Best of the 24 keys for a chroma vector: (tonic 0-11, 'major'|'minor', r)."""
    best = (0, "major", -2.0)
    for mode, profile in (("major", KK_MAJOR), ("minor", KK_MINOR)):
        for tonic in range(12):
            r = pearson(vector, np.roll(profile, tonic))
            if r > best[2]:
                best = (tonic, mode, r)
    return best


def estimate_key(path):
    """Key of a WAV file as a dict: tonic name, mode and correlation."""
    samples, rate = read_wav_mono(path)
    tonic, mode, r = key_from_chroma(chroma(samples, rate))
    return {"key": PITCH_NAMES[tonic], "mode": mode, "key_r": round(r, 3)}


# ---------------------------------------------------------------- tempo

TEMPO_LINE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s+bpm(\s+\(uncertain\))?\s*$")


def parse_aubio_tempo(text):
    """Read `aubio tempo` output ('120.13 bpm', '... bpm (uncertain)', 'unknown bpm').

    Returns (bpm or None, uncertain). aubio says 'uncertain' when it found
    fewer than 10 beats and 'unknown' when it found fewer than 2.
    """
    for line in text.splitlines():
        match = TEMPO_LINE.match(line)
        if match:
            return float(match.group(1)), match.group(2) is not None
        if line.strip() == "unknown bpm":
            return None, True
    raise ValueError("no tempo in aubio output: %r" % text[:200])


def run_aubio(aubio, what, path, parse):
    """Run `aubio WHAT -i PATH` and return parse(its output)."""
    cmd = [aubio, what, "-i", path]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise StepError(describe_failure(cmd, done))
    try:
        return parse(done.stdout)
    except ValueError as err:
        raise StepError("%s: %s" % (" ".join(cmd), err)) from None


def measure_tempo(aubio, path):
    """Run `aubio tempo -i PATH`; return (bpm or None, uncertain)."""
    return run_aubio(aubio, "tempo", path, parse_aubio_tempo)


def bpm_from_beats(times):
    """Tempo from beat times: the mean of the periods within 15% of the median.

    The median period is the one the tracker held longest; periods far
    from it (its start-up, a lapse to double or half speed) are left out.
    """
    periods = sorted(b - a for a, b in zip(times, times[1:]) if b > a)
    if not periods:
        return None
    middle = periods[(len(periods) - 1) // 2]
    steady = [p for p in periods if abs(p - middle) <= 0.15 * middle]
    return 60.0 * len(steady) / sum(steady)


def parse_aubio_beats(text):
    """Beat times in seconds from `aubio beat` output (one number a line)."""
    return [float(field) for field in text.split()]


def measure_beats(aubio, path):
    """Run `aubio beat -i PATH`; return the bpm of its steady beat period."""
    return run_aubio(aubio, "beat", path,
                     lambda text: bpm_from_beats(parse_aubio_beats(text)))


# ---------------------------------------------------------------- statistics

def average_ranks(values):
    """Ranks 1..n, ties sharing the average of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for k in range(start, end + 1):
            ranks[order[k]] = (start + end) / 2.0 + 1.0
        start = end + 1
    return ranks


def spearman(x, y):
    """Spearman rank correlation: Pearson correlation of average ranks."""
    if len(x) != len(y):
        raise ValueError("spearman: sequences differ in length")
    if len(x) < 2:
        return float("nan")
    return pearson(average_ranks(list(x)), average_ranks(list(y)))


def round_or_none(x, digits):
    """Round a number; None and nan become None."""
    return None if x is None or x != x else round(x, digits)


def share(hits, total):
    """hits / total, or None when there is nothing to count."""
    return hits / total if total else None


def key_agreement(pieces):
    """Shares of pleasant pieces called major and unpleasant ones called minor."""
    pos = [p for p in pieces if p["valence"] >= VALENCE_SPLIT]
    neg = [p for p in pieces if p["valence"] <= -VALENCE_SPLIT]
    pos_hits = sum(p["mode"] == "major" for p in pos)
    neg_hits = sum(p["mode"] == "minor" for p in neg)
    return {
        "major_when_positive": share(pos_hits, len(pos)),
        "minor_when_negative": share(neg_hits, len(neg)),
        "key_agreement": share(pos_hits + neg_hits, len(pos) + len(neg)),
        "positive_pieces": len(pos),
        "negative_pieces": len(neg),
    }


# ---------------------------------------------------------------- rendering

def describe_failure(cmd, done):
    """A readable account of a failed command: the command, status and stderr."""
    err = (done.stderr or "").strip() or "(no stderr)"
    return "command failed (exit %d): %s\n%s" % (done.returncode, " ".join(cmd), err)


def number(x):
    """-1.0 -> '-1', 0.5 -> '0.5': the spelling used in file names and --va."""
    return format(x, "g")


def compose_command(args, valence, arousal, seed, path):
    """The compose command line for one grid point and seed."""
    cmd = [args.moodscape, "compose", "--va", "%s,%s" % (number(valence), number(arousal)),
           "--seconds", number(args.seconds), "--seed", str(seed), "-o", path]
    if args.soundfont:
        cmd += ["--soundfont", args.soundfont]
    return cmd


def render(args, valence, arousal, seed, out_dir):
    """Render one piece; return its WAV path. Raises StepError on failure."""
    name = "v%s_a%s_s%d.wav" % (number(valence), number(arousal), seed)
    path = os.path.join(out_dir, name)
    cmd = compose_command(args, valence, arousal, seed, path)
    try:
        done = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as err:
        raise StepError("cannot run %s: %s" % (args.moodscape, err)) from None
    if done.returncode != 0:
        raise StepError(describe_failure(cmd, done))
    if not os.path.isfile(path):
        raise StepError("%s\nexited 0 but wrote no %s" % (" ".join(cmd), path))
    return path


def study(args, valence, arousal, seed, out_dir):
    """Render one piece and measure it: one row of the report."""
    path = render(args, valence, arousal, seed, out_dir)
    bpm, uncertain = measure_tempo(args.aubio, path)
    beat_bpm = measure_beats(args.aubio, path)
    try:
        key = estimate_key(path)
    except (wave.Error, ValueError, EOFError) as err:
        raise StepError("cannot read %s: %s" % (path, err)) from None
    row = {"valence": valence, "arousal": arousal, "seed": seed,
           "bpm": round_or_none(bpm, 2), "bpm_uncertain": uncertain,
           "beat_bpm": round_or_none(beat_bpm, 2), "file": os.path.basename(path)}
    row.update(key)
    return row


def run_all(args, out_dir):
    """Render and measure the whole grid, args.jobs at a time, in grid order."""
    tasks = [(v, a, s) for v in GRID for a in GRID for s in args.seeds]
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(study, args, v, a, s, out_dir) for v, a, s in tasks]
        try:
            return [f.result() for f in futures]
        except StepError:
            for f in futures:
                f.cancel()
            raise


# ---------------------------------------------------------------- report

def arousal_tempo_rho(pieces, field):
    """Spearman(arousal, pieces' FIELD) over the pieces whose tempo is known."""
    timed = [p for p in pieces if p[field] is not None]
    return round_or_none(spearman([p["arousal"] for p in timed], [p[field] for p in timed]), 3)


def summarize(pieces, tempo_field="bpm"):
    """Spearman(arousal, bpm), key agreement and whether the targets are met."""
    summary = {"pieces": len(pieces),
               "tempo_unknown": sum(p[tempo_field] is None for p in pieces),
               "tempo_uncertain": sum(p["bpm_uncertain"] for p in pieces),
               "tempo_from": "aubio beat" if tempo_field == "beat_bpm" else "aubio tempo",
               "spearman_arousal_bpm": arousal_tempo_rho(pieces, tempo_field),
               "spearman_aubio_tempo": arousal_tempo_rho(pieces, "bpm"),
               "spearman_aubio_beat": arousal_tempo_rho(pieces, "beat_bpm")}
    for name, value in key_agreement(pieces).items():
        summary[name] = round_or_none(value, 3)
    summary["targets"] = {"spearman_arousal_bpm": SPEARMAN_TARGET, "key_agreement": KEY_TARGET}
    summary["missed"] = missed_targets(summary)
    return summary


def missed_targets(summary):
    """Human-readable list of the targets the summary misses."""
    missed = []
    rho, keys = summary["spearman_arousal_bpm"], summary["key_agreement"]
    if rho is None or rho < SPEARMAN_TARGET:
        missed.append("Spearman(arousal, bpm) = %s < %.2f" % (rho, SPEARMAN_TARGET))
    if keys is None or keys < KEY_TARGET:
        missed.append("key agreement = %s < %.2f" % (keys, KEY_TARGET))
    return missed


def show(x, spec):
    """Format a number, or '-' for a missing one."""
    return "-" if x is None else format(x, spec)


def print_table(pieces):
    """One line a piece: valence, arousal, seed, bpm, key and mode."""
    print("%5s %5s %5s %8s %8s  %-9s %6s" % ("v", "a", "seed", "bpm", "beats", "key", "r"))
    for p in pieces:
        bpm = show(p["bpm"], ".1f") + ("?" if p["bpm_uncertain"] else " ")
        print("%5s %5s %5d %8s %7s   %-9s %6.3f" % (
            number(p["valence"]), number(p["arousal"]), p["seed"], bpm,
            show(p["beat_bpm"], ".1f"), p["key"] + " " + p["mode"], p["key_r"]))
    print("bpm: aubio tempo (? = fewer than 10 beats found); "
          "beats: median beat period from aubio beat; r: key profile correlation")


def print_summary(s):
    """The summary in words, with the targets."""
    print()
    print("pieces: %d (tempo unknown: %d, uncertain: %d)"
          % (s["pieces"], s["tempo_unknown"], s["tempo_uncertain"]))
    print("Spearman(arousal, bpm):      %s   (target >= %.2f; bpm from %s)"
          % (show(s["spearman_arousal_bpm"], ".3f"), SPEARMAN_TARGET, s["tempo_from"]))
    print("  with aubio tempo / beat:   %s / %s"
          % (show(s["spearman_aubio_tempo"], ".3f"), show(s["spearman_aubio_beat"], ".3f")))
    print("major when v >= %.1f:         %s   (%d pieces)"
          % (VALENCE_SPLIT, show(s["major_when_positive"], ".3f"), s["positive_pieces"]))
    print("minor when v <= -%.1f:        %s   (%d pieces)"
          % (VALENCE_SPLIT, show(s["minor_when_negative"], ".3f"), s["negative_pieces"]))
    print("key agreement (both):        %s   (target >= %.2f)"
          % (show(s["key_agreement"], ".3f"), KEY_TARGET))
    print("targets: " + ("met" if not s["missed"] else "MISSED: " + "; ".join(s["missed"])))


# ---------------------------------------------------------------- main

def seed_list(text):
    """'1,2,3' -> [1, 2, 3] for argparse."""
    try:
        seeds = [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("seeds must be integers, e.g. 1,2,3") from None
    if not seeds:
        raise argparse.ArgumentTypeError("no seeds given")
    return seeds


def parse_args(argv):
    """Command-line options."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--moodscape", required=True, help="the moodscape binary")
    ap.add_argument("--soundfont", help="passed on to compose as --soundfont")
    ap.add_argument("--seconds", type=float, default=20.0, help="length of each piece (20)")
    ap.add_argument("--seeds", type=seed_list, default=[1, 2, 3], help="seeds, e.g. 1,2,3")
    ap.add_argument("--out", help="keep the renders in this folder (default: a temporary one)")
    ap.add_argument("--jobs", type=int, default=2, help="renders and analyses at once (2)")
    ap.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    ap.add_argument("--aubio", default="aubio", help="the aubio command (found on PATH)")
    ap.add_argument("--tempo-from", choices=("tempo", "beats"), default="tempo",
                    help="bpm for the target: what `aubio tempo` prints (default) "
                         "or the median beat period from `aubio beat`")
    args = ap.parse_args(argv)
    if args.jobs < 1 or args.seconds <= 0:
        ap.error("--jobs must be >= 1 and --seconds > 0")
    if shutil.which(args.aubio) is None:
        ap.error("no aubio command (%s); install aubio-tools" % args.aubio)
    return args


def main(argv=None):
    """Render, measure, report; return the exit status."""
    args = parse_args(argv)
    out_dir = args.out or tempfile.mkdtemp(prefix="compose_agreement.")
    os.makedirs(out_dir, exist_ok=True)
    try:
        pieces = run_all(args, out_dir)
    except StepError as err:
        print("compose_agreement: %s" % err, file=sys.stderr)
        return 2
    finally:
        if not args.out:
            shutil.rmtree(out_dir, ignore_errors=True)
    summary = summarize(pieces, "beat_bpm" if args.tempo_from == "beats" else "bpm")
    if args.json:
        print(json.dumps(dict(summary, results=pieces)))
    else:
        print_table(pieces)
        print_summary(summary)
    if args.check and summary["missed"]:
        print("compose_agreement: missed: " + "; ".join(summary["missed"]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
