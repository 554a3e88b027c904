# The valfri command-line program.

cli-hjalp =
    Usage: valfri [--db FILE] [--user LOGIN] [--passphrase-env VAR] [--lang sv|en|fi] [--json] COMMAND

    Commands:
      demo [--force] (--logins | --passphrase-env VAR | --plaintext)
                                          create the Exempelby demo municipality in the database (encrypted, or unencrypted with --plaintext);
                                          with --logins one login per caseworker (karin.holm …), passphrase exempelby-demo
      generate --brukare N --utforare M [--seed S] (--passphrase-env VAR | --plaintext)
                                          create a large fictional municipality for benchmarks
      insatser | omraden | utforare       list services, areas or providers
      brukare search TEXT                 search clients by name or personal identity number
      brukare import FILE [--dry-run] [--sheet SHEET]
                                          import clients from CSV or XLSX; all or nothing
      providers import FILE [--dry-run] [--sheet SHEET]
                                          import the provider register from CSV or XLSX; shows errors per row
                                          and, with --dry-run, what would change. From a workbook, the sheet
                                          SHEET is read, otherwise the first sheet with the expected headers
      providers export [--format csv|hsds] [--out FILE]
                                          export the register as CSV or Open Referral HSDS
      providers keygen --out KEYFILE      create a key pair for register packages (KEYFILE and KEYFILE.pub)
      providers package --key KEYFILE --out FILE
                                          save a signed register package for offices without a network
      providers apply-package FILE --pubkey KEYFILE
                                          check and apply a register package
      beslut add --brukare PNR --insats CODE --utfall bifall|delvis|avslag
                 --from DATE and optionally [--omfattning N] [--to DATE] [--uppfoljning DATE] [--motivering TEXT]
                 and with delvis --ej-beviljat TEXT (what is not granted)
                                          create and make a decision; prints its id
      beslut verkstall --beslut ID --date DATE
                                          record that the decision was carried out (the provider started) that day
      queue add --beslut ID --utforare ORGNR|ID [--by brukare|ombud|handlaggare]
                                          put the client on the waiting list of a provider at its capacity cap
      queue list [--brukare PNR] [--all]  the waiting list, longest waiting first, and where a place is free
      queue remove ID --reason TEXT       take someone off the list (the reason is required)
      queue give ID                       give the free place to the one whose turn it is (records the choice)
      backup --out FILE                   back up the database while it is in use
      restore FILE | restore --latest     restore a checked backup, or the newest automatic one
      encrypt --new-passphrase-env VAR    encrypt an unencrypted database (the copy is checked before the original goes)
      rekey --new-passphrase-env VAR      change the passphrase (the current one is given with --passphrase-env)
      user list                           personal logins: user name, caseworker, role, created
      user key add LOGIN --handlaggare ID --new-passphrase-env VAR
                                          give a caseworker a login with a first passphrase (system administrator)
      user key remove LOGIN               remove a login; the database gets a new key (system administrator)
      user passphrase --new-passphrase-env VAR
                                          change your own passphrase (the current one is given with --passphrase-env)
      user convert --login LOGIN --handlaggare ID --new-passphrase-env VAR
                                          go from one shared passphrase to personal logins; you say which system
                                          administrator you are, and the shared passphrase stops working
      audit verify                        verify the audit log's chain
      valbara --beslut ID [--date DATE]   every approved provider for the decision and whether it can be chosen
      choose --beslut ID --utforare ORGNR|ID [--date DATE] [--by brukare|ombud|handlaggare]
             and optionally [--start DATE] [--info brev|samtal|tolk] [--sprak LANG]
                                          register an active choice or a change of provider
      ickeval --beslut ID [--date DATE] [--avstar]
                                          apply the default alternative and show the explanation
      stats [--from DATE] [--to DATE]     active choice against default, assignments per provider
      letter --beslut ID --out FILE.pdf [--large-print] [--lang sv|en|fi]
                                          the choice information letter (and a copy per representative)
      letters --out-dir DIR (--beslut ID [ID …] | --omval)
                                          a batch of letters; resumes where an interrupted batch stopped
      sheet --insats CODE --omrade CODE --out FILE.pdf [--large-print] [--lang L]
                                          the comparison sheet
      decision-letter --beslut ID --out FILE.pdf [--lang L]
                                          the decision letter
      insats ickeval --insats CODE --modell egen_regi|utsedd|turordning [--utforare ORGNR] [--utan-egen-regi]
                                          set a service's default alternative (system administrator)
      insats delegation --insats CODE --punkt P   the delegation rules' point for the service, e.g. 3.2 (system administrator)
      insats name --insats CODE --lang L --in-sentence NAME
                                          how the service's name is written inside a sentence (empty: the rule) (system administrator)

      config check [--file FILE]          check the organisation's configuration file (/etc/valfri/valfri.toml) and show what it sets
      --version                           Valfri's version and the schema versions the program writes

    Kommunläge (the municipality's shared PostgreSQL database; syncing the desks is not built yet):
      hub init --url URL [--password-env VAR]
                                          create or upgrade the hub's schema, roles and grants (the schema owner)
      hub sql                             print the role, grant and row-level-security statements for a DBA
      hub user add LOGIN --namn TEXT --roll handlaggare|systemforvaltare --password-env VAR --url URL
                 and optionally [--hub-password-env VAR] [--omraden CODE,CODE]
                                          create a person's login in the hub; the password is read from the variable

    The database is chosen with --db or VALFRI_DB; otherwise the app's own file is used.
    Exit codes: 0 done, 1 refused, 2 usage error, 3 storage error.
cli-version = valfri { $valfri } (database schema { $databas }, hub schema { $hubb })
cli-konfig-giltig = The organisation's configuration file { $sokvag } is valid. It sets:
cli-konfig-tom = The organisation's configuration file { $sokvag } is valid but sets nothing.
cli-konfig-ingen = There is no organisation file at { $sokvag }: each computer decides for itself.
cli-fel-saknar-varde = The option --{ $namn } needs a value.
cli-fel-okand = Unknown command or option: { $namn }
cli-fel-saknas = { $namn } is missing.
cli-fel-extra = Unexpected argument: { $namn }
cli-fel-skydd-saknas = A new database is encrypted: give --passphrase-env VAR (an environment variable holding the passphrase). An unencrypted database, readable by anyone who has the file, is made only with --plaintext.
cli-fel-skydd-dubbelt = Give either --passphrase-env for an encrypted database or --plaintext for an unencrypted one, not both.
cli-krypterad = The database { $sokvag } is now encrypted. It cannot be read without the passphrase; keep the passphrase safe.
cli-losenfras-bytt = The passphrase has been changed. Older backups still open with the old one.
cli-demo-klar = The demo municipality Exempelby kommun is now in { $sokvag }: { $brukare } clients and { $utforare } providers. Every person is fictional.
cli-generera-klar = The fictional municipality is now in { $sokvag }: { $brukare } clients and { $utforare } providers.
cli-backup-klar = The backup is saved and checked: { $sokvag }
cli-aterstall-klar = The backup was checked and restored to { $sokvag }.
cli-logg-hel = The audit log is whole: { $rader } rows, none changed or removed.
cli-logg-bruten = The audit log is broken at row { $nr }: a row was changed or removed.
cli-inga-traffar = No client matches the search.
cli-ja = yes
cli-nej = no
cli-kol-id = Id
cli-kol-kod = Code
cli-kol-namn = Name
cli-kol-lagrum = Legal basis
cli-kol-valfrihet = Choice
cli-kol-landsbygd = Rural
cli-kol-orgnr = Organisation number
cli-kol-regi = Ownership
cli-kol-personnummer = Personal identity number
cli-kol-omrade = Area
cli-ordning = Order: { $regel }. Provider register version { $version }.
cli-val-klart = Registered: { $valtyp }, { $utforare } from { $start }.
cli-ickeval-andrad = The default alternative for { $insats } is now: { $modell }.
cli-delegation-andrad = The delegation point for { $insats } is now: { $punkt }. Decisions made from now on get it.
cli-namn-i-mening-andrat = Inside a sentence, { $insats } is now written: { $namn }.
cli-kol-utforare = Provider
cli-kol-status = Status
cli-kol-insats = Service
cli-kol-aktivt-val = Active choice
cli-kol-ickeval = Default
cli-kol-byten = Changes
cli-kol-andel = Share active choice
cli-kol-tilldelningar = Assignments
cli-kol-platser = Places
cli-dokument-klart = Saved: { $sokvag }
cli-batch-framsteg = Letter { $klara } of { $antal }
cli-batch-klar = { $skrivna } letters written, { $redan } already there from an earlier run, in { $katalog }.
cli-batch-stadat = From an interrupted run: { $pa_plats } recorded { $pa_plats ->
        [one] letter was
       *[other] letters were
    } put in place and { $borttagna } unfinished { $borttagna ->
        [one] file was
       *[other] files were
    } removed.
cli-inloggning-behovs = Give your user name with --user LOGIN (or VALFRI_USER) and your passphrase with --passphrase-env VAR.
cli-nyckelplats-tillagd = The login { $anvandare } has been created. The person changes their first passphrase themselves with valfri user passphrase.
cli-nyckelplats-borttagen = The login { $anvandare } has been removed and the database has a new key. Backups from before today still open with the old login.
cli-egen-losenfras-bytt = Your passphrase has been changed. Backups from before today still open with the old one.
cli-konverterad = The database { $sokvag } now has personal logins. You sign in as { $anvandare } ({ $namn }); the shared passphrase no longer works. Give the others logins with valfri user key add.
cli-kol-anvandare = User name
cli-kol-roll = Role
cli-kol-skapad = Created
cli-handlaggare-saknas = (the caseworker is no longer there)

## The waiting list and carried out by hand
cli-ko-klart = The client is on the waiting list ({ $id }).
cli-ko-ledig = place free
cli-ko-vantar = waiting
cli-ko-borttagen = The client has been taken off the waiting list.
cli-ko-given = The place has been given and the choice recorded.
cli-verkstallt = The decision is recorded as carried out from { $datum }.
