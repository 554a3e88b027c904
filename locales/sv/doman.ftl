# Domänens ord, så som brukare och handläggare läser dem.

utfall-bifall = Bifall
utfall-delvis = Delvis bifall
utfall-avslag = Avslag
status-utkast = Utkast
status-beslutat = Beslutat
status-verkstallt = Verkställt
status-avslutat = Avslutat
regi-egen_regi = Egen regi
regi-privat = Privat
regi-ideburen = Idéburen
roll-handlaggare = Handläggare
roll-systemforvaltare = Systemförvaltare
ombud-god_man = God man
ombud-forvaltare = Förvaltare
ombud-anhorig = Anhörig med fullmakt
ombud-annat = Ombud
enhet-timmar_per_manad = timmar per månad
enhet-dygn_per_manad = dygn per månad
enhet-dagar_per_vecka = dagar per vecka
enhet-ingen = utan omfattning
ickeval-egen_regi = Kommunens egen regi
ickeval-utsedd = En utsedd utförare
ickeval-turordning = Turordning mellan utförarna
ordning-alfabetisk = I bokstavsordning
ordning-slumpad = I slumpad ordning

valbarhet-valbar = Kan väljas
valbarhet-ej_borjat = Inte godkänd ännu
valbarhet-upphort = Avtalet har upphört
valbarhet-ej_omrade = Utför inte insatsen i brukarens område
valbarhet-pausad = Tar inte emot nya just nu
valbarhet-vid_tak = Tar för närvarande inte emot nya
valbarhet-ej_godkand = Inte godkänd för insatsen
valbarhet-detalj-ej_borjat = från { $datum }
valbarhet-detalj-upphort = { $datum }
valbarhet-detalj-pausad = till och med { $datum }
valbarhet-detalj-vid_tak = { $aktiva } av { $tak } { $tak ->
    [one] plats
   *[other] platser
} { $aktiva ->
    [one] är tagen
   *[other] är tagna
}
valtyp-aktivt_val = Aktivt val
valtyp-byte = Byte av utförare
valtyp-ickeval = Ickeval
valtyp-overford = Överfört vid omprövning
vem-brukare = Brukaren
vem-ombud = Ombudet
vem-handlaggare = Handläggaren på brukarens uppdrag
kanal-brev = Brev
kanal-samtal = Samtal
kanal-tolk = Samtal med tolk
ickevalorsak-svarsdatum = Svarsdatumet passerade utan att brukaren valde
ickevalorsak-avstar = Brukaren avstod från att välja
varning-turordning = Konkurrensverket (ställningstagande 2019:2) anser att turordning mellan privata utförare är ett urval som omfattas av LOU. Kommunen bör ha rättsligt stöd för den här modellen.
forklaring-tilldelad = { $utforare } tilldelades enligt ickevalsalternativet: { $modell }.
forklaring-orsak = Orsak: { $orsak }, { $datum }.
forklaring-lista = Turordningslistan för området { $omrade }: { $lista }.
forklaring-forra = Förra tilldelningen på listan gick till { $utforare }.
forklaring-ingen-forra = Ingen hade fått en tilldelning på listan tidigare, så listan började från början.
forklaring-hoppad = { $utforare } hoppades över: { $varfor }.
forklaring-version = Utförarregistrets version: { $version }.

## Why a beslut ended
avslutsorsak-flyttat = Brukaren har flyttat
avslutsorsak-avliden = Brukaren har avlidit
avslutsorsak-behovs_ej = Insatsen behövs inte längre
avslutsorsak-ersatt = Ersatt av ett annat beslut
avslutsorsak-utgatt = Giltighetstiden har gått ut

## What a person confirms before an act that cannot be undone (one sentence each)
bekrafta-omfattning = , { $tal } { $enhet },
bekrafta-fatta = Beslutet om { $insats }{ $omfattning } för { $namn } fattas i dag och kan sedan inte ändras, bara omprövas.
bekrafta-fatta-omprovning = Det nya beslutet om { $insats }{ $omfattning } för { $namn } fattas i dag och ersätter det tidigare, som avslutas; det kan sedan inte ändras, bara omprövas.
bekrafta-fatta-avslag = Avslaget på ansökan om { $insats } för { $namn } fattas i dag och kan sedan inte ändras, bara omprövas.
bekrafta-fatta-avslag-omprovning = Avslaget på { $insats } för { $namn } fattas i dag och ersätter det tidigare beslutet, som avslutas; det kan sedan inte ändras, bara omprövas.
bekrafta-ickeval = Ickevalsalternativet tillämpas för { $namn }: { $utforare } blir utförare av { $insats } från { $start }, och det kan bara ändras genom ett byte.
bekrafta-val = { $namn } får { $utforare } som utförare av { $insats } från { $start }; valet registreras och kan bara ändras genom ett byte.
bekrafta-byte = { $namn } byter utförare av { $insats } från { $tidigare } till { $utforare } från { $start }; bytet registreras och kan inte tas tillbaka.
bekrafta-avsluta = Beslutet om { $insats } för { $namn } avslutas { $datum } ({ $orsak }) och kan sedan inte öppnas igen.
bekrafta-avsluta-utforare = Beslutet om { $insats } för { $namn } avslutas { $datum } ({ $orsak }), { $utforare } slutar som utförare och platsen blir ledig; det kan inte ångras.

## Verkställighet för hand och väntelistan
bekrafta-verkstall = Beslutet om { $insats } för { $namn } registreras som verkställt från { $datum }: { $utforare } började då utföra insatsen. Det kan inte ångras.
bekrafta-ko = { $namn } ställs i kö till { $utforare } för { $insats } och har ingen utförare medan hen väntar. När en plats blir ledig visas det i arbetslistan.
bekrafta-ko-behaller = { $namn } ställs i kö till { $utforare } för { $insats } och behåller { $behaller } medan hen väntar. När en plats blir ledig visas det i arbetslistan.
bekrafta-ur-ko = { $namn } tas ur kön till { $utforare }. Platsen i kön går förlorad; en ny anmälan hamnar sist.
koavslut-valt = fick utföraren
koavslut-borttagen = togs ur kön
koavslut-beslut_avslutat = beslutet avslutades
bekrafta-ny-utforare = { $utforare } läggs till i utförarregistret, godkänd för { $insats } från { $datum }, och brukare kan sedan välja utföraren.
bekrafta-nytt-godkannande = { $utforare } blir godkänd för { $insats } från { $datum }, och brukare med den insatsen kan sedan välja utföraren.
