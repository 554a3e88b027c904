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

valbarhet-valbar = Can be chosen
valbarhet-ej_borjat = Not approved yet
valbarhet-upphort = The contract has ended
valbarhet-ej_omrade = Does not provide the service in the client's area
valbarhet-pausad = Not taking new clients just now
valbarhet-vid_tak = Not taking new clients at present
valbarhet-ej_godkand = Not approved for the service
valbarhet-detalj-ej_borjat = from { $datum }
valbarhet-detalj-upphort = { $datum }
valbarhet-detalj-pausad = until { $datum }
valbarhet-detalj-vid_tak = { $aktiva } of { $tak } { $tak ->
    [one] place
   *[other] places
} { $aktiva ->
    [one] is
   *[other] are
} taken
valtyp-aktivt_val = Active choice
valtyp-byte = Change of provider
valtyp-ickeval = Default assignment
valtyp-overford = Carried over at review
vem-brukare = The client
vem-ombud = The representative
vem-handlaggare = The caseworker on the client's instruction
kanal-brev = Letter
kanal-samtal = Conversation
kanal-tolk = Conversation with an interpreter
ickevalorsak-svarsdatum = The reply date passed without a choice
ickevalorsak-avstar = The client chose not to choose
varning-turordning = The Swedish Competition Authority (position 2019:2) considers rotation among private providers a selection covered by public procurement law (LOU). The municipality should have a legal basis for this model.
forklaring-tilldelad = { $utforare } was assigned under the default alternative: { $modell }.
forklaring-orsak = Reason: { $orsak }, { $datum }.
forklaring-lista = The rotation list for area { $omrade }: { $lista }.
forklaring-forra = The previous assignment on the list went to { $utforare }.
forklaring-ingen-forra = Nobody on the list had had an assignment before, so the list started from the top.
forklaring-hoppad = { $utforare } was skipped: { $varfor }.
forklaring-version = Provider register version: { $version }.

## Why a beslut ended
avslutsorsak-flyttat = The person has moved
avslutsorsak-avliden = The person has died
avslutsorsak-behovs_ej = The service is no longer needed
avslutsorsak-ersatt = Replaced by another decision
avslutsorsak-utgatt = Its period has run out

## What a person confirms before an act that cannot be undone (one sentence each)
bekrafta-omfattning = , { $tal } { $enhet },
bekrafta-fatta = The decision on { $insats }{ $omfattning } for { $namn } is made today and cannot be changed afterwards, only reconsidered.
bekrafta-fatta-omprovning = The new decision on { $insats }{ $omfattning } for { $namn } is made today and replaces the earlier one, which ends; it cannot be changed afterwards, only reconsidered.
bekrafta-fatta-avslag = The refusal of the application for { $insats } for { $namn } is made today and cannot be changed afterwards, only reconsidered.
bekrafta-fatta-avslag-omprovning = The refusal of { $insats } for { $namn } is made today and replaces the earlier decision, which ends; it cannot be changed afterwards, only reconsidered.
bekrafta-ickeval = The no-choice alternative is applied for { $namn }: { $utforare } becomes the provider of { $insats } from { $start }, and this can only be changed by a change of provider.
bekrafta-val = { $namn } gets { $utforare } as the provider of { $insats } from { $start }; the choice is recorded and can only be changed by a change of provider.
bekrafta-byte = { $namn } changes provider of { $insats } from { $tidigare } to { $utforare } from { $start }; the change is recorded and cannot be taken back.
bekrafta-avsluta = The decision on { $insats } for { $namn } ends on { $datum } ({ $orsak }) and cannot be reopened afterwards.
bekrafta-avsluta-utforare = The decision on { $insats } for { $namn } ends on { $datum } ({ $orsak }), { $utforare } stops as provider and the place becomes free; this cannot be undone.

## Carried out by hand and the waiting list
bekrafta-verkstall = The decision on { $insats } for { $namn } is recorded as carried out from { $datum }: { $utforare } started providing it then. This cannot be undone.
bekrafta-ko = { $namn } is put on the waiting list of { $utforare } for { $insats } and has no provider while waiting. When a place becomes free, the worklist says so.
bekrafta-ko-behaller = { $namn } is put on the waiting list of { $utforare } for { $insats } and keeps { $behaller } while waiting. When a place becomes free, the worklist says so.
bekrafta-ur-ko = { $namn } is taken off the waiting list of { $utforare }. The place in the queue is lost; a new entry goes last.
koavslut-valt = got the provider
koavslut-borttagen = taken off the list
koavslut-beslut_avslutat = the decision ended
bekrafta-ny-utforare = { $utforare } is added to the provider register, approved for { $insats } from { $datum }, and clients can then choose the provider.
bekrafta-nytt-godkannande = { $utforare } becomes approved for { $insats } from { $datum }, and clients with that service can then choose the provider.
