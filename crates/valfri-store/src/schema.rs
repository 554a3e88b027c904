//! Versioned migrations. `PRAGMA user_version` says which have run; each runs in one
//! transaction, so a database is always at one whole version.

/// The three triggers per shared table of migration 10; the list is
/// `valfri_domain::kommando::DELADE_TABELLER` (a test checks that they agree).
macro_rules! vakter {
    ($($tabell:literal),* $(,)?) => {
        concat!($(
            vakt!($tabell, "INSERT"), vakt!($tabell, "UPDATE"), vakt!($tabell, "DELETE"),
        )*)
    };
}

macro_rules! vakt {
    ($tabell:literal, $gor:literal) => {
        concat!(
            "CREATE TRIGGER ",
            $tabell,
            "_kommunlage_",
            $gor,
            " BEFORE ",
            $gor,
            " ON ",
            $tabell,
            " WHEN EXISTS (SELECT 1 FROM synk) AND NOT EXISTS (SELECT 1 FROM synk_hamtning)",
            " BEGIN SELECT RAISE(ABORT, 'valfri-kommunlage'); END;\n",
        )
    };
}

/// Migration `n` (1-based) takes a database from version `n - 1` to `n`.
pub(crate) const MIGRATIONER: &[&str] = &[
    // 1: the first schema.
    r"
CREATE TABLE kommun (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    namn TEXT NOT NULL,
    namnd TEXT NOT NULL,
    adress TEXT NOT NULL,
    postnummer TEXT NOT NULL,
    postort TEXT NOT NULL,
    telefon TEXT NOT NULL,
    ordning TEXT NOT NULL CHECK (ordning IN ('alfabetisk', 'slumpad')),
    ordning_seed INTEGER,
    sprak TEXT NOT NULL,
    skapad TEXT NOT NULL,
    andrad TEXT NOT NULL
);

CREATE TABLE omrade (
    id TEXT PRIMARY KEY,
    kod TEXT NOT NULL UNIQUE,
    namn TEXT NOT NULL,
    landsbygd INTEGER NOT NULL DEFAULT 0,
    skapad TEXT NOT NULL,
    andrad TEXT NOT NULL
);

CREATE TABLE handlaggare (
    id TEXT PRIMARY KEY,
    namn TEXT NOT NULL,
    titel TEXT NOT NULL,
    telefon TEXT NOT NULL,
    epost TEXT NOT NULL,
    roll TEXT NOT NULL CHECK (roll IN ('handlaggare', 'systemforvaltare')),
    skapad TEXT NOT NULL,
    andrad TEXT NOT NULL
);

CREATE TABLE insats (
    id TEXT PRIMARY KEY,
    kod TEXT NOT NULL UNIQUE,
    lagrum TEXT NOT NULL,
    enhet TEXT NOT NULL CHECK (enhet IN ('timmar_per_manad', 'dygn_per_manad', 'dagar_per_vecka', 'ingen')),
    valfrihet INTEGER NOT NULL,
    ickeval TEXT NOT NULL CHECK (ickeval IN ('egen_regi', 'utsedd', 'turordning')),
    skapad TEXT NOT NULL,
    andrad TEXT NOT NULL
);

-- The name of an insats per language; Swedish always exists.
CREATE TABLE insats_namn (
    insats_id TEXT NOT NULL REFERENCES insats(id) ON DELETE CASCADE,
    sprak TEXT NOT NULL,
    namn TEXT NOT NULL,
    PRIMARY KEY (insats_id, sprak)
);

CREATE TABLE brukare (
    id TEXT PRIMARY KEY,
    personnummer TEXT NOT NULL UNIQUE CHECK (length(personnummer) = 12),
    fornamn TEXT NOT NULL,
    efternamn TEXT NOT NULL,
    co TEXT NOT NULL DEFAULT '',
    adress TEXT NOT NULL DEFAULT '',
    postnummer TEXT NOT NULL DEFAULT '',
    postort TEXT NOT NULL DEFAULT '',
    omrade_id TEXT REFERENCES omrade(id),
    sprak TEXT NOT NULL DEFAULT 'sv',
    storstil INTEGER NOT NULL DEFAULT 0,
    skyddad INTEGER NOT NULL DEFAULT 0,
    -- Search keys, derived from the names by the store: lower case, and lower case folded.
    namn_gemener TEXT NOT NULL,
    namn_vikt TEXT NOT NULL,
    fornamn_vikt TEXT NOT NULL,
    efternamn_vikt TEXT NOT NULL,
    skapad TEXT NOT NULL,
    andrad TEXT NOT NULL
);
CREATE INDEX brukare_pnr10 ON brukare (substr(personnummer, 3));
CREATE INDEX brukare_efternamn ON brukare (efternamn, fornamn);
-- Word starts of one or two letters (ek) are looked up here rather than scanned for.
CREATE INDEX brukare_fornamn_vikt ON brukare (fornamn_vikt);
CREATE INDEX brukare_efternamn_vikt ON brukare (efternamn_vikt);

-- Trigram index over the folded name: 'any part of the name' without scanning every row.
CREATE VIRTUAL TABLE brukare_sok USING fts5 (namn_vikt, content = 'brukare', content_rowid = 'rowid', tokenize = 'trigram');
CREATE TRIGGER brukare_sok_ny AFTER INSERT ON brukare BEGIN
    INSERT INTO brukare_sok (rowid, namn_vikt) VALUES (NEW.rowid, NEW.namn_vikt);
END;
CREATE TRIGGER brukare_sok_bort AFTER DELETE ON brukare BEGIN
    INSERT INTO brukare_sok (brukare_sok, rowid, namn_vikt) VALUES ('delete', OLD.rowid, OLD.namn_vikt);
END;
CREATE TRIGGER brukare_sok_andrad AFTER UPDATE OF namn_vikt ON brukare BEGIN
    INSERT INTO brukare_sok (brukare_sok, rowid, namn_vikt) VALUES ('delete', OLD.rowid, OLD.namn_vikt);
    INSERT INTO brukare_sok (rowid, namn_vikt) VALUES (NEW.rowid, NEW.namn_vikt);
END;

CREATE TABLE ombud (
    id TEXT PRIMARY KEY,
    brukare_id TEXT NOT NULL REFERENCES brukare(id) ON DELETE CASCADE,
    typ TEXT NOT NULL CHECK (typ IN ('god_man', 'forvaltare', 'anhorig', 'annat')),
    namn TEXT NOT NULL,
    adress TEXT NOT NULL,
    postnummer TEXT NOT NULL,
    postort TEXT NOT NULL,
    skapad TEXT NOT NULL,
    andrad TEXT NOT NULL
);
CREATE INDEX ombud_brukare ON ombud (brukare_id);

CREATE TABLE beslut (
    id TEXT PRIMARY KEY,
    brukare_id TEXT NOT NULL REFERENCES brukare(id),
    insats_id TEXT NOT NULL REFERENCES insats(id),
    diarienummer TEXT NOT NULL,
    ansokningsdatum TEXT NOT NULL,
    beslutsdatum TEXT,
    utfall TEXT NOT NULL CHECK (utfall IN ('bifall', 'delvis', 'avslag')),
    omfattning REAL,
    giltig_fran TEXT NOT NULL,
    giltig_till TEXT,
    motivering TEXT NOT NULL,
    uppfoljning TEXT,
    handlaggare_id TEXT NOT NULL REFERENCES handlaggare(id),
    status TEXT NOT NULL CHECK (status IN ('utkast', 'beslutat', 'verkstallt', 'avslutat')),
    ersatter_id TEXT REFERENCES beslut(id),
    skapad TEXT NOT NULL,
    andrad TEXT NOT NULL,
    CHECK (giltig_till IS NULL OR giltig_till >= giltig_fran)
);
CREATE INDEX beslut_brukare ON beslut (brukare_id);
CREATE UNIQUE INDEX beslut_ersatter ON beslut (ersatter_id) WHERE ersatter_id IS NOT NULL;

-- A made beslut is never edited: the store refuses first with a clear message; these triggers
-- make the rule hold for any other writer too.
CREATE TRIGGER beslut_fattat_andras_ej BEFORE UPDATE ON beslut
WHEN OLD.status <> 'utkast' AND (
    NEW.brukare_id IS NOT OLD.brukare_id OR NEW.insats_id IS NOT OLD.insats_id
    OR NEW.diarienummer IS NOT OLD.diarienummer OR NEW.ansokningsdatum IS NOT OLD.ansokningsdatum
    OR NEW.beslutsdatum IS NOT OLD.beslutsdatum OR NEW.utfall IS NOT OLD.utfall
    OR NEW.omfattning IS NOT OLD.omfattning OR NEW.giltig_fran IS NOT OLD.giltig_fran
    OR NEW.giltig_till IS NOT OLD.giltig_till OR NEW.motivering IS NOT OLD.motivering
    OR NEW.uppfoljning IS NOT OLD.uppfoljning OR NEW.handlaggare_id IS NOT OLD.handlaggare_id
    OR NEW.ersatter_id IS NOT OLD.ersatter_id)
BEGIN
    SELECT RAISE(ABORT, 'valfri: beslut är fattat och kan inte ändras');
END;
CREATE TRIGGER beslut_status_framat BEFORE UPDATE OF status ON beslut
WHEN NEW.status IS NOT OLD.status AND NOT (
    (OLD.status = 'utkast' AND NEW.status = 'beslutat')
    OR (OLD.status = 'beslutat' AND NEW.status IN ('verkstallt', 'avslutat'))
    OR (OLD.status = 'verkstallt' AND NEW.status = 'avslutat'))
BEGIN
    SELECT RAISE(ABORT, 'valfri: otillåten statusändring');
END;
CREATE TRIGGER beslut_fattat_raderas_ej BEFORE DELETE ON beslut WHEN OLD.status <> 'utkast'
BEGIN
    SELECT RAISE(ABORT, 'valfri: beslut är fattat och kan inte tas bort');
END;

-- The provider register. The current state lives in these tables; every change also writes a
-- whole snapshot to utforare_historik under a new registerversion, so any past version can be
-- read back exactly (a letter must be reproducible years later).
CREATE TABLE registerversion (
    nummer INTEGER PRIMARY KEY,
    tid TEXT NOT NULL,
    vem TEXT NOT NULL,
    beskrivning TEXT NOT NULL
);

CREATE TABLE utforare (
    id TEXT PRIMARY KEY,
    organisationsnummer TEXT NOT NULL UNIQUE,
    namn TEXT NOT NULL,
    regi TEXT NOT NULL CHECK (regi IN ('egen_regi', 'privat', 'ideburen')),
    telefon TEXT NOT NULL,
    epost TEXT NOT NULL,
    webb TEXT NOT NULL,
    adress TEXT NOT NULL,
    postnummer TEXT NOT NULL,
    postort TEXT NOT NULL,
    presentation TEXT NOT NULL,
    sprak TEXT NOT NULL,
    inriktningar TEXT NOT NULL,
    tillaggstjanster TEXT NOT NULL,
    version INTEGER NOT NULL REFERENCES registerversion(nummer),
    skapad TEXT NOT NULL,
    andrad TEXT NOT NULL
);

CREATE TABLE utforare_omrade (
    utforare_id TEXT NOT NULL REFERENCES utforare(id) ON DELETE CASCADE,
    omrade_id TEXT NOT NULL REFERENCES omrade(id),
    PRIMARY KEY (utforare_id, omrade_id)
);

CREATE TABLE godkannande (
    utforare_id TEXT NOT NULL REFERENCES utforare(id) ON DELETE CASCADE,
    insats_id TEXT NOT NULL REFERENCES insats(id),
    godkand_fran TEXT NOT NULL,
    godkand_till TEXT,
    kapacitetstak INTEGER CHECK (kapacitetstak IS NULL OR kapacitetstak >= 0),
    kapacitet_bekraftad TEXT,
    paus_till TEXT,
    PRIMARY KEY (utforare_id, insats_id),
    CHECK (godkand_till IS NULL OR godkand_till >= godkand_fran)
);

CREATE TABLE kvalitet (
    utforare_id TEXT NOT NULL REFERENCES utforare(id) ON DELETE CASCADE,
    ordning INTEGER NOT NULL,
    insats_id TEXT REFERENCES insats(id),
    namn TEXT NOT NULL,
    varde REAL NOT NULL,
    enhet TEXT NOT NULL,
    ar INTEGER NOT NULL,
    kalla TEXT NOT NULL,
    PRIMARY KEY (utforare_id, ordning)
);

CREATE TABLE utforare_historik (
    version INTEGER NOT NULL REFERENCES registerversion(nummer),
    utforare_id TEXT NOT NULL,
    -- The whole provider as JSON; NULL when it was removed from the register in this version.
    data TEXT,
    PRIMARY KEY (utforare_id, version)
);

-- The audit log (händelselogg): every read of a brukare's record and every change. Append-only;
-- each row carries the SHA-256 of its content and of the row before, so editing or deleting a
-- row is found by `verifiera_logg`. The triggers stop accidental edits through SQL.
CREATE TABLE handelselogg (
    nr INTEGER PRIMARY KEY,
    tid TEXT NOT NULL,
    vem TEXT NOT NULL,
    handling TEXT NOT NULL,
    objekt_typ TEXT NOT NULL,
    objekt_id TEXT NOT NULL,
    detalj TEXT NOT NULL,
    foregaende TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX handelselogg_objekt ON handelselogg (objekt_typ, objekt_id);
CREATE TRIGGER handelselogg_andras_ej BEFORE UPDATE ON handelselogg
BEGIN
    SELECT RAISE(ABORT, 'valfri: händelseloggen kan inte ändras');
END;
CREATE TRIGGER handelselogg_raderas_ej BEFORE DELETE ON handelselogg
BEGIN
    SELECT RAISE(ABORT, 'valfri: händelseloggen kan inte ändras');
END;
",
    // 2: choice. The cap may hold for a period; the choices and assignments (val) with their
    // history; the explanation of every ickeval; what was sent to whom; marks for a new choice.
    r"
ALTER TABLE godkannande ADD COLUMN kapacitet_fran TEXT;
ALTER TABLE godkannande ADD COLUMN kapacitet_till TEXT;

-- How many days after a byte is registered the new provider starts; how long a brukare has to
-- answer; how old a confirmed cap may be before it is flagged.
ALTER TABLE kommun ADD COLUMN byte_dagar INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kommun ADD COLUMN svarstid_dagar INTEGER NOT NULL DEFAULT 14;
ALTER TABLE kommun ADD COLUMN tak_max_alder_dagar INTEGER NOT NULL DEFAULT 90;

-- The provider procured for ickeval (model utsedd), and whether egen regi is on the rotation.
ALTER TABLE insats ADD COLUMN ickeval_utforare_id TEXT REFERENCES utforare(id);
ALTER TABLE insats ADD COLUMN turordning_egen_regi INTEGER NOT NULL DEFAULT 1;

-- A val is one provider carrying out one beslut from a start date until it ends (slutdatum),
-- by aktivt val, byte, ickeval, or carried over to the beslut that replaced it (overford).
-- A provider's active brukare for an insats are its val rows with no slutdatum.
CREATE TABLE val (
    id TEXT PRIMARY KEY,
    beslut_id TEXT NOT NULL REFERENCES beslut(id),
    utforare_id TEXT NOT NULL REFERENCES utforare(id),
    insats_id TEXT NOT NULL REFERENCES insats(id),
    typ TEXT NOT NULL CHECK (typ IN ('aktivt_val', 'byte', 'ickeval', 'overford')),
    vem_valde TEXT CHECK (vem_valde IN ('brukare', 'ombud', 'handlaggare')),
    informationssatt TEXT CHECK (informationssatt IN ('brev', 'samtal', 'tolk')),
    informationssprak TEXT,
    valdatum TEXT NOT NULL,
    startdatum TEXT NOT NULL,
    slutdatum TEXT,
    ersatter_id TEXT REFERENCES val(id),
    registerversion INTEGER NOT NULL,
    handlaggare TEXT NOT NULL,
    skapad TEXT NOT NULL
);
CREATE INDEX val_beslut ON val (beslut_id);
CREATE INDEX val_aktiva ON val (utforare_id, insats_id) WHERE slutdatum IS NULL;
-- One running provider per beslut: a byte ends the old val in the same transaction.
CREATE UNIQUE INDEX val_en_aktiv ON val (beslut_id) WHERE slutdatum IS NULL;

CREATE TABLE ickeval (
    id TEXT PRIMARY KEY,
    val_id TEXT NOT NULL UNIQUE REFERENCES val(id),
    beslut_id TEXT NOT NULL REFERENCES beslut(id),
    insats_id TEXT NOT NULL REFERENCES insats(id),
    omrade_id TEXT REFERENCES omrade(id),
    modell TEXT NOT NULL CHECK (modell IN ('egen_regi', 'utsedd', 'turordning')),
    utforare_id TEXT NOT NULL REFERENCES utforare(id),
    -- The whole explanation as JSON: the list, who was next, who was skipped and why.
    forklaring TEXT NOT NULL,
    tid TEXT NOT NULL
);
CREATE INDEX ickeval_turordning ON ickeval (insats_id, omrade_id, modell);

-- Valfrihetsinformation given for a beslut: when, the date to answer by, in which language and form.
CREATE TABLE information (
    id TEXT PRIMARY KEY,
    beslut_id TEXT NOT NULL REFERENCES beslut(id),
    skickad TEXT NOT NULL,
    svarsdatum TEXT NOT NULL,
    sprak TEXT NOT NULL,
    storstil INTEGER NOT NULL,
    registerversion INTEGER NOT NULL,
    handlaggare TEXT NOT NULL,
    skapad TEXT NOT NULL
);
CREATE INDEX information_beslut ON information (beslut_id);

-- A beslut whose brukare must choose again because the register changed under them.
CREATE TABLE omval (
    beslut_id TEXT PRIMARY KEY REFERENCES beslut(id),
    orsak TEXT NOT NULL CHECK (orsak IN ('upphort', 'ej_omrade', 'tak')),
    utforare_id TEXT NOT NULL REFERENCES utforare(id),
    registerversion INTEGER NOT NULL,
    markerad TEXT NOT NULL
);
",
    // 3: the record of every document produced.
    r"
CREATE TABLE dokument (
    id TEXT PRIMARY KEY,
    typ TEXT NOT NULL CHECK (typ IN ('valfrihetsbrev', 'jamforelseblad', 'beslutsmeddelande')),
    beslut_id TEXT REFERENCES beslut(id),
    mottagare TEXT NOT NULL,
    registerversion INTEGER NOT NULL,
    sprak TEXT NOT NULL,
    storstil INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    storlek INTEGER NOT NULL,
    vem TEXT NOT NULL,
    tid TEXT NOT NULL
);
CREATE INDEX dokument_beslut ON dokument (beslut_id);
",
    // 4: signed register packages applied at an offline office; the highest version is the
    // floor below which packages are refused (replay).
    r"
CREATE TABLE registerpaket (
    paketversion INTEGER PRIMARY KEY,
    nyckel TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    registerversion INTEGER NOT NULL,
    vem TEXT NOT NULL,
    tid TEXT NOT NULL
);
",
    // 5: security settings: idle lock and how many automatic backups to keep.
    r"
CREATE TABLE sakerhet (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    las_efter_minuter INTEGER NOT NULL DEFAULT 15 CHECK (las_efter_minuter BETWEEN 1 AND 480),
    sakerhetskopior INTEGER NOT NULL DEFAULT 10 CHECK (sakerhetskopior BETWEEN 1 AND 100),
    andrad TEXT NOT NULL
);
",
    // 6: the providers' free text in other languages (inriktningar, tilläggstjänster,
    // presentation, as JSON by language code) and the quality indicators' names; a reader whose
    // language has none gets the Swedish with a note. Versioned with the rest of a provider
    // through the snapshot in utforare_historik.
    r"
ALTER TABLE utforare ADD COLUMN oversattningar TEXT NOT NULL DEFAULT '{}';
ALTER TABLE kvalitet ADD COLUMN namn_oversatt TEXT NOT NULL DEFAULT '{}';
",
    // 7: the caseworker's day. What the municipality requires before a beslut is made; when a
    // beslut was carried out (its provider started) and when and why it ended; the follow-ups
    // recorded for a beslut (the latest one's next date is when the next is due).
    r"
ALTER TABLE kommun ADD COLUMN krav_motivering INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kommun ADD COLUMN krav_diarienummer INTEGER NOT NULL DEFAULT 0;
ALTER TABLE beslut ADD COLUMN verkstalld TEXT;
ALTER TABLE beslut ADD COLUMN avslutad TEXT;
ALTER TABLE beslut ADD COLUMN avslutsorsak TEXT
    CHECK (avslutsorsak IN ('flyttat', 'avliden', 'behovs_ej', 'ersatt', 'utgatt'));
CREATE TABLE uppfoljning (
    id TEXT PRIMARY KEY,
    beslut_id TEXT NOT NULL REFERENCES beslut(id),
    datum TEXT NOT NULL,
    resultat TEXT NOT NULL,
    nasta TEXT,
    handlaggare TEXT NOT NULL,
    skapad TEXT NOT NULL
);
CREATE INDEX uppfoljning_beslut ON uppfoljning (beslut_id);
CREATE TRIGGER uppfoljning_andras_ej BEFORE UPDATE ON uppfoljning
BEGIN
    SELECT RAISE(ABORT, 'valfri: en registrerad uppföljning kan inte ändras');
END;
",
    // 8: kommunläge. A desk whose database is a replica of the municipality's hub says so in
    // `synk` (the hub, the login, the cursor of its last pull); what the handläggare did waits in
    // `utkorg` (the outbox) until the hub has answered: applied, or refused with a sentence.
    r"
CREATE TABLE synk (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    hubb TEXT NOT NULL,
    anvandare TEXT NOT NULL,
    markor INTEGER NOT NULL DEFAULT 0,
    senast_hamtat TEXT,
    -- The hub's clock minus this computer's at the last sync, in seconds: the hub's time is the
    -- official one, and a desk whose clock is wrong is told so.
    klockskillnad INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE utkorg (
    ulid TEXT PRIMARY KEY,
    kommando TEXT NOT NULL,
    typ TEXT NOT NULL,
    beslut_id TEXT NOT NULL,
    registrerad_lokalt TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'vantar' CHECK (status IN ('vantar', 'tillampad', 'nekad')),
    svar TEXT,
    besvarad TEXT
);
CREATE INDEX utkorg_vantar ON utkorg (ulid) WHERE status = 'vantar';
",
    // 9: a delvis bifall says what was not granted (ej_beviljat); the delegation point an insats
    // is decided under, copied to the beslut when it is made; an insats name's form inside a
    // sentence where the rule (`valfri_domain::namn_i_mening`) does not give it (NULL: the rule).
    // A made beslut keeps both new columns as they were, like the others.
    r"
ALTER TABLE beslut ADD COLUMN ej_beviljat TEXT NOT NULL DEFAULT '';
ALTER TABLE beslut ADD COLUMN delegation TEXT NOT NULL DEFAULT '';
ALTER TABLE insats ADD COLUMN delegation TEXT NOT NULL DEFAULT '';
ALTER TABLE insats_namn ADD COLUMN i_mening TEXT;
CREATE TRIGGER beslut_fattat_andras_ej_7 BEFORE UPDATE ON beslut
WHEN OLD.status <> 'utkast' AND (
    NEW.ej_beviljat IS NOT OLD.ej_beviljat OR NEW.delegation IS NOT OLD.delegation)
BEGIN
    SELECT RAISE(ABORT, 'valfri: beslut är fattat och kan inte ändras');
END;
",
    // 10: at a desk in kommunläge the shared tables change only by a pull from the hub. A write
    // of its own would never reach the hub and would be overwritten by the next pull; the
    // triggers refuse it whatever code path tried (the store's, the CLI's, the window's). The
    // pull marks itself in `synk_hamtning` inside its own transaction, so no other connection
    // ever sees the mark. `synk.handlaggare_id` is who the hub said the login is, kept for
    // working offline.
    concat!(
        "CREATE TABLE synk_hamtning (id INTEGER PRIMARY KEY CHECK (id = 1));\n",
        "ALTER TABLE synk ADD COLUMN handlaggare_id TEXT;\n",
        vakter!(
            "kommun",
            "omrade",
            "handlaggare",
            "registerversion",
            "utforare",
            "insats",
            "insats_namn",
            "utforare_omrade",
            "godkannande",
            "kvalitet",
            "utforare_historik",
            "brukare",
            "ombud",
            "beslut",
            "val",
            "ickeval",
            "information",
            "omval",
            "dokument",
            "uppfoljning",
        ),
    ),
    // A desk's pull forgets a brukare who moved out of its office, made beslut and all: the
    // hub keeps them, and the desk holds its office's brukare only. Everywhere else a made
    // beslut is still never deleted (no other writer marks `synk_hamtning`).
    r"
DROP TRIGGER beslut_fattat_raderas_ej;
CREATE TRIGGER beslut_fattat_raderas_ej BEFORE DELETE ON beslut
WHEN OLD.status <> 'utkast' AND NOT EXISTS (SELECT 1 FROM synk_hamtning)
BEGIN
    SELECT RAISE(ABORT, 'valfri: beslut är fattat och kan inte tas bort');
END;
",
    // 12: the waiting list (väntelista). A brukare waiting for a provider at its cap, for a
    // beslut, from when (`skapad` orders the list: oldest first), who asked, and when and why the
    // entry ended (the provider was chosen, taken off with a reason, the beslut ended). One open
    // entry per beslut and provider. Shared with the hub like the other case data, so guarded at
    // a desk in kommunläge.
    concat!(
        "CREATE TABLE vantelista (
    id TEXT PRIMARY KEY,
    beslut_id TEXT NOT NULL REFERENCES beslut(id),
    utforare_id TEXT NOT NULL REFERENCES utforare(id),
    insats_id TEXT NOT NULL REFERENCES insats(id),
    vem_valde TEXT NOT NULL CHECK (vem_valde IN ('brukare', 'ombud', 'handlaggare')),
    stalld TEXT NOT NULL,
    handlaggare TEXT NOT NULL,
    skapad TEXT NOT NULL,
    avslutad TEXT,
    avslutsorsak TEXT CHECK (avslutsorsak IN ('valt', 'borttagen', 'beslut_avslutat')),
    skal TEXT NOT NULL DEFAULT '',
    avslutad_av TEXT,
    CHECK ((avslutad IS NULL) = (avslutsorsak IS NULL))
);
CREATE INDEX vantelista_beslut ON vantelista (beslut_id);
CREATE UNIQUE INDEX vantelista_en_oppen ON vantelista (beslut_id, utforare_id) WHERE avslutad IS NULL;
CREATE INDEX vantelista_oppna ON vantelista (utforare_id, insats_id, skapad) WHERE avslutad IS NULL;
",
        vakter!("vantelista"),
    ),
    // 13 (issue 15): a push in progress says how far it has come (answered of the commands it
    // began with, and when it last moved), so `valfri status` and the window can say
    // "synkar (n av m)" while another process on the same file pushes.
    "ALTER TABLE synk ADD COLUMN synkar_klara INTEGER;
ALTER TABLE synk ADD COLUMN synkar_av INTEGER;
ALTER TABLE synk ADD COLUMN synkar_sedan TEXT;
",
    // 14: search as you type fetches only the page of hits it shows. A word start of a first
    // name, its second part ("Anna-Lena", folded "anna lena") or a last name is found in these
    // indexes, which carry everything the ranking and the order need, so a common name is
    // ranked and cut to a page without reading thousands of rows (`brukare.rs`, `sok_namn`).
    // Names of more words are few; their own partial index holds them.
    "DROP INDEX brukare_fornamn_vikt;
DROP INDEX brukare_efternamn_vikt;
CREATE INDEX brukare_sok_efternamn ON brukare
    (efternamn_vikt, fornamn_vikt, namn_vikt, namn_gemener, efternamn, fornamn, personnummer);
CREATE INDEX brukare_sok_fornamn ON brukare
    (fornamn_vikt, efternamn_vikt, namn_vikt, namn_gemener, efternamn, fornamn, personnummer);
CREATE INDEX brukare_sok_andra_fornamn ON brukare
    (substr(fornamn_vikt, instr(fornamn_vikt, ' ') + 1), fornamn_vikt, efternamn_vikt, namn_vikt,
     namn_gemener, efternamn, fornamn, personnummer)
    WHERE instr(fornamn_vikt, ' ') > 0;
CREATE INDEX brukare_sok_flerord ON brukare
    (fornamn_vikt, efternamn_vikt, namn_vikt, namn_gemener, efternamn, fornamn, personnummer)
    WHERE instr(efternamn_vikt, ' ') > 0 OR instr(substr(fornamn_vikt, instr(fornamn_vikt, ' ') + 1), ' ') > 0;
",
];
