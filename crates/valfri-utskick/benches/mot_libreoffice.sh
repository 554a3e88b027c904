#!/usr/bin/env bash
# `valfri letters` for N beslut against LibreOffice's headless batch on the same machine, side
# by side: the mail-merge route a municipality would otherwise take (one ODT letter per brukare,
# converted to PDF by `soffice --headless --convert-to pdf`, in runs of 200 files because soffice
# ignores arguments past about 253). Not run in CI.
#
#   bash crates/valfri-utskick/benches/mot_libreoffice.sh [N]      (default 1000)
#   VALFRI=target/release/valfri bash …/mot_libreoffice.sh [N]     (a release binary already built)
#
# Needs a release build of `valfri` (built here unless VALFRI names one), python3 and LibreOffice Writer
# (`apt-get install -y libreoffice-writer-nogui`). Everything is fictional: a generated
# municipality, its brukare and providers. Prints both wall times, per letter, the ratio and the
# average file size.
set -euo pipefail

N=${1:-1000}
PER_ANROP=${PER_ANROP:-200}
ROT=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
command -v soffice >/dev/null || { echo "soffice is missing: apt-get install -y libreoffice-writer-nogui" >&2; exit 2; }
if [ -z "${VALFRI:-}" ]; then
    cargo build --release -q -p valfri-cli --manifest-path "$ROT/Cargo.toml"
    VALFRI="$ROT/target/release/valfri"
fi
VALFRI=$(realpath "$VALFRI")
ARB=$(mktemp -d)
trap 'rm -rf "$ARB"' EXIT
DB="$ARB/kommun.sqlite"

echo "setting up $N beslut in a generated municipality …" >&2
"$VALFRI" --db "$DB" generate --brukare "$N" --utforare 16 --seed 7 --plaintext >/dev/null
python3 - "$DB" > "$ARB/pnr.txt" <<'EOF'
import sqlite3, sys
for (p,) in sqlite3.connect(sys.argv[1]).execute("SELECT personnummer FROM brukare ORDER BY personnummer"):
    print(p)
EOF
BESLUT=()
while read -r pnr; do
    BESLUT+=("$("$VALFRI" --db "$DB" beslut add --brukare "$pnr" --insats hemtjanst --utfall bifall \
        --omfattning 28 --from 2026-01-01 --motivering "Du behöver hjälp med personlig omvårdnad.")")
done < "$ARB/pnr.txt"

# The same letters as ODT for LibreOffice: the address, the decision, a table of the 16
# providers and a reply slip with a box per provider, each letter its own file, as a mail merge
# writes them. Flat ODT (.fodt) is the same document model as .odt, without the zip.
mkdir -p "$ARB/odt" "$ARB/lo" "$ARB/valfri"
python3 - "$DB" "$ARB/odt" <<'EOF'
import sqlite3, sys, html
db, ut = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db)
utf = [r[0] for r in c.execute("SELECT namn FROM utforare ORDER BY namn")]
def p(t, s="P"): return f'<text:p text:style-name="{s}">{html.escape(t)}</text:p>'
rader = "".join(
    f"<table:table-row>{''.join(f'<table:table-cell>{p(x)}</table:table-cell>' for x in (n, 'Privat', 'svenska, finska', 'Kan väljas'))}</table:table-row>"
    for n in utf)
rutor = "".join(p("☐ " + n) for n in utf)
for i, (fn, en, adr, pnr, ort) in enumerate(c.execute(
        "SELECT fornamn, efternamn, adress, postnummer, postort FROM brukare ORDER BY personnummer")):
    kropp = "".join([
        p(f"{fn} {en}"), p(adr), p(f"{pnr} {ort}"),
        p("Du får välja vem som ska utföra din hemtjänst", "H"),
        p("Du har fått hemtjänst från 2026-01-01 och tills vidare, 28 timmar per månad. "
          "Kommunen har godkänt 16 utförare. Du väljer själv vem av dem som ska ge dig hjälpen."),
        p("Utförare du kan välja", "H"),
        f'<table:table table:name="U"><table:table-column table:number-columns-repeated="4"/>{rader}</table:table>',
        p("Om du inte väljer", "H"),
        p("Om du inte väljer får du hjälp av den utförare som står på tur i kommunens turordningslista."),
        p("Så här väljer du", "H"),
        p("Fyll i talongen på sista sidan och skicka den till oss senast 2026-01-15."),
        '<text:p text:style-name="Sidbrytning">Svarstalong: val av utförare</text:p>',
        rutor, p("☐ Jag vill inte välja."), p("Datum ______________"), p("Namnteckning ______________"),
    ])
    with open(f"{ut}/brev-{i:05}.fodt", "w") as f:
        f.write(f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
 <style:style style:name="P" style:family="paragraph"><style:text-properties fo:font-size="11pt" style:font-name="DejaVu Sans"/></style:style>
 <style:style style:name="H" style:family="paragraph"><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Sidbrytning" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/><style:text-properties fo:font-size="17pt" fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:text>{kropp}</office:text></office:body></office:document>''')
EOF

storlek() { du -b "$1"/*.pdf | awk '{s += $1; n++} END {printf "%.1f KB", s / n / 1024}'; }

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) before valfri" >&2
echo "valfri letters, $N beslut …" >&2
# LibreOffice's profile is made once beforehand (not timed), as on a machine that has used it.
mkdir -p "$ARB/varm"
soffice -env:UserInstallation="file://$ARB/profil" --headless --convert-to pdf --outdir "$ARB/varm" \
    "$(find "$ARB/odt" -name '*.fodt' | sort | head -1)" >/dev/null 2>&1 || true
T0=$(date +%s.%N)
# CPU time too (user + system, children included): on a shared machine it says what each side
# costs when the wall time is bent by others' work.
/usr/bin/time -f "%U %S" -o "$ARB/valfri.cpu" \
    "$VALFRI" --db "$DB" letters --out-dir "$ARB/valfri" --beslut "${BESLUT[@]}" 2>/dev/null >/dev/null
T1=$(date +%s.%N)
echo "machine: load $(cut -d' ' -f1-3 /proc/loadavg) before LibreOffice" >&2
echo "LibreOffice headless, $N letters, $PER_ANROP per soffice run …" >&2
# A profile of its own, so a running LibreOffice or an old profile does not interfere. soffice
# reads at most about 253 command-line arguments and silently ignores the rest (it exits 0 after
# converting the first 247 files of `--outdir DIR file…`): that is why an earlier run made only
# 247 of 1 000 PDFs. So the files go in runs of $PER_ANROP, one after the other, each a fresh
# soffice with the same profile, as a mail merge of this size would have to; the start of each
# run is part of LibreOffice's time.
find "$ARB/odt" -name '*.fodt' | sort | /usr/bin/time -f "%U %S" -o "$ARB/lo.cpu" xargs -n "$PER_ANROP" \
    soffice -env:UserInstallation="file://$ARB/profil" --headless --convert-to pdf --outdir "$ARB/lo" >"$ARB/lo.log" 2>&1 || true
grep -v "^convert " "$ARB/lo.log" | sort | uniq -c | head -5 >&2
T2=$(date +%s.%N)

V=$(echo "$T1 - $T0" | bc -l); L=$(echo "$T2 - $T1" | bc -l)
# LibreOffice has been seen to stop after a few hundred files of a long list without a word:
# its time is then per PDF it did make, and the count says so.
NL=$(ls "$ARB/lo" | wc -l)
printf '%-28s %10s %12s %10s %8s\n' "" "wall (s)" "per letter" "size" "files"
printf '%-28s %10.2f %9.2f ms %10s %8s\n' "valfri letters ($(nproc) cores)" "$V" "$(echo "$V * 1000 / $N" | bc -l)" "$(storlek "$ARB/valfri")" "$(ls "$ARB/valfri" | wc -l)"
printf '%-28s %10.2f %9.2f ms %10s %8s\n' "LibreOffice --convert-to pdf" "$L" "$(echo "$L * 1000 / $NL" | bc -l)" "$(storlek "$ARB/lo")" "$NL"
printf 'valfri is %.1f× faster per letter\n' "$(echo "($L / $NL) / ($V / $N)" | bc -l)"
VC=$(awk '{print $1 + $2}' "$ARB/valfri.cpu"); LC=$(awk '{print $1 + $2}' "$ARB/lo.cpu")
printf 'CPU time per letter: valfri %.2f ms, LibreOffice %.2f ms (%.1f×)\n' \
    "$(echo "$VC * 1000 / $N" | bc -l)" "$(echo "$LC * 1000 / $NL" | bc -l)" "$(echo "($LC / $NL) / ($VC / $N)" | bc -l)"
