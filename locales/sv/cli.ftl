# Kommandoradsprogrammet valfri.

cli-hjalp =
    Användning: valfri [--db FIL] [--lang sv|en] [--json] KOMMANDO

    Kommandon:
      demo [--force]                      skapa demokommunen Exempelby i databasen
      generate --brukare N --utforare M [--seed S]
                                          skapa en stor påhittad kommun för prestandamätning
      insatser | omraden | utforare       lista insatser, områden eller utförare
      brukare search TEXT                 sök brukare på namn eller personnummer
      beslut add --brukare PNR --insats KOD --utfall bifall|delvis|avslag
                 --from DATUM och valfritt [--omfattning N] [--to DATUM] [--uppfoljning DATUM] [--motivering TEXT]
                                          skapa och fatta ett beslut; skriver ut dess id
      backup --out FIL                    säkerhetskopiera databasen medan den används
      restore FIL                         återställ en kontrollerad säkerhetskopia
      audit verify                        kontrollera händelseloggens kedja

    Databasen väljs med --db eller VALFRI_DB; annars används appens egen fil.
    Slutkoder: 0 klart, 1 nekat, 2 fel användning, 3 lagringsfel.
cli-fel-saknar-varde = Flaggan --{ $namn } behöver ett värde.
cli-fel-okand = Okänt kommando eller okänd flagga: { $namn }
cli-fel-saknas = { $namn } saknas.
cli-fel-extra = Oväntat argument: { $namn }
cli-ingen-kryptering = Den här versionen av Valfri krypterar inte databasen, så lösenfrasen i { $var } används inte. Inget har gjorts.
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
