# Kommunläge: kommunens gemensamma databas (hubben) i PostgreSQL.
hubb-fel-adress = Hubbens adress är ingen PostgreSQL-adress ({ $detalj }). Skriv den som postgresql://användare@server/databas.
hubb-fel-losenord = Fel lösenord för { $anvandare }, eller så finns inte inloggningen i hubben.
hubb-fel-okand-roll = { $anvandare } kan logga in i hubben men har ingen roll i Valfri. Be systemförvaltaren lägga till inloggningen med valfri hub user add.
hubb-fel-okant-rollnamn = Okänd roll ”{ $roll }”. Välj handlaggare eller systemforvaltare.
hubb-fel-nekad = Hubben släpper inte in { $anvandare } från den här datorn (pg_hba.conf). Kontakta kommunens databasadministratör.
hubb-fel-onaborbar = Hubben på { $adress } går inte att nå. Kontrollera nätverket och adressen; ditt arbete finns kvar på den här datorn. ({ $detalj })
hubb-fel-tls = Hubben på { $adress } vägrade en säker (TLS-)anslutning. Be databasadministratören slå på TLS; Valfri skickar inte lösenord okrypterat när TLS krävs. ({ $detalj })
hubb-fel-nyare-schema = Hubben är uppsatt av en nyare version av Valfri (hubbschema { $hubb }). Det här programmet, Valfri { $valfri }, känner bara till hubbschema { $program }. Uppdatera Valfri på den här datorn.
hubb-fel-aldre-schema = Hubben har ett äldre schema ({ $hubb }, det här programmet behöver { $program }). Schemaägaren behöver köra valfri hub init.
hubb-fel-inte-initierad = Databasen har ingen Valfri-hubb ännu. Schemaägaren behöver köra valfri hub init.
hubb-fel-behorighet = Hubben sa nej: din inloggning får inte göra detta. ({ $detalj })
hubb-fel-beslut-fattat = Beslutet är fattat och kan inte ändras eller tas bort.
hubb-fel-loggen = Händelseloggen kan inte ändras eller tas bort.
hubb-fel-skal = Att öppna akten för en brukare med skyddade personuppgifter kräver ett skäl.
hubb-fel-ogiltig-inloggning = ”{ $login }” kan inte vara en inloggning: använd små bokstäver a–z, siffror och . _ - @, börja med en bokstav, högst 63 tecken.
hubb-fel-inloggning-finns = Inloggningen { $login } finns redan i hubben.
hubb-fel-tomt-losenord = Lösenordet är tomt. Lägg det i miljövariabeln du anger.
hubb-fel-avbruten = Förbindelsen med hubben bröts. Inget halvgjort sparades; försök igen. ({ $detalj })
hubb-fel-internt = Hubben svarade med ett fel: { $detalj }
hubb-init-klar = Hubben har nu schema { $till } (hade { $fran }); roller och behörigheter är satta.
hubb-init-oforandrad = Hubben hade redan schema { $till }; roller och behörigheter är satta på nytt.
hubb-anvandare-klar = { $login } kan nu logga in i hubben som { $roll }.
hubb-fel-inte-tom = Hubben har redan en kommuns uppgifter. En fristående databas kan bara föras in i en tom hubb.
hubb-import-klar = { $rader } rader från { $fran } är införda i hubben.

# Ett skrivbord i kommunläge: en kopia av hubben, en utkorg och synkning.
synk-fel-inte-replika = Den här databasen är ett fristående skrivbord, inte kopplad till någon hubb.
synk-fel-ingen-hubb = Ingen hubb att fråga (ange --hub och --hub-user); det du gjorde väntar i utkorgen.
synk-fel-annan-hubb = Det här skrivbordet hör till { $hubb } som { $anvandare }. Använd den inloggningen, eller en egen databasfil.
synk-fel-ej-i-kommunlage = Det här görs ännu inte från ett skrivbord i kommunläge. Gör det i ett fristående skrivbord eller be systemförvaltaren.
synk-klar = Skickat: { $tillampade } genomförda, { $nekade } nekade. Hämtat { $hamtade } ändringar från hubben.
synk-vantar = Sparat på den här datorn och väntar på bekräftelse från kommunens register: { $orsak }
synk-status-hubb = Hubb: { $hubb } som { $anvandare }
synk-status-senast = Senast hämtat: { $tid } (ändring { $markor })
synk-status-aldrig = Ännu inte hämtat från hubben.
synk-status-vantar = { $antal ->
    [0] Inget väntar i utkorgen.
    [one] 1 sak väntar i utkorgen (preliminär: väntar på bekräftelse från kommunens register).
   *[other] { $antal } saker väntar i utkorgen (preliminära: väntar på bekräftelse från kommunens register).
}
synk-status-nekade = { $antal ->
    [0] Inget har nekats.
    [one] 1 sak nekades av hubben:
   *[other] { $antal } saker nekades av hubben:
}
synk-nekad = Hubben sa nej: { $text }
synk-status-klocka = Den här datorns klocka går fel med { $minuter } minuter jämfört med kommunens register. Registrets tid gäller; be IT rätta klockan.
synk-status-synkar = Synkar just nu: { $klara } av { $av } skickade till kommunens register.
synk-atgard-fel-inte-valbar = Vad du kan göra: välj en annan utförare, eller låt brukaren vänta på en plats hos den här.
synk-atgard-fel-har-redan-utforare = Vad du kan göra: någon annan har redan gett beslutet en utförare; öppna beslutet och se vilken.
synk-atgard-fel-samma-utforare = Vad du kan göra: inget, brukaren har redan den utföraren.
synk-atgard-fel-hittas-inte = Vad du kan göra: beslutet finns inte i kommunens register; kontrollera med systemförvaltaren.
synk-atgard-fel-svarsdatum-ej-passerat = Vad du kan göra: vänta tills svarsdatumet har passerat, eller registrera att brukaren avstår från att välja.
synk-atgard-fel-inaktuellt-brev = Vad du kan göra: skicka ett nytt brev med valfrihetsinformation, så att brukaren väljer bland utförarna som de är nu.
