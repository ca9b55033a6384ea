#!/usr/bin/env python3
"""Writes a tag-only catalogue for `moodscape import`: N tracks, each a set
of high-level descriptors (genre, moods, instruments, vocals, listening
contexts, tempo) drawn from one vocabulary so that they hang together the
way real tags do: a lo-fi hip hop track is slow-to-mid, has a drum machine
and keys, suits studying or late nights, and is rarely "aggressive".

The same N and seed give the same file on every machine. The evaluation
catalogue (data/eval/reco_catalog.tsv) is this script with its defaults;
the benchmarks make larger ones.

usage: scripts/make_catalog.py [-n N] [--seed S] > catalog.tsv
"""
import argparse
import random
import sys

# mood word -> (valence, arousal), placed on the circumplex of DESIGN.md
MOODS = {
    "happy": (0.80, 0.45), "cheerful": (0.75, 0.40), "playful": (0.65, 0.45),
    "uplifting": (0.70, 0.50), "feel-good": (0.75, 0.40),
    "energetic": (0.55, 0.80), "euphoric": (0.65, 0.85), "hype": (0.45, 0.90),
    "epic": (0.50, 0.70), "heroic": (0.55, 0.65), "triumphant": (0.60, 0.65),
    "romantic": (0.70, -0.15), "tender": (0.70, -0.25), "warm": (0.65, -0.20),
    "calm": (0.50, -0.70), "relaxing": (0.55, -0.65), "serene": (0.55, -0.75),
    "peaceful": (0.55, -0.70), "mellow": (0.40, -0.50),
    "dreamy": (0.35, -0.35), "ethereal": (0.30, -0.40), "hypnotic": (0.20, -0.10),
    "nostalgic": (0.05, -0.35), "wistful": (-0.05, -0.35), "bittersweet": (0.00, -0.30),
    "sad": (-0.65, -0.40), "melancholic": (-0.55, -0.40), "lonely": (-0.60, -0.45),
    "gloomy": (-0.55, -0.75), "bleak": (-0.60, -0.70),
    "tense": (-0.45, 0.60), "anxious": (-0.50, 0.60), "suspenseful": (-0.40, 0.55),
    "angry": (-0.70, 0.80), "aggressive": (-0.60, 0.85), "furious": (-0.75, 0.90),
    "dark": (-0.55, 0.30), "scary": (-0.65, 0.50), "ominous": (-0.55, 0.35),
    "groovy": (0.55, 0.50), "sensual": (0.50, 0.00),
}

# genre -> (arousal range, typical instruments, vocals weights
#           (instrumental, female, male, choir, rap), mood words it avoids)
GENRES = {
    "solo piano": ((-0.9, 0.3), ["piano"], (1, 0, 0, 0, 0), {"hype", "aggressive", "furious"}),
    "classical": ((-0.8, 0.6), ["strings", "piano", "violin", "cello", "flute", "harp", "oboe"], (1, 0, 0, 0.1, 0), {"hype", "groovy"}),
    "orchestral": ((-0.5, 0.9), ["strings", "brass", "french horn", "timpani", "choir", "harp"], (1, 0, 0, 0.3, 0), {"groovy"}),
    "cinematic": ((-0.6, 0.9), ["strings", "piano", "synth pads", "brass", "percussion", "choir"], (1, 0, 0, 0.2, 0), {"groovy"}),
    "ambient": ((-1.0, -0.1), ["synth pads", "piano", "field recordings", "drones", "bells"], (1, 0.1, 0, 0, 0), {"hype", "aggressive", "furious", "groovy"}),
    "lo-fi hip hop": ((-0.6, 0.1), ["drum machine", "electric piano", "vinyl crackle", "bass", "jazz guitar"], (1, 0.05, 0, 0, 0.1), {"furious", "aggressive", "epic"}),
    "hip hop": ((0.0, 0.8), ["drum machine", "bass", "samples", "synth"], (0.1, 0.1, 0.4, 0, 1), set()),
    "jazz": ((-0.5, 0.6), ["saxophone", "double bass", "piano", "drums", "trumpet"], (1, 0.3, 0.2, 0, 0), {"aggressive", "furious"}),
    "blues": ((-0.4, 0.5), ["electric guitar", "harmonica", "bass", "drums", "piano"], (0.3, 0.3, 1, 0, 0), set()),
    "folk": ((-0.6, 0.4), ["acoustic guitar", "banjo", "fiddle", "mandolin", "harmonica"], (0.3, 0.6, 0.6, 0, 0), {"aggressive", "furious", "hype"}),
    "acoustic": ((-0.7, 0.3), ["acoustic guitar", "piano", "cello", "ukulele"], (0.5, 0.6, 0.5, 0, 0), {"aggressive", "furious", "hype"}),
    "indie rock": ((0.0, 0.8), ["electric guitar", "bass", "drums", "synth"], (0.2, 0.5, 0.8, 0, 0), set()),
    "rock": ((0.2, 0.9), ["electric guitar", "bass", "drums", "distorted guitar"], (0.2, 0.3, 1, 0, 0), set()),
    "metal": ((0.6, 1.0), ["distorted guitar", "bass", "double kick drums"], (0.3, 0.1, 1, 0, 0), {"calm", "serene", "peaceful", "relaxing", "tender"}),
    "punk": ((0.6, 1.0), ["distorted guitar", "bass", "drums"], (0.1, 0.3, 1, 0, 0), {"calm", "serene", "peaceful", "relaxing"}),
    "pop": ((-0.2, 0.8), ["synth", "drums", "bass", "piano", "electric guitar"], (0.1, 1, 0.7, 0, 0.1), set()),
    "synthwave": ((0.1, 0.8), ["analog synth", "drum machine", "bass synth", "arpeggiator"], (0.8, 0.2, 0.2, 0, 0), set()),
    "electronic": ((-0.3, 0.9), ["synth", "drum machine", "bass synth", "samples"], (0.8, 0.3, 0.2, 0, 0), set()),
    "house": ((0.3, 0.9), ["drum machine", "piano", "bass synth", "synth"], (0.6, 0.5, 0.2, 0, 0), {"gloomy", "bleak"}),
    "techno": ((0.4, 1.0), ["drum machine", "bass synth", "synth"], (1, 0.1, 0.1, 0, 0), {"tender", "romantic"}),
    "drum and bass": ((0.6, 1.0), ["breakbeats", "bass synth", "synth pads"], (0.8, 0.3, 0.1, 0, 0.1), {"calm", "serene"}),
    "chillout": ((-0.7, 0.0), ["synth pads", "electric piano", "bass", "soft drums"], (0.8, 0.3, 0.1, 0, 0), {"aggressive", "furious", "hype"}),
    "soul": ((-0.3, 0.6), ["organ", "bass", "drums", "horns", "electric piano"], (0.1, 1, 0.7, 0.1, 0), {"aggressive", "furious"}),
    "funk": ((0.3, 0.9), ["slap bass", "electric guitar", "horns", "drums", "clavinet"], (0.5, 0.4, 0.5, 0, 0), {"gloomy", "bleak", "lonely"}),
    "r&b": ((-0.4, 0.5), ["electric piano", "bass", "drum machine", "synth pads"], (0.1, 1, 0.7, 0, 0.1), {"aggressive", "furious"}),
    "reggae": ((-0.2, 0.5), ["bass", "electric guitar", "organ", "drums"], (0.3, 0.4, 1, 0, 0), {"aggressive", "furious", "scary"}),
    "bossa nova": ((-0.5, 0.3), ["nylon guitar", "soft percussion", "flute", "double bass"], (0.5, 0.7, 0.4, 0, 0), {"aggressive", "furious", "scary", "hype"}),
    "latin": ((0.2, 0.9), ["percussion", "brass", "acoustic guitar", "piano"], (0.3, 0.6, 0.7, 0, 0), {"gloomy", "bleak"}),
    "country": ((-0.4, 0.6), ["acoustic guitar", "pedal steel", "fiddle", "banjo"], (0.1, 0.6, 1, 0, 0), {"scary", "ominous"}),
    "gospel": ((-0.2, 0.7), ["choir", "organ", "piano"], (0, 0.5, 0.5, 1, 0), {"angry", "aggressive", "furious", "scary"}),
    "trap": ((0.2, 0.9), ["808 bass", "hi-hats", "synth"], (0.3, 0.2, 0.6, 0, 1), {"tender", "serene"}),
    "video game": ((-0.4, 0.9), ["chiptune synth", "synth", "orchestra hits", "drum machine"], (1, 0, 0, 0, 0), set()),
}

VOCALS = ["instrumental", "female vocals", "male vocals", "choir", "rap"]

# listening contexts and the arousal (and valence) they suit
CONTEXTS = [
    ("studying", (-0.8, 0.1), (-0.2, 1)), ("focus", (-0.8, 0.2), (-0.3, 1)),
    ("sleep", (-1.0, -0.5), (0.0, 1)), ("meditation", (-1.0, -0.4), (0.1, 1)),
    ("yoga", (-0.9, -0.2), (0.2, 1)), ("reading", (-0.9, 0.0), (-0.3, 1)),
    ("rainy day", (-0.8, 0.0), (-0.8, 0.6)), ("late night", (-0.8, 0.3), (-0.7, 0.7)),
    ("morning coffee", (-0.5, 0.3), (0.2, 1)), ("dinner party", (-0.5, 0.3), (0.2, 1)),
    ("date night", (-0.5, 0.3), (0.3, 1)), ("wedding", (-0.4, 0.7), (0.5, 1)),
    ("workout", (0.5, 1.0), (-0.8, 1)), ("running", (0.5, 1.0), (-0.5, 1)),
    ("party", (0.4, 1.0), (0.2, 1)), ("dancing", (0.4, 1.0), (0.1, 1)),
    ("road trip", (0.0, 0.8), (0.2, 1)), ("driving at night", (-0.3, 0.6), (-0.6, 0.6)),
    ("commute", (-0.4, 0.6), (-0.5, 1)), ("cooking", (-0.3, 0.5), (0.3, 1)),
    ("film trailer", (0.4, 1.0), (-1, 1)), ("horror scene", (-0.2, 0.8), (-1, -0.3)),
    ("video game", (0.0, 1.0), (-1, 1)), ("heartbreak", (-0.8, 0.2), (-1, -0.2)),
    ("celebration", (0.3, 1.0), (0.5, 1)), ("background", (-0.8, 0.2), (-0.3, 1)),
    ("gaming", (0.2, 1.0), (-0.6, 1)), ("walk in the park", (-0.5, 0.3), (0.3, 1)),
]

TEMPO_WORDS = [(-1.1, -0.35, "slow", 60, 84), (-0.35, 0.25, "mid-tempo", 86, 112),
               (0.25, 0.65, "upbeat", 112, 132), (0.65, 1.1, "fast", 132, 176)]

ERAS = ["", "", "", "", "80s", "90s", "vintage", "modern", "lo-fi", "live recording"]

TITLE_A = ["Amber", "Silver", "Quiet", "Paper", "Velvet", "Northern", "Hollow",
           "Golden", "Distant", "Crimson", "Glass", "Wild", "Little", "Broken",
           "Electric", "Lunar", "Salt", "Winter", "Summer", "Neon", "Open",
           "Copper", "Secret", "Falling", "Last", "First", "Blue", "Long",
           "Slow", "Bright", "Faded", "Hidden"]
TITLE_B = ["Harbor", "Lanterns", "Rivers", "Letters", "Engines", "Gardens",
           "Streets", "Signals", "Orchards", "Windows", "Horizons", "Rooms",
           "Tides", "Bridges", "Echoes", "Stations", "Meadows", "Mirrors",
           "Satellites", "Tracks", "Clocks", "Islands", "Avenues", "Skylines",
           "Embers", "Feathers", "Roads", "Shadows", "Pages", "Waves"]
ARTIST_A = ["The", "Saint", "Doctor", "Captain", "Lady", "Mister", "Young",
            "Old", "Little", "Big"]
ARTIST_B = ["Marlowe", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Alvarez",
            "Kowalski", "Byrne", "Haddad", "Novak", "Osei", "Rossi", "Petrov",
            "Brennan", "Sato", "Fontaine", "Mendes", "Larsen", "Quinn", "Varga"]


def pick_weighted(rng, items, weights):
    total = sum(weights)
    x = rng.random() * total
    for item, w in zip(items, weights):
        x -= w
        if x <= 0 and w > 0:
            return item
    return items[-1]


def nearest_moods(rng, v, a, avoid, k):
    """The k mood words nearest the point, sampled among the closest few."""
    ranked = sorted((m for m in MOODS if m not in avoid),
                    key=lambda m: (MOODS[m][0] - v) ** 2 + (MOODS[m][1] - a) ** 2)
    pool = ranked[:k + 2]
    rng.shuffle(pool)
    return sorted(pool[:k], key=ranked.index)


def contexts_for(rng, v, a):
    fits = [c for c, (alo, ahi), (vlo, vhi) in CONTEXTS
            if alo <= a <= ahi and vlo <= v <= vhi]
    rng.shuffle(fits)
    return fits[:rng.choice([0, 1, 1, 2])]


def track(rng, i):
    genre = rng.choice(sorted(GENRES))
    (alo, ahi), instruments, vocal_w, avoid = GENRES[genre]
    a = rng.uniform(alo, ahi)
    v = rng.uniform(-1, 1)
    moods = nearest_moods(rng, v, a, avoid, rng.choice([1, 2, 2, 3]))
    # the point the words stand for, a little jittered
    v = sum(MOODS[m][0] for m in moods) / len(moods) + rng.uniform(-0.08, 0.08)
    a = sum(MOODS[m][1] for m in moods) / len(moods) + rng.uniform(-0.08, 0.08)
    inst = rng.sample(instruments, min(len(instruments), rng.choice([1, 2, 2, 3])))
    vocals = pick_weighted(rng, VOCALS, vocal_w)
    for lo, hi, word, blo, bhi in TEMPO_WORDS:
        if lo <= a < hi:
            tempo, bpm = word, rng.randint(blo, bhi)
    descriptors = [genre] + moods + inst + [vocals] + contexts_for(rng, v, a)
    descriptors += [tempo, "%d bpm" % bpm]
    era = rng.choice(ERAS)
    if era:
        descriptors.append(era)
    title = "%s %s" % (rng.choice(TITLE_A), rng.choice(TITLE_B))
    artist = "%s %s" % (rng.choice(ARTIST_A), rng.choice(ARTIST_B))
    clamp = lambda x: max(-1.0, min(1.0, x))
    return ("t%06d" % i, title, artist, ", ".join(descriptors),
            "%.2f" % clamp(v), "%.2f" % clamp(a))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=3200, help="tracks (default 3200)")
    ap.add_argument("--seed", type=int, default=20261123)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    out = sys.stdout
    out.write("id\ttitle\tartist\tdescriptors\tvalence\tarousal\n")
    for i in range(1, args.n + 1):
        out.write("\t".join(track(rng, i)) + "\n")


if __name__ == "__main__":
    main()
