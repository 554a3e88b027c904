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
