/* moodscape/features.h — what a piece of music is made of, measured from
 * its audio: loudness, dynamics, timbre, harmony and rhythm. */
#ifndef MOODSCAPE_FEATURES_H
#define MOODSCAPE_FEATURES_H

#include "moodscape/status.h"
#include "moodscape/audio.h"

#define MS_ANALYSIS_RATE 22050   /* Hz the analysis runs at */
#define MS_MEL_BANDS 40
#define MS_MFCCS 13

typedef struct ms_features {
    double seconds;              /* length of the audio */
    /* EBU R128 (libebur128), on the file's own channels and rate */
    double loudness_lufs;        /* integrated loudness; -70 for silence */
    double loudness_range_lu;
    double true_peak_dbtp;
    /* dynamics: RMS of 46 ms blocks, in dBFS (-120 for silence) */
    double rms_mean_db, rms_std_db;
    /* timbre, from the magnitude spectrum, averaged over frames */
    double centroid_hz, bandwidth_hz, rolloff_hz;  /* rolloff: 85 % */
    double flatness;             /* 0 tonal .. 1 noise (Wiener entropy) */
    double flux;                 /* mean positive spectral change */
    double mel_db[MS_MEL_BANDS]; /* mean log energy of mel bands, dB */
    double mfcc[MS_MFCCS];       /* mean cepstrum of those bands */
    double harmonic_ratio;       /* 0 percussive .. 1 harmonic energy */
    double roughness;            /* sensory dissonance of the partials */
    /* harmony */
    double chroma[12];           /* pitch-class energy, C first, sums to 1 */
    int    key;                  /* tonic pitch class 0..11 */
    int    major;                /* 1 major, 0 minor */
    double key_clarity;          /* correlation with the best key profile */
    double mode_margin;          /* best major minus best minor correlation */
    /* rhythm (aubio) */
    double tempo_bpm;            /* 0 when no beat is found */
    double beat_strength;        /* 0 no pulse .. 1 the beats stand out */
    double onset_rate;           /* onsets per second */
} ms_features;

/* Analyses the audio file at path in one streaming pass, in bounded
 * memory. MS_ERR_FORMAT for a file that is not audio, is empty or is
 * damaged (ms_last_error() says which); such a file leaves *out zeroed. */
ms_status ms_features_of_file(const char *path, ms_features *out);

/* The same for audio in memory (a render, say). */
ms_status ms_features_of_pcm(const ms_pcm *pcm, ms_features *out);

#endif
