#!/bin/sh
# make run: read how you feel, one line at a time, with the built models;
# compose and index the built-in library the first time, and recommend from it.
# usage: scripts/run.sh BUILD_DIR
BIN="${1:-build}/moodscape"
echo "moodscape — tell it how you feel; it answers with the mood it reads."
echo
for s in "my boss yelled at me again and I could scream" \
         "I'm stressed and want to unwind" \
         "slow, warm songs for date night"; do
    echo "> $s"
    "$BIN" mood "$s" | jq -c '{mood, confidence, valence, arousal, colour,
        desired: .desired.mood, because: [.evidence[].word]}'
done
echo
sh "$(dirname "$0")/library.sh" "${1:-build}"
for s in "something to help me focus, soft piano, nothing with words" \
         "I'm so sad today, cheer me up"; do
    echo "> $s"
    "$BIN" recommend -k 3 "$s" | jq -c '.results[] | {title, why}'
done
if [ -t 0 ]; then
    echo
    exec "$BIN" mood
fi
