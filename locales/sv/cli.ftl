# Kommandoradsprogrammet valfri.

cli-hjalp =
    Användning: valfri [--db FIL] [--user INLOGGNING] [--passphrase-env VAR] [--lang sv|en|fi] [--json] KOMMANDO

    Kommandon:
      demo [--force] (--logins | --passphrase-env VAR | --plaintext)
                                          skapa demokommunen Exempelby i databasen (krypterad, eller okrypterad med --plaintext);
                                          med --logins en inloggning per handläggare (karin.holm …), lösenfras exempelby-demo
      generate --brukare N --utforare M [--seed S] (--passphrase-env VAR | --plaintext)
                                          skapa en stor påhittad kommun för prestandamätning
      insatser | omraden | utforare       lista insatser, områden eller utförare
      brukare search TEXT                 sök brukare på namn eller personnummer
      brukare import FIL [--dry-run] [--sheet BLAD]
                                          importera brukare från CSV eller XLSX; allt eller inget
      providers import FIL [--dry-run] [--sheet BLAD]
                                          importera utförarregistret från CSV eller XLSX; visar fel per rad
                                          och, med --dry-run, vad som skulle ändras. Ur en arbetsbok läses
                                          bladet BLAD, annars det första bladet med de väntade rubrikerna
      providers export [--format csv|hsds] [--out FIL]
                                          exportera registret som CSV eller Open Referral HSDS
      providers keygen --out NYCKELFIL    skapa ett nyckelpar för registerpaket (NYCKELFIL och NYCKELFIL.pub)
      providers package --key NYCKELFIL --out FIL
                                          spara ett signerat registerpaket för kontor utan nätverk
      providers apply-package FIL --pubkey NYCKELFIL
                                          kontrollera och tillämpa ett registerpaket
      beslut add --brukare PNR --insats KOD --utfall bifall|delvis|avslag
                 --from DATUM och valfritt [--omfattning N] [--to DATUM] [--uppfoljning DATUM] [--motivering TEXT]
                 och vid delvis --ej-beviljat TEXT (det som inte beviljas)
                                          skapa och fatta ett beslut; skriver ut dess id
      beslut verkstall --beslut ID --date DATUM
                                          registrera att beslutet verkställdes (utföraren började) den dagen
      queue add --beslut ID --utforare ORGNR|ID [--by brukare|ombud|handlaggare]
                                          ställ brukaren i kö till en utförare som nått sitt kapacitetstak
      queue list [--brukare PNR] [--all]  väntelistan, den som väntat längst först, och var en plats är ledig
      queue remove ID --reason TEXT       ta någon ur kön (skälet krävs)
      queue give ID                       ge den lediga platsen till den vars tur det är (registrerar valet)
      backup --out FIL                    säkerhetskopiera databasen medan den används
      restore FIL | restore --latest      återställ en kontrollerad säkerhetskopia, eller den senaste automatiska
      encrypt --new-passphrase-env VAR    kryptera en okrypterad databas (kopian kontrolleras innan originalet tas bort)
      rekey --new-passphrase-env VAR      byt lösenfras (den nuvarande ges med --passphrase-env)
      user list                           personliga inloggningar: användarnamn, handläggare, roll, skapad
      user key add INLOGGNING --handlaggare ID --new-passphrase-env VAR
                                          ge en handläggare en inloggning med en första lösenfras (systemförvaltare)
      user key remove INLOGGNING          ta bort en inloggning; databasen får en ny nyckel (systemförvaltare)
      user passphrase --new-passphrase-env VAR
                                          byt din egen lösenfras (den nuvarande ges med --passphrase-env)
      user convert --login INLOGGNING --handlaggare ID --new-passphrase-env VAR
                                          gå från en gemensam lösenfras till personliga inloggningar; du anger
                                          vilken systemförvaltare du är, och den gemensamma lösenfrasen slutar gälla
      audit verify                        kontrollera händelseloggens kedja
      valbara --beslut ID [--date DATUM]  alla godkända utförare för beslutet och om de kan väljas
      choose --beslut ID --utforare ORGNR|ID [--date DATUM] [--by brukare|ombud|handlaggare]
             och valfritt [--start DATUM] [--info brev|samtal|tolk] [--sprak SPRÅK]
                                          registrera ett aktivt val eller ett byte
      ickeval --beslut ID [--date DATUM] [--avstar]
                                          tillämpa ickevalsalternativet och visa förklaringen
      stats [--from DATUM] [--to DATUM]   aktivt val mot ickeval, tilldelningar per utförare
      letter --beslut ID --out FIL.pdf [--large-print] [--lang sv|en|fi]
                                          valfrihetsinformationen (och en kopia per ombud)
      letters --out-dir KATALOG (--beslut ID [ID …] | --omval)
                                          en omgång brev; fortsätter där en avbruten omgång slutade
      sheet --insats KOD --omrade KOD --out FIL.pdf [--large-print] [--lang L]
                                          jämförelsebladet
      decision-letter --beslut ID --out FIL.pdf [--lang L]
                                          beslutsmeddelandet
      insats ickeval --insats KOD --modell egen_regi|utsedd|turordning [--utforare ORGNR] [--utan-egen-regi]
                                          välj ickevalsalternativ för en insats (systemförvaltare)
      insats delegation --insats KOD --punkt P    delegationsordningens punkt för insatsen, t.ex. 3.2 (systemförvaltare)
      insats name --insats KOD --lang L --in-sentence NAMN
                                          hur insatsens namn skrivs inne i en mening (tomt: regeln) (systemförvaltare)

      config check [--file FIL]           kontrollera organisationens inställningsfil (/etc/valfri/valfri.toml) och visa vad den sätter
      --version                           Valfris version och de schemaversioner programmet skriver

    Kommunläge (kommunens gemensamma PostgreSQL-databas; synk med skrivborden är inte byggd än):
      hub init --url URL [--password-env VAR]
                                          skapa eller uppgradera hubbens schema, roller och behörigheter (schemaägaren)
      hub sql                             skriv ut roll-, behörighets- och radsäkerhetssatserna för en DBA
      hub user add INLOGGNING --namn TEXT --roll handlaggare|systemforvaltare --password-env VAR --url URL
                 och valfritt [--hub-password-env VAR] [--omraden KOD,KOD]
                                          skapa en persons inloggning i hubben; lösenordet läses ur miljövariabeln

    Databasen väljs med --db eller VALFRI_DB; annars används appens egen fil.
    Slutkoder: 0 klart, 1 nekat, 2 fel användning, 3 lagringsfel.
cli-version = valfri { $valfri } (databasschema { $databas }, hubbschema { $hubb })
cli-konfig-giltig = Organisationens inställningsfil { $sokvag } är giltig. Den sätter:
cli-konfig-tom = Organisationens inställningsfil { $sokvag } är giltig men sätter ingenting.
cli-konfig-ingen = Det finns ingen organisationsfil i { $sokvag }: varje dator bestämmer själv.
cli-fel-saknar-varde = Flaggan --{ $namn } behöver ett värde.
cli-fel-okand = Okänt kommando eller okänd flagga: { $namn }
cli-fel-saknas = { $namn } saknas.
cli-fel-extra = Oväntat argument: { $namn }
cli-fel-skydd-saknas = En ny databas krypteras: ange --passphrase-env VAR (en miljövariabel med lösenfrasen). En okrypterad databas, som den som kommer åt filen kan läsa, skapas bara med --plaintext.
cli-fel-skydd-dubbelt = Ange antingen --passphrase-env för en krypterad databas eller --plaintext för en okrypterad, inte båda.
cli-krypterad = Databasen { $sokvag } är nu krypterad. Utan lösenfrasen går den inte att läsa; förvara lösenfrasen säkert.
cli-losenfras-bytt = Lösenfrasen är bytt. Äldre säkerhetskopior öppnas fortfarande med den gamla.
cli-demo-klar = Demokommunen Exempelby kommun finns nu i { $sokvag }: { $brukare } brukare och { $utforare } utförare. Alla personer är påhittade.
cli-generera-klar = Den påhittade kommunen finns nu i { $sokvag }: { $brukare } brukare och { $utforare } utförare.
cli-backup-klar = Säkerhetskopian är sparad och kontrollerad: { $sokvag }
cli-aterstall-klar = Säkerhetskopian är kontrollerad och återställd till { $sokvag }.
cli-logg-hel = Händelseloggen är hel: { $rader } rader, ingen ändrad eller borttagen.
cli-logg-bruten = Händelseloggen är bruten vid rad { $nr }: en rad har ändrats eller tagits bort.
cli-inga-traffar = Ingen brukare matchar sökningen.
cli-ja = ja
cli-nej = nej
cli-kol-id = Id
cli-kol-kod = Kod
cli-kol-namn = Namn
cli-kol-lagrum = Lagrum
cli-kol-valfrihet = Valfrihet
cli-kol-landsbygd = Landsbygd
cli-kol-orgnr = Organisationsnummer
cli-kol-regi = Regi
cli-kol-personnummer = Personnummer
cli-kol-omrade = Område
cli-ordning = Ordning: { $regel }. Utförarregistrets version { $version }.
cli-val-klart = Registrerat: { $valtyp }, { $utforare } från { $start }.
cli-ickeval-andrad = Ickevalsalternativet för { $insats } är nu: { $modell }.
cli-delegation-andrad = Delegationspunkten för { $insats } är nu: { $punkt }. Beslut som fattas från och med nu får den.
cli-namn-i-mening-andrat = Inne i en mening skrivs { $insats } nu: { $namn }.
cli-kol-utforare = Utförare
cli-kol-status = Status
cli-kol-insats = Insats
cli-kol-aktivt-val = Aktivt val
cli-kol-ickeval = Ickeval
cli-kol-byten = Byten
cli-kol-andel = Andel aktivt val
cli-kol-tilldelningar = Tilldelningar
cli-kol-platser = Platser
cli-dokument-klart = Sparat: { $sokvag }
cli-batch-framsteg = Brev { $klara } av { $antal }
cli-batch-klar = { $skrivna } brev skrivna, { $redan } fanns redan från en tidigare körning, i { $katalog }.
cli-batch-stadat = Från en avbruten omgång: { $pa_plats } { $pa_plats ->
        [one] registrerat brev lades
       *[other] registrerade brev lades
    } på plats och { $borttagna } { $borttagna ->
        [one] ofullständig fil togs
       *[other] ofullständiga filer togs
    } bort.
cli-inloggning-behovs = Ange ditt användarnamn med --user INLOGGNING (eller VALFRI_USER) och din lösenfras med --passphrase-env VAR.
cli-nyckelplats-tillagd = Inloggningen { $anvandare } är skapad. Personen byter själv sin första lösenfras med valfri user passphrase.
cli-nyckelplats-borttagen = Inloggningen { $anvandare } är borttagen och databasen har fått en ny nyckel. Säkerhetskopior från före i dag öppnas fortfarande med den gamla inloggningen.
cli-egen-losenfras-bytt = Din lösenfras är bytt. Säkerhetskopior från före i dag öppnas fortfarande med den gamla.
cli-konverterad = Databasen { $sokvag } har nu personliga inloggningar. Du loggar in som { $anvandare } ({ $namn }); den gemensamma lösenfrasen gäller inte längre. Ge de andra inloggningar med valfri user key add.
cli-kol-anvandare = Användarnamn
cli-kol-roll = Roll
cli-kol-skapad = Skapad
cli-handlaggare-saknas = (handläggaren finns inte längre)

## Väntelistan och verkställighet för hand
cli-ko-klart = Brukaren står i kö ({ $id }).
cli-ko-ledig = plats ledig
cli-ko-vantar = väntar
cli-ko-borttagen = Brukaren är borttagen ur kön.
cli-ko-given = Platsen är given och valet registrerat.
cli-verkstallt = Beslutet är registrerat som verkställt från { $datum }.
