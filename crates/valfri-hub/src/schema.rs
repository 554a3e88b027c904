//! The hub's schema, its roles and what each role may do, as SQL.
//!
//! Everything lives in the schema `valfri`. `valfri.schemaversion` says which migrations have
//! run; each runs in one transaction, so a hub is always at one whole version. The roles and the
//! grants are not migrations: they are idempotent and applied after every `hub init`, so a DBA who
//! prefers to run them by hand gets the same text from `valfri hub sql`.

/// The group role of every handläggare's login.
pub const GRUPP_HANDLAGGARE: &str = "valfri_handlaggare";
/// The group role of every systemförvaltare's login; it includes what a handläggare may do.
pub const GRUPP_SYSTEMFORVALTARE: &str = "valfri_systemforvaltare";

/// Creates the version table when the hub is new; migrations start from version 0.
pub(crate) const VERSIONSTABELL: &str = r"
CREATE SCHEMA IF NOT EXISTS valfri;
CREATE TABLE IF NOT EXISTS valfri.schemaversion (
    id integer PRIMARY KEY CHECK (id = 1),
    version integer NOT NULL
);
INSERT INTO valfri.schemaversion (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
";

/// The two group roles, created when missing. Creating them needs CREATEROLE; a DBA can run this
/// by hand instead (`valfri hub sql`).
pub const ROLLER: &str = r"
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'valfri_handlaggare') THEN
        CREATE ROLE valfri_handlaggare NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'valfri_systemforvaltare') THEN
        CREATE ROLE valfri_systemforvaltare NOLOGIN IN ROLE valfri_handlaggare;
    END IF;
END
$$;
";

/// Migration `n` (1-based) takes a hub from version `n - 1` to `n`.
const MIGRATIONER: &[&str] = &[
    // 1: the shared truth, as in the desk's SQLite schema (valfri-store's schema.rs, versions 1
    // to 3; the desk-local tables sakerhet and registerpaket stay on the desk), plus what sync
    // needs: a change number on every shared row, a record of deleted rows, and the commands
    // already applied. The change-number triggers are added by `andringstriggrar`.
    r#"
-- Every insert or update of a shared row takes the next change number: a desk pulls what has a
-- higher number than its cursor. The transaction id beside it lets a pull stop below the oldest
-- transaction still running, whose rows may yet commit with a lower number.
CREATE SEQUENCE valfri.andring_seq;

CREATE FUNCTION valfri.satt_andring() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, valfri, pg_temp AS $$
BEGIN
    NEW.andring := nextval('valfri.andring_seq');
    NEW.andring_tx := pg_current_xact_id();
    RETURN NEW;
END
$$;

-- A deleted shared row leaves its key and a change number, so a desk's pull deletes it too.
CREATE TABLE valfri.borttagen (
    andring bigint PRIMARY KEY,
    andring_tx xid8 NOT NULL,
    tabell text NOT NULL,
    nyckel jsonb NOT NULL,
    tid timestamptz NOT NULL DEFAULT now()
);

-- The trigger's arguments name the key columns of the table.
CREATE FUNCTION valfri.notera_borttagen() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, valfri, pg_temp AS $$
DECLARE
    rad jsonb := to_jsonb(OLD);
BEGIN
    INSERT INTO valfri.borttagen (andring, andring_tx, tabell, nyckel)
    SELECT nextval('valfri.andring_seq'), pg_current_xact_id(), TG_TABLE_NAME,
           jsonb_object_agg(k, rad -> k)
    FROM unnest(TG_ARGV) AS k;
    RETURN OLD;
END
$$;

CREATE TABLE valfri.kommun (
    id integer PRIMARY KEY CHECK (id = 1),
    namn text NOT NULL,
    namnd text NOT NULL,
    adress text NOT NULL,
    postnummer text NOT NULL,
    postort text NOT NULL,
    telefon text NOT NULL,
    ordning text NOT NULL CHECK (ordning IN ('alfabetisk', 'slumpad')),
    ordning_seed bigint,
    sprak text NOT NULL,
    byte_dagar integer NOT NULL DEFAULT 0,
    svarstid_dagar integer NOT NULL DEFAULT 14,
    tak_max_alder_dagar integer NOT NULL DEFAULT 90,
    skapad timestamptz NOT NULL DEFAULT now(),
    andrad timestamptz NOT NULL DEFAULT now(),
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL
);

CREATE TABLE valfri.omrade (
    id text PRIMARY KEY,
    kod text NOT NULL UNIQUE,
    namn text NOT NULL,
    landsbygd boolean NOT NULL DEFAULT false,
    skapad timestamptz NOT NULL DEFAULT now(),
    andrad timestamptz NOT NULL DEFAULT now(),
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL
);

-- A person who works in Valfri. `login` is their PostgreSQL login role: the engine says who is
-- connected (session_user), and this row says their name and title for letters.
CREATE TABLE valfri.handlaggare (
    id text PRIMARY KEY,
    login text UNIQUE,
    namn text NOT NULL,
    titel text NOT NULL DEFAULT '',
    telefon text NOT NULL DEFAULT '',
    epost text NOT NULL DEFAULT '',
    roll text NOT NULL CHECK (roll IN ('handlaggare', 'systemforvaltare')),
    skapad timestamptz NOT NULL DEFAULT now(),
    andrad timestamptz NOT NULL DEFAULT now(),
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL
);

-- The registry of providers (utförare), versioned: every change writes a whole snapshot to
-- utforare_historik under a new registerversion, so a letter can be reproduced years later.
CREATE TABLE valfri.registerversion (
    nummer bigint PRIMARY KEY,
    tid timestamptz NOT NULL DEFAULT now(),
    vem text NOT NULL DEFAULT session_user,
    beskrivning text NOT NULL,
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL
);

CREATE TABLE valfri.utforare (
    id text PRIMARY KEY,
    organisationsnummer text NOT NULL UNIQUE,
    namn text NOT NULL,
    regi text NOT NULL CHECK (regi IN ('egen_regi', 'privat', 'ideburen')),
    telefon text NOT NULL,
    epost text NOT NULL,
    webb text NOT NULL,
    adress text NOT NULL,
    postnummer text NOT NULL,
    postort text NOT NULL,
    presentation text NOT NULL,
    sprak text NOT NULL,
    inriktningar text NOT NULL,
    tillaggstjanster text NOT NULL,
    version bigint NOT NULL REFERENCES valfri.registerversion (nummer),
    skapad timestamptz NOT NULL DEFAULT now(),
    andrad timestamptz NOT NULL DEFAULT now(),
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL
);

-- Lagrum is data (laws get renumbered): a column of the insats, as on the desk.
CREATE TABLE valfri.insats (
    id text PRIMARY KEY,
    kod text NOT NULL UNIQUE,
    lagrum text NOT NULL,
    enhet text NOT NULL CHECK (enhet IN ('timmar_per_manad', 'dygn_per_manad', 'dagar_per_vecka', 'ingen')),
    valfrihet boolean NOT NULL,
    ickeval text NOT NULL CHECK (ickeval IN ('egen_regi', 'utsedd', 'turordning')),
    ickeval_utforare_id text REFERENCES valfri.utforare (id),
    turordning_egen_regi boolean NOT NULL DEFAULT true,
    skapad timestamptz NOT NULL DEFAULT now(),
    andrad timestamptz NOT NULL DEFAULT now(),
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL
);

CREATE TABLE valfri.insats_namn (
    insats_id text NOT NULL REFERENCES valfri.insats (id) ON DELETE CASCADE,
    sprak text NOT NULL,
    namn text NOT NULL,
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL,
    PRIMARY KEY (insats_id, sprak)
);

CREATE TABLE valfri.utforare_omrade (
    utforare_id text NOT NULL REFERENCES valfri.utforare (id) ON DELETE CASCADE,
    omrade_id text NOT NULL REFERENCES valfri.omrade (id),
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL,
    PRIMARY KEY (utforare_id, omrade_id)
);

CREATE TABLE valfri.godkannande (
    utforare_id text NOT NULL REFERENCES valfri.utforare (id) ON DELETE CASCADE,
    insats_id text NOT NULL REFERENCES valfri.insats (id),
    godkand_fran date NOT NULL,
    godkand_till date,
    kapacitetstak integer CHECK (kapacitetstak IS NULL OR kapacitetstak >= 0),
    kapacitet_fran date,
    kapacitet_till date,
    kapacitet_bekraftad date,
    paus_till date,
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL,
    PRIMARY KEY (utforare_id, insats_id),
    CHECK (godkand_till IS NULL OR godkand_till >= godkand_fran)
);

CREATE TABLE valfri.kvalitet (
    utforare_id text NOT NULL REFERENCES valfri.utforare (id) ON DELETE CASCADE,
    ordning integer NOT NULL,
    insats_id text REFERENCES valfri.insats (id),
    namn text NOT NULL,
    varde double precision NOT NULL,
    enhet text NOT NULL,
    ar integer NOT NULL,
    kalla text NOT NULL,
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL,
    PRIMARY KEY (utforare_id, ordning)
);

-- The whole provider as JSON text (kept byte for byte); NULL when removed in this version.
CREATE TABLE valfri.utforare_historik (
    version bigint NOT NULL REFERENCES valfri.registerversion (nummer),
    utforare_id text NOT NULL,
    data text CHECK (data IS NULL OR data::jsonb IS NOT NULL),
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL,
    PRIMARY KEY (utforare_id, version)
);

CREATE TABLE valfri.brukare (
    id text PRIMARY KEY,
    personnummer text NOT NULL UNIQUE CHECK (length(personnummer) = 12),
    fornamn text NOT NULL,
    efternamn text NOT NULL,
    co text NOT NULL DEFAULT '',
    adress text NOT NULL DEFAULT '',
    postnummer text NOT NULL DEFAULT '',
    postort text NOT NULL DEFAULT '',
    omrade_id text REFERENCES valfri.omrade (id),
    sprak text NOT NULL DEFAULT 'sv',
    storstil boolean NOT NULL DEFAULT false,
    skyddad boolean NOT NULL DEFAULT false,
    namn_gemener text NOT NULL,
    namn_vikt text NOT NULL,
    fornamn_vikt text NOT NULL,
    efternamn_vikt text NOT NULL,
    skapad timestamptz NOT NULL DEFAULT now(),
    andrad timestamptz NOT NULL DEFAULT now(),
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL
);
CREATE INDEX brukare_efternamn ON valfri.brukare (efternamn, fornamn);

CREATE TABLE valfri.ombud (
    id text PRIMARY KEY,
    brukare_id text NOT NULL REFERENCES valfri.brukare (id) ON DELETE CASCADE,
    typ text NOT NULL CHECK (typ IN ('god_man', 'forvaltare', 'anhorig', 'annat')),
    namn text NOT NULL,
    adress text NOT NULL,
    postnummer text NOT NULL,
    postort text NOT NULL,
    skapad timestamptz NOT NULL DEFAULT now(),
    andrad timestamptz NOT NULL DEFAULT now(),
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL
);
CREATE INDEX ombud_brukare ON valfri.ombud (brukare_id);

CREATE TABLE valfri.beslut (
    id text PRIMARY KEY,
    brukare_id text NOT NULL REFERENCES valfri.brukare (id),
    insats_id text NOT NULL REFERENCES valfri.insats (id),
    diarienummer text NOT NULL,
    ansokningsdatum date NOT NULL,
    beslutsdatum date,
    utfall text NOT NULL CHECK (utfall IN ('bifall', 'delvis', 'avslag')),
    omfattning double precision,
    giltig_fran date NOT NULL,
    giltig_till date,
    motivering text NOT NULL,
    uppfoljning date,
    handlaggare_id text NOT NULL REFERENCES valfri.handlaggare (id),
    status text NOT NULL CHECK (status IN ('utkast', 'beslutat', 'verkstallt', 'avslutat')),
    ersatter_id text REFERENCES valfri.beslut (id),
    skapad timestamptz NOT NULL DEFAULT now(),
    andrad timestamptz NOT NULL DEFAULT now(),
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL,
    CHECK (giltig_till IS NULL OR giltig_till >= giltig_fran)
);
CREATE INDEX beslut_brukare ON valfri.beslut (brukare_id);
CREATE UNIQUE INDEX beslut_ersatter ON valfri.beslut (ersatter_id) WHERE ersatter_id IS NOT NULL;

-- A made beslut is never edited or deleted, by anyone's connection: SQLSTATE VF001.
CREATE FUNCTION valfri.beslut_skydd() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, valfri, pg_temp AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'utkast' THEN
            RAISE EXCEPTION USING ERRCODE = 'VF001', MESSAGE = 'valfri: beslut är fattat och kan inte tas bort';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status <> 'utkast' AND (
        NEW.id, NEW.brukare_id, NEW.insats_id, NEW.diarienummer, NEW.ansokningsdatum,
        NEW.beslutsdatum, NEW.utfall, NEW.omfattning, NEW.giltig_fran, NEW.giltig_till,
        NEW.motivering, NEW.uppfoljning, NEW.handlaggare_id, NEW.ersatter_id, NEW.skapad
    ) IS DISTINCT FROM (
        OLD.id, OLD.brukare_id, OLD.insats_id, OLD.diarienummer, OLD.ansokningsdatum,
        OLD.beslutsdatum, OLD.utfall, OLD.omfattning, OLD.giltig_fran, OLD.giltig_till,
        OLD.motivering, OLD.uppfoljning, OLD.handlaggare_id, OLD.ersatter_id, OLD.skapad
    ) THEN
        RAISE EXCEPTION USING ERRCODE = 'VF001', MESSAGE = 'valfri: beslut är fattat och kan inte ändras';
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
        (OLD.status = 'utkast' AND NEW.status = 'beslutat')
        OR (OLD.status = 'beslutat' AND NEW.status IN ('verkstallt', 'avslutat'))
        OR (OLD.status = 'verkstallt' AND NEW.status = 'avslutat')
    ) THEN
        RAISE EXCEPTION USING ERRCODE = 'VF004', MESSAGE = 'valfri: otillåten statusändring';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER beslut_skydd BEFORE UPDATE OR DELETE ON valfri.beslut
    FOR EACH ROW EXECUTE FUNCTION valfri.beslut_skydd();

-- A val is one provider carrying out one beslut from a start date until it ends.
CREATE TABLE valfri.val (
    id text PRIMARY KEY,
    beslut_id text NOT NULL REFERENCES valfri.beslut (id),
    utforare_id text NOT NULL REFERENCES valfri.utforare (id),
    insats_id text NOT NULL REFERENCES valfri.insats (id),
    typ text NOT NULL CHECK (typ IN ('aktivt_val', 'byte', 'ickeval', 'overford')),
    vem_valde text CHECK (vem_valde IN ('brukare', 'ombud', 'handlaggare')),
    informationssatt text CHECK (informationssatt IN ('brev', 'samtal', 'tolk')),
    informationssprak text,
    valdatum date NOT NULL,
    startdatum date NOT NULL,
    slutdatum date,
    ersatter_id text REFERENCES valfri.val (id),
    registerversion bigint NOT NULL,
    handlaggare text NOT NULL DEFAULT session_user,
    skapad timestamptz NOT NULL DEFAULT now(),
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL
);
CREATE INDEX val_beslut ON valfri.val (beslut_id);
CREATE INDEX val_aktiva ON valfri.val (utforare_id, insats_id) WHERE slutdatum IS NULL;
CREATE UNIQUE INDEX val_en_aktiv ON valfri.val (beslut_id) WHERE slutdatum IS NULL;

-- Every ickeval with its whole explanation (JSON text, kept byte for byte); the rotation's
-- position is read from these rows.
CREATE TABLE valfri.ickeval (
    id text PRIMARY KEY,
    val_id text NOT NULL UNIQUE REFERENCES valfri.val (id),
    beslut_id text NOT NULL REFERENCES valfri.beslut (id),
    insats_id text NOT NULL REFERENCES valfri.insats (id),
    omrade_id text REFERENCES valfri.omrade (id),
    modell text NOT NULL CHECK (modell IN ('egen_regi', 'utsedd', 'turordning')),
    utforare_id text NOT NULL REFERENCES valfri.utforare (id),
    forklaring text NOT NULL CHECK (forklaring::jsonb IS NOT NULL),
    tid timestamptz NOT NULL DEFAULT now(),
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL
);
CREATE INDEX ickeval_turordning ON valfri.ickeval (insats_id, omrade_id, modell);

-- Valfrihetsinformation given for a beslut.
CREATE TABLE valfri.information (
    id text PRIMARY KEY,
    beslut_id text NOT NULL REFERENCES valfri.beslut (id),
    skickad date NOT NULL,
    svarsdatum date NOT NULL,
    sprak text NOT NULL,
    storstil boolean NOT NULL,
    registerversion bigint NOT NULL,
    handlaggare text NOT NULL DEFAULT session_user,
    skapad timestamptz NOT NULL DEFAULT now(),
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL
);
CREATE INDEX information_beslut ON valfri.information (beslut_id);

-- A beslut whose brukare must choose again because the register changed under them.
CREATE TABLE valfri.omval (
    beslut_id text PRIMARY KEY REFERENCES valfri.beslut (id),
    orsak text NOT NULL CHECK (orsak IN ('upphort', 'ej_omrade', 'tak')),
    utforare_id text NOT NULL REFERENCES valfri.utforare (id),
    registerversion bigint NOT NULL,
    markerad timestamptz NOT NULL DEFAULT now(),
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL
);

-- The record of every document produced.
CREATE TABLE valfri.dokument (
    id text PRIMARY KEY,
    typ text NOT NULL CHECK (typ IN ('valfrihetsbrev', 'jamforelseblad', 'beslutsmeddelande')),
    beslut_id text REFERENCES valfri.beslut (id),
    mottagare text NOT NULL,
    registerversion bigint NOT NULL,
    sprak text NOT NULL,
    storstil boolean NOT NULL,
    sha256 text NOT NULL,
    storlek bigint NOT NULL,
    vem text NOT NULL DEFAULT session_user,
    tid timestamptz NOT NULL DEFAULT now(),
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL
);
CREATE INDEX dokument_beslut ON valfri.dokument (beslut_id);

-- Commands from the desks already applied, by their ULID: a retried push is applied once.
CREATE TABLE valfri.outbox_applied (
    ulid text PRIMARY KEY CHECK (ulid ~ '^[0-9A-HJKMNP-TV-Z]{26}$'),
    vem text NOT NULL DEFAULT session_user,
    tillampad timestamptz NOT NULL DEFAULT now(),
    svar jsonb NOT NULL DEFAULT '{}'::jsonb
);

-- The audit log (händelselogg). A writer gives handling, objekt_typ, objekt_id and detalj; the
-- trigger fills nr, tid, vem (session_user: the engine's login, never a parameter), the chain
-- and the hash, under a lock so the chain cannot fork. Rows cannot be changed or removed
-- (SQLSTATE VF002), and a handläggare has no UPDATE or DELETE on the table at all.
CREATE TABLE valfri.handelselogg (
    nr bigint PRIMARY KEY,
    tid text NOT NULL,
    vem text NOT NULL,
    handling text NOT NULL,
    objekt_typ text NOT NULL,
    objekt_id text NOT NULL,
    detalj text NOT NULL DEFAULT '',
    foregaende text NOT NULL UNIQUE,
    hash text NOT NULL
);
CREATE INDEX handelselogg_objekt ON valfri.handelselogg (objekt_typ, objekt_id);

-- The same hash as valfri_domain::logg::kedjehash: hex SHA-256 over the fields, each followed
-- by the byte 0x1f.
CREATE FUNCTION valfri.kedjehash(nr bigint, tid text, vem text, handling text, objekt_typ text,
                                 objekt_id text, detalj text, foregaende text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog AS $$
    SELECT encode(sha256(convert_to(
        nr::text || chr(31) || tid || chr(31) || vem || chr(31) || handling || chr(31)
        || objekt_typ || chr(31) || objekt_id || chr(31) || detalj || chr(31)
        || foregaende || chr(31), 'UTF8')), 'hex')
$$;

CREATE FUNCTION valfri.logg_kedja() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, valfri, pg_temp AS $$
DECLARE
    senaste record;
BEGIN
    -- One writer at a time; the next statement's snapshot then sees the row before.
    PERFORM pg_advisory_xact_lock(hashtext('valfri.handelselogg'));
    SELECT nr, hash INTO senaste FROM valfri.handelselogg ORDER BY nr DESC LIMIT 1;
    NEW.nr := coalesce(senaste.nr, 0) + 1;
    NEW.foregaende := coalesce(senaste.hash, repeat('0', 64));
    NEW.tid := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    NEW.vem := session_user;
    NEW.detalj := coalesce(NEW.detalj, '');
    NEW.hash := valfri.kedjehash(NEW.nr, NEW.tid, NEW.vem, NEW.handling, NEW.objekt_typ,
                                 NEW.objekt_id, NEW.detalj, NEW.foregaende);
    RETURN NEW;
END
$$;
CREATE TRIGGER handelselogg_kedja BEFORE INSERT ON valfri.handelselogg
    FOR EACH ROW EXECUTE FUNCTION valfri.logg_kedja();

CREATE FUNCTION valfri.logg_andras_ej() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'VF002', MESSAGE = 'valfri: händelseloggen kan inte ändras';
END
$$;
CREATE TRIGGER handelselogg_andras_ej BEFORE UPDATE OR DELETE ON valfri.handelselogg
    FOR EACH ROW EXECUTE FUNCTION valfri.logg_andras_ej();
CREATE TRIGGER handelselogg_toms_ej BEFORE TRUNCATE ON valfri.handelselogg
    FOR EACH STATEMENT EXECUTE FUNCTION valfri.logg_andras_ej();

-- The only way to a skyddad brukare's row: with a reason, which is logged under the login.
CREATE FUNCTION valfri.oppna_skyddad_brukare(brukare_id text, skal text)
RETURNS SETOF valfri.brukare
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, valfri, pg_temp AS $$
BEGIN
    IF skal IS NULL OR btrim(skal) = '' THEN
        RAISE EXCEPTION USING ERRCODE = 'VF003', MESSAGE = 'valfri: ett skäl krävs';
    END IF;
    IF NOT pg_has_role(session_user, 'valfri_handlaggare', 'MEMBER') THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'valfri: ingen Valfri-roll';
    END IF;
    INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id, detalj)
    VALUES ('las', 'brukare', brukare_id, jsonb_build_object('skal', skal)::text);
    RETURN QUERY SELECT * FROM valfri.brukare b WHERE b.id = oppna_skyddad_brukare.brukare_id;
END
$$;
"#,
    // 2: kommunläge's sync. One write lock (`valfri.skriv`) taken by every writing transaction
    // before its first change number and held to its commit, so change numbers are handed out
    // in commit order and a desk's cursor never skips a row that commits late; the log takes
    // the same lock, so two writers cannot wait on each other. Every change wakes the desks
    // (NOTIFY at commit). The desk's translations of register texts, the office a handläggare
    // works in (what their desk holds), and the command and desk time of each applied command.
    r#"
CREATE OR REPLACE FUNCTION valfri.satt_andring() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, valfri, pg_temp AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('valfri.skriv'));
    NEW.andring := nextval('valfri.andring_seq');
    NEW.andring_tx := pg_current_xact_id();
    PERFORM pg_notify('valfri_andring', '');
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION valfri.notera_borttagen() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, valfri, pg_temp AS $$
DECLARE
    rad jsonb := to_jsonb(OLD);
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('valfri.skriv'));
    INSERT INTO valfri.borttagen (andring, andring_tx, tabell, nyckel)
    SELECT nextval('valfri.andring_seq'), pg_current_xact_id(), TG_TABLE_NAME,
           jsonb_object_agg(k, rad -> k)
    FROM unnest(TG_ARGV) AS k;
    PERFORM pg_notify('valfri_andring', '');
    RETURN OLD;
END
$$;

CREATE OR REPLACE FUNCTION valfri.logg_kedja() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, valfri, pg_temp AS $$
DECLARE
    senaste record;
BEGIN
    -- One writer at a time; the next statement's snapshot then sees the row before.
    PERFORM pg_advisory_xact_lock(hashtext('valfri.skriv'));
    SELECT nr, hash INTO senaste FROM valfri.handelselogg ORDER BY nr DESC LIMIT 1;
    NEW.nr := coalesce(senaste.nr, 0) + 1;
    NEW.foregaende := coalesce(senaste.hash, repeat('0', 64));
    NEW.tid := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    NEW.vem := session_user;
    NEW.detalj := coalesce(NEW.detalj, '');
    NEW.hash := valfri.kedjehash(NEW.nr, NEW.tid, NEW.vem, NEW.handling, NEW.objekt_typ,
                                 NEW.objekt_id, NEW.detalj, NEW.foregaende);
    RETURN NEW;
END
$$;

ALTER TABLE valfri.utforare ADD COLUMN oversattningar text NOT NULL DEFAULT '{}';
ALTER TABLE valfri.kvalitet ADD COLUMN namn_oversatt text NOT NULL DEFAULT '{}';
-- The områden whose brukare the person's desk holds; empty: the whole municipality.
ALTER TABLE valfri.handlaggare ADD COLUMN omraden text[] NOT NULL DEFAULT '{}';
ALTER TABLE valfri.outbox_applied ADD COLUMN kommando jsonb;
ALTER TABLE valfri.outbox_applied ADD COLUMN registrerad_lokalt text;

-- The område of a brukare, which the choice rules need, also for a skyddad brukare whose row
-- the caller may not read.
CREATE FUNCTION valfri.brukarens_omrade(brukare_id text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, valfri, pg_temp AS $$
    SELECT b.omrade_id FROM valfri.brukare b WHERE b.id = brukarens_omrade.brukare_id
$$;
"#,
    // 3: as the desk's migration 9: what a delvis bifall did not grant, the delegation point of
    // an insats and of a made beslut (guarded like the rest of a made beslut), and an insats
    // name's form inside a sentence.
    r"
ALTER TABLE valfri.beslut ADD COLUMN ej_beviljat text NOT NULL DEFAULT '';
ALTER TABLE valfri.beslut ADD COLUMN delegation text NOT NULL DEFAULT '';
ALTER TABLE valfri.insats ADD COLUMN delegation text NOT NULL DEFAULT '';
ALTER TABLE valfri.insats_namn ADD COLUMN i_mening text;
CREATE OR REPLACE FUNCTION valfri.beslut_skydd() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, valfri, pg_temp AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'utkast' THEN
            RAISE EXCEPTION USING ERRCODE = 'VF001', MESSAGE = 'valfri: beslut är fattat och kan inte tas bort';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status <> 'utkast' AND (
        NEW.id, NEW.brukare_id, NEW.insats_id, NEW.diarienummer, NEW.ansokningsdatum,
        NEW.beslutsdatum, NEW.utfall, NEW.omfattning, NEW.giltig_fran, NEW.giltig_till,
        NEW.motivering, NEW.uppfoljning, NEW.handlaggare_id, NEW.ersatter_id, NEW.skapad,
        NEW.ej_beviljat, NEW.delegation
    ) IS DISTINCT FROM (
        OLD.id, OLD.brukare_id, OLD.insats_id, OLD.diarienummer, OLD.ansokningsdatum,
        OLD.beslutsdatum, OLD.utfall, OLD.omfattning, OLD.giltig_fran, OLD.giltig_till,
        OLD.motivering, OLD.uppfoljning, OLD.handlaggare_id, OLD.ersatter_id, OLD.skapad,
        OLD.ej_beviljat, OLD.delegation
    ) THEN
        RAISE EXCEPTION USING ERRCODE = 'VF001', MESSAGE = 'valfri: beslut är fattat och kan inte ändras';
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
        (OLD.status = 'utkast' AND NEW.status = 'beslutat')
        OR (OLD.status = 'beslutat' AND NEW.status IN ('verkstallt', 'avslutat'))
        OR (OLD.status = 'verkstallt' AND NEW.status = 'avslutat')
    ) THEN
        RAISE EXCEPTION USING ERRCODE = 'VF004', MESSAGE = 'valfri: otillåten statusändring';
    END IF;
    RETURN NEW;
END
$$;
",
    // 4: as the desk's migration 7: what the municipality requires before a beslut is made,
    // when a beslut was carried out and when and why it ended, and the follow-ups recorded.
    r"
ALTER TABLE valfri.kommun ADD COLUMN krav_motivering boolean NOT NULL DEFAULT false;
ALTER TABLE valfri.kommun ADD COLUMN krav_diarienummer boolean NOT NULL DEFAULT false;
ALTER TABLE valfri.beslut ADD COLUMN verkstalld date;
ALTER TABLE valfri.beslut ADD COLUMN avslutad date;
ALTER TABLE valfri.beslut ADD COLUMN avslutsorsak text
    CHECK (avslutsorsak IN ('flyttat', 'avliden', 'behovs_ej', 'ersatt', 'utgatt'));
CREATE TABLE valfri.uppfoljning (
    id text PRIMARY KEY,
    beslut_id text NOT NULL REFERENCES valfri.beslut (id),
    datum date NOT NULL,
    resultat text NOT NULL,
    nasta date,
    handlaggare text NOT NULL DEFAULT session_user,
    skapad timestamptz NOT NULL DEFAULT now(),
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL
);
CREATE INDEX uppfoljning_beslut ON valfri.uppfoljning (beslut_id);
CREATE TRIGGER uppfoljning_andras_ej BEFORE UPDATE OR DELETE ON valfri.uppfoljning
    FOR EACH ROW EXECUTE FUNCTION valfri.logg_andras_ej();
",
    // 5: a search over the whole municipality through the hub (`Hubb::sok_brukare`): prefix
    // searches on the folded names and on the personnummer in its twelve- and ten-digit forms.
    // text_pattern_ops so LIKE 'prefix%' uses the index whatever the database's collation is.
    // And the brukare of an office, which every pull of a desk selects.
    r"
CREATE INDEX brukare_namn_prefix ON valfri.brukare (namn_vikt text_pattern_ops);
CREATE INDEX brukare_efternamn_prefix ON valfri.brukare (efternamn_vikt text_pattern_ops);
CREATE INDEX brukare_pnr_prefix ON valfri.brukare (personnummer text_pattern_ops);
CREATE INDEX brukare_pnr10_prefix ON valfri.brukare ((substr(personnummer, 3)) text_pattern_ops);
CREATE INDEX brukare_omrade ON valfri.brukare (omrade_id);
",
    // 6: as the desk's migration 12: the waiting list (väntelista), a shared table with its
    // change numbers. Only its end (when, why, by whom) is ever changed.
    r"
CREATE TABLE valfri.vantelista (
    id text PRIMARY KEY,
    beslut_id text NOT NULL REFERENCES valfri.beslut (id),
    utforare_id text NOT NULL REFERENCES valfri.utforare (id),
    insats_id text NOT NULL REFERENCES valfri.insats (id),
    vem_valde text NOT NULL CHECK (vem_valde IN ('brukare', 'ombud', 'handlaggare')),
    stalld date NOT NULL,
    handlaggare text NOT NULL DEFAULT session_user,
    skapad timestamptz NOT NULL DEFAULT now(),
    avslutad date,
    avslutsorsak text CHECK (avslutsorsak IN ('valt', 'borttagen', 'beslut_avslutat')),
    skal text NOT NULL DEFAULT '',
    avslutad_av text,
    andring bigint NOT NULL,
    andring_tx xid8 NOT NULL,
    CHECK ((avslutad IS NULL) = (avslutsorsak IS NULL))
);
CREATE INDEX vantelista_beslut ON valfri.vantelista (beslut_id);
CREATE UNIQUE INDEX vantelista_en_oppen ON valfri.vantelista (beslut_id, utforare_id)
    WHERE avslutad IS NULL;
",
];

/// How many migrations this program knows: the newest schema version it can work with.
pub const SCHEMAVERSION: usize = MIGRATIONER.len();

/// Migration `n` (1-based) as SQL.
pub(crate) fn migrering(n: usize) -> String {
    let mut sql = MIGRATIONER[n - 1].to_owned();
    // The shared tables each migration creates get their change-number triggers with it (and,
    // from migration 2 on, the index a pull reads them by).
    let (nya, index): (&[&str], bool) = match n {
        1 => (&FORSTA_TABELLERNA, false),
        2 => (&[], true),
        4 => (&["uppfoljning"], true),
        6 => (&["vantelista"], true),
        _ => (&[], false),
    };
    sql.push_str(&andringstriggrar(nya));
    let med_index: Vec<&str> = if n == 2 { FORSTA_TABELLERNA.to_vec() } else { nya.to_vec() };
    if index {
        for tabell in med_index {
            sql.push_str(&format!("CREATE INDEX {tabell}_andring ON valfri.{tabell} (andring);\n"));
        }
    }
    sql
}

/// The shared tables migration 1 made.
const FORSTA_TABELLERNA: [&str; 19] = [
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
];

use valfri_domain::kommando::DELADE_TABELLER;

/// The change-number and deletion triggers of the shared tables, for migration 1.
fn andringstriggrar(tabeller: &[&str]) -> String {
    use std::fmt::Write as _;
    let mut sql = String::new();
    for (tabell, nyckel) in DELADE_TABELLER.iter().filter(|(t, _)| tabeller.contains(t)) {
        let argument = nyckel.split(", ").map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ");
        let _ = write!(
            sql,
            "CREATE TRIGGER {tabell}_andring BEFORE INSERT OR UPDATE ON valfri.{tabell}
                 FOR EACH ROW EXECUTE FUNCTION valfri.satt_andring();
             CREATE TRIGGER {tabell}_borttagen AFTER DELETE ON valfri.{tabell}
                 FOR EACH ROW EXECUTE FUNCTION valfri.notera_borttagen({argument});
"
        );
    }
    sql
}

/// What each group may do: grants, row-level security, and the functions it may call. Applied
/// whole after every migration run, so it always matches the newest schema.
pub const BEHORIGHETER: &str = r"
REVOKE ALL ON SCHEMA valfri FROM PUBLIC;
GRANT USAGE ON SCHEMA valfri TO valfri_handlaggare, valfri_systemforvaltare;
REVOKE ALL ON ALL TABLES IN SCHEMA valfri FROM PUBLIC, valfri_handlaggare, valfri_systemforvaltare;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA valfri FROM PUBLIC, valfri_handlaggare, valfri_systemforvaltare;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA valfri FROM PUBLIC, valfri_handlaggare, valfri_systemforvaltare;

-- Everyone with a Valfri role reads the shared truth (skyddad brukare are filtered below).
GRANT SELECT ON valfri.schemaversion, valfri.kommun, valfri.omrade, valfri.handlaggare,
    valfri.registerversion, valfri.utforare, valfri.insats, valfri.insats_namn,
    valfri.utforare_omrade, valfri.godkannande, valfri.kvalitet, valfri.utforare_historik,
    valfri.brukare, valfri.ombud, valfri.beslut, valfri.val, valfri.ickeval, valfri.information,
    valfri.omval, valfri.dokument, valfri.borttagen, valfri.uppfoljning, valfri.vantelista
    TO valfri_handlaggare;

-- A handläggare's case work. A made beslut is guarded by its trigger; the log only grows.
GRANT INSERT, UPDATE ON valfri.brukare TO valfri_handlaggare;
GRANT INSERT, UPDATE, DELETE ON valfri.ombud TO valfri_handlaggare;
GRANT INSERT, UPDATE, DELETE ON valfri.beslut TO valfri_handlaggare;
-- A running val only ever gets its end date.
GRANT INSERT, UPDATE (slutdatum) ON valfri.val TO valfri_handlaggare;
GRANT INSERT ON valfri.ickeval, valfri.information, valfri.dokument, valfri.uppfoljning
    TO valfri_handlaggare;
GRANT INSERT, DELETE ON valfri.omval TO valfri_handlaggare;
-- A waiting-list entry is only ever ended.
GRANT INSERT, UPDATE (avslutad, avslutsorsak, skal, avslutad_av, beslut_id) ON valfri.vantelista
    TO valfri_handlaggare;
GRANT INSERT (handling, objekt_typ, objekt_id, detalj) ON valfri.handelselogg TO valfri_handlaggare;
GRANT SELECT, INSERT ON valfri.outbox_applied TO valfri_handlaggare;
GRANT EXECUTE ON FUNCTION valfri.oppna_skyddad_brukare(text, text) TO valfri_handlaggare;
GRANT EXECUTE ON FUNCTION valfri.brukarens_omrade(text) TO valfri_handlaggare;

-- Only a systemförvaltare changes the register, the settings and who works here, and reads the
-- log. The register's history only grows.
GRANT INSERT, UPDATE, DELETE ON valfri.kommun, valfri.omrade, valfri.handlaggare,
    valfri.utforare, valfri.insats, valfri.insats_namn, valfri.utforare_omrade,
    valfri.godkannande, valfri.kvalitet
    TO valfri_systemforvaltare;
GRANT INSERT ON valfri.registerversion, valfri.utforare_historik TO valfri_systemforvaltare;
GRANT SELECT ON valfri.handelselogg TO valfri_systemforvaltare;

-- A skyddad brukare's row is invisible to a plain SELECT by every Valfri login (the schema owner
-- is not subject to it); valfri.oppna_skyddad_brukare is the logged way in.
ALTER TABLE valfri.brukare ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS brukare_ej_skyddad ON valfri.brukare;
CREATE POLICY brukare_ej_skyddad ON valfri.brukare USING (NOT skyddad) WITH CHECK (true);
";
