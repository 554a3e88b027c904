# Kommunläge: the municipality's shared database (the hub) on PostgreSQL.
hubb-fel-adress = The hub's address is not a PostgreSQL address ({ $detalj }). Write it as postgresql://user@server/database.
hubb-fel-losenord = Wrong password for { $anvandare }, or the login does not exist in the hub.
hubb-fel-okand-roll = { $anvandare } can log in to the hub but has no role in Valfri. Ask the system administrator to add the login with valfri hub user add.
hubb-fel-okant-rollnamn = Unknown role “{ $roll }”. Choose handlaggare or systemforvaltare.
hubb-fel-nekad = The hub does not let { $anvandare } in from this computer (pg_hba.conf). Ask the municipality's database administrator.
hubb-fel-onaborbar = The hub at { $adress } cannot be reached. Check the network and the address; your work is kept on this computer. ({ $detalj })
hubb-fel-tls = The hub at { $adress } refused a secure (TLS) connection. Ask the database administrator to turn on TLS; Valfri does not send passwords unencrypted when TLS is required. ({ $detalj })
hubb-fel-nyare-schema = The hub was set up by a newer version of Valfri (hub schema { $hubb }). This program, Valfri { $valfri }, only knows hub schema { $program }. Update Valfri on this computer.
hubb-fel-aldre-schema = The hub has an older schema ({ $hubb }, this program needs { $program }). The schema owner must run valfri hub init.
hubb-fel-inte-initierad = The database has no Valfri hub yet. The schema owner must run valfri hub init.
hubb-fel-behorighet = The hub said no: your login may not do this. ({ $detalj })
hubb-fel-beslut-fattat = The decision has been made and cannot be changed or removed.
hubb-fel-loggen = The audit log cannot be changed or removed.
hubb-fel-skal = Opening the record of a client with protected personal data needs a reason.
hubb-fel-ogiltig-inloggning = “{ $login }” cannot be a login: use lower-case letters a–z, digits and . _ - @, start with a letter, at most 63 characters.
hubb-fel-inloggning-finns = The login { $login } already exists in the hub.
hubb-fel-tomt-losenord = The password is empty. Put it in the environment variable you name.
hubb-fel-avbruten = The connection to the hub was lost. Nothing half-done was saved; try again. ({ $detalj })
hubb-fel-internt = The hub answered with an error: { $detalj }
hubb-init-klar = The hub is now at schema { $till } (was { $fran }); roles and grants are in place.
hubb-init-oforandrad = The hub was already at schema { $till }; roles and grants were applied again.
hubb-anvandare-klar = { $login } can now log in to the hub as { $roll }.
hubb-fel-inte-tom = The hub already holds a municipality's data. A standalone database can only be brought into an empty hub.
hubb-import-klar = { $rader } rows from { $fran } are now in the hub.

synk-fel-inte-replika = This database is a standalone desk, not linked to a hub.
synk-fel-ingen-hubb = No hub to ask (give --hub and --hub-user); what you did waits in the outbox.
synk-fel-annan-hubb = This desk belongs to { $hubb } as { $anvandare }. Use that login, or a database file of your own.
synk-fel-ej-i-kommunlage = This cannot be done from a desk in kommunläge yet. Do it on a standalone desk or ask the systemförvaltare.
synk-klar = Sent: { $tillampade } applied, { $nekade } refused. Fetched { $hamtade } changes from the hub.
synk-vantar = Saved on this computer, waiting for confirmation from the municipality's register: { $orsak }
synk-status-hubb = Hub: { $hubb } as { $anvandare }
synk-status-senast = Last fetched: { $tid } (change { $markor })
synk-status-aldrig = Nothing fetched from the hub yet.
synk-status-vantar = { $antal ->
    [0] Nothing is waiting in the outbox.
    [one] 1 thing is waiting in the outbox (preliminary: waiting for confirmation from the municipality's register).
   *[other] { $antal } things are waiting in the outbox (preliminary: waiting for confirmation from the municipality's register).
}
synk-status-nekade = { $antal ->
    [0] Nothing was refused.
    [one] 1 thing was refused by the hub:
   *[other] { $antal } things were refused by the hub:
}
synk-nekad = The hub said no: { $text }
synk-status-klocka = This computer's clock is { $minuter } minutes off from the municipality's register. The register's time counts; ask IT to set the clock right.
synk-status-synkar = Syncing now: { $klara } of { $av } sent to the municipality's register.
synk-atgard-fel-inte-valbar = What you can do: choose another provider, or let the brukare wait for a place with this one.
synk-atgard-fel-har-redan-utforare = What you can do: someone else has already given the beslut a provider; open the beslut to see which.
synk-atgard-fel-samma-utforare = What you can do: nothing, the brukare already has that provider.
synk-atgard-fel-hittas-inte = What you can do: the beslut is not in the municipality's register; check with the systemförvaltare.
synk-atgard-fel-svarsdatum-ej-passerat = What you can do: wait until the answer date has passed, or record that the brukare does not wish to choose.
synk-atgard-fel-inaktuellt-brev = What you can do: send a new letter with the information about choice, so the client chooses among the providers as they are now.
