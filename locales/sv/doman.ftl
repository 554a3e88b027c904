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
