# The domain's words, as clients and caseworkers read them.

utfall-bifall = Granted
utfall-delvis = Partly granted
utfall-avslag = Refused
status-utkast = Draft
status-beslutat = Decided
status-verkstallt = In effect
status-avslutat = Ended
regi-egen_regi = Municipal
regi-privat = Private
regi-ideburen = Non-profit
roll-handlaggare = Caseworker
roll-systemforvaltare = System administrator
ombud-god_man = Guardian (god man)
ombud-forvaltare = Administrator (förvaltare)
ombud-anhorig = Relative with power of attorney
ombud-annat = Representative
enhet-timmar_per_manad = hours per month
enhet-dygn_per_manad = days and nights per month
enhet-dagar_per_vecka = days per week
enhet-ingen = no extent
ickeval-egen_regi = The municipality's own unit
ickeval-utsedd = A designated provider
ickeval-turordning = Rotation among the providers
ordning-alfabetisk = In alphabetical order
ordning-slumpad = In random order
