# Toimialan sanat sellaisina kuin asiakkaat ja käsittelijät ne lukevat.

utfall-bifall = Myönteinen
utfall-delvis = Osittain myönteinen
utfall-avslag = Kielteinen
status-utkast = Luonnos
status-beslutat = Päätetty
status-verkstallt = Toimeenpantu
status-avslutat = Päättynyt
regi-egen_regi = Kunnan oma
regi-privat = Yksityinen
regi-ideburen = Yleishyödyllinen
roll-handlaggare = Käsittelijä
roll-systemforvaltare = Järjestelmän ylläpitäjä
ombud-god_man = Edunvalvoja (god man)
ombud-forvaltare = Edunvalvoja (förvaltare)
ombud-anhorig = Omainen, jolla on valtakirja
ombud-annat = Asiamies
enhet-timmar_per_manad = tuntia kuukaudessa
enhet-dygn_per_manad = vuorokautta kuukaudessa
enhet-dagar_per_vecka = päivää viikossa
enhet-ingen = ei laajuutta
ickeval-egen_regi = Kunnan oma palvelu
ickeval-utsedd = Nimetty palveluntuottaja
ickeval-turordning = Vuorottelu palveluntuottajien kesken
ordning-alfabetisk = Aakkosjärjestyksessä
ordning-slumpad = Satunnaisessa järjestyksessä

valbarhet-valbar = Voidaan valita
valbarhet-ej_borjat = Ei vielä hyväksytty
valbarhet-upphort = Sopimus on päättynyt
valbarhet-ej_omrade = Ei tuota palvelua asiakkaan alueella
valbarhet-pausad = Ei ota uusia asiakkaita juuri nyt
valbarhet-vid_tak = Ei tällä hetkellä ota uusia asiakkaita
valbarhet-ej_godkand = Ei hyväksytty tähän palveluun
valbarhet-detalj-ej_borjat = { $datum } alkaen
valbarhet-detalj-upphort = { $datum }
valbarhet-detalj-pausad = { $datum } asti
valbarhet-detalj-vid_tak = { $aktiva }/{ $tak } { $tak ->
    [one] paikka
   *[other] paikkaa
} on varattu
valtyp-aktivt_val = Aktiivinen valinta
valtyp-byte = Palveluntuottajan vaihto
valtyp-ickeval = Valitsematta jättäminen
valtyp-overford = Siirretty uudelleenarvioinnissa
vem-brukare = Asiakas
vem-ombud = Asiamies
vem-handlaggare = Käsittelijä asiakkaan pyynnöstä
kanal-brev = Kirje
kanal-samtal = Keskustelu
kanal-tolk = Keskustelu tulkin kanssa
ickevalorsak-svarsdatum = Vastauspäivä meni ohi ilman valintaa
ickevalorsak-avstar = Asiakas jätti valitsematta
varning-turordning = Kilpailuvirasto Konkurrensverket (kannanotto 2019:2) katsoo, että vuorottelu yksityisten palveluntuottajien kesken on valintaa, johon sovelletaan hankintalakia (LOU). Kunnalla pitäisi olla oikeudellinen perusta tälle mallille.
forklaring-tilldelad = { $utforare } sai tehtävän valitsematta jättämisen vaihtoehdon mukaan: { $modell }.
forklaring-orsak = Syy: { $orsak }, { $datum }.
forklaring-lista = Alueen { $omrade } vuorolista: { $lista }.
forklaring-forra = Listan edellinen tehtävä meni palveluntuottajalle { $utforare }.
forklaring-ingen-forra = Kukaan listalla ei ollut saanut tehtävää aiemmin, joten lista alkoi alusta.
forklaring-hoppad = { $utforare } ohitettiin: { $varfor }.
forklaring-version = Palveluntuottajarekisterin versio: { $version }.

## Why a beslut ended
avslutsorsak-flyttat = Asiakas on muuttanut
avslutsorsak-avliden = Asiakas on kuollut
avslutsorsak-behovs_ej = Palvelua ei enää tarvita
avslutsorsak-ersatt = Korvattu toisella päätöksellä
avslutsorsak-utgatt = Voimassaoloaika on päättynyt

## What a person confirms before an act that cannot be undone (one sentence each)
bekrafta-omfattning = , { $tal } { $enhet },
bekrafta-fatta = Päätös palvelusta { $insats }{ $omfattning } asiakkaalle { $namn } tehdään tänään, eikä sitä voi sen jälkeen muuttaa, vain oikaista.
bekrafta-fatta-omprovning = Uusi päätös palvelusta { $insats }{ $omfattning } asiakkaalle { $namn } tehdään tänään ja se korvaa aiemman, joka päättyy; sitä ei voi sen jälkeen muuttaa, vain oikaista.
bekrafta-fatta-avslag = Kielteinen päätös palvelua { $insats } koskevaan hakemukseen asiakkaalle { $namn } tehdään tänään, eikä sitä voi sen jälkeen muuttaa, vain oikaista.
bekrafta-fatta-avslag-omprovning = Kielteinen päätös palvelusta { $insats } asiakkaalle { $namn } tehdään tänään ja se korvaa aiemman päätöksen, joka päättyy; sitä ei voi sen jälkeen muuttaa, vain oikaista.
bekrafta-ickeval = Asiakkaalle { $namn } sovelletaan ei-valinnan vaihtoehtoa: { $utforare } tuottaa palvelun { $insats } { $start } alkaen, ja sen voi muuttaa vain vaihtamalla tuottajaa.
bekrafta-val = { $namn } saa palvelun { $insats } tuottajaksi { $utforare } { $start } alkaen; valinta kirjataan ja sen voi muuttaa vain vaihtamalla tuottajaa.
bekrafta-byte = { $namn } vaihtaa palvelun { $insats } tuottajaa: { $tidigare } vaihtuu tuottajaan { $utforare } { $start } alkaen; vaihtoa ei voi perua.
bekrafta-avsluta = Päätös palvelusta { $insats } asiakkaalle { $namn } päättyy { $datum } ({ $orsak }), eikä sitä voi avata uudelleen.
bekrafta-avsluta-utforare = Päätös palvelusta { $insats } asiakkaalle { $namn } päättyy { $datum } ({ $orsak }), { $utforare } lakkaa tuottamasta palvelua ja paikka vapautuu; tätä ei voi perua.

## Täytäntöönpano käsin ja jonotuslista
bekrafta-verkstall = Päätös palvelusta { $insats } asiakkaalle { $namn } kirjataan pannuksi täytäntöön { $datum } alkaen: { $utforare } aloitti silloin palvelun. Tätä ei voi perua.
bekrafta-ko = { $namn } asetetaan jonoon palveluntuottajalle { $utforare } palvelussa { $insats }, eikä hänellä ole palveluntuottajaa jonottaessaan. Kun paikka vapautuu, se näkyy työlistalla.
bekrafta-ko-behaller = { $namn } asetetaan jonoon palveluntuottajalle { $utforare } palvelussa { $insats } ja pitää palveluntuottajan { $behaller } jonottaessaan. Kun paikka vapautuu, se näkyy työlistalla.
bekrafta-ur-ko = { $namn } poistetaan palveluntuottajan { $utforare } jonosta. Paikka jonossa menetetään; uusi ilmoitus menee viimeiseksi.
koavslut-valt = sai palveluntuottajan
koavslut-borttagen = poistettiin jonosta
koavslut-beslut_avslutat = päätös päättyi
bekrafta-ny-utforare = { $utforare } lisätään palveluntuottajarekisteriin hyväksyttynä palveluun { $insats } alkaen { $datum }, ja asiakkaat voivat sen jälkeen valita palveluntuottajan.
bekrafta-nytt-godkannande = { $utforare } hyväksytään palveluun { $insats } alkaen { $datum }, ja asiakkaat, joilla on tämä palvelu, voivat sen jälkeen valita palveluntuottajan.
