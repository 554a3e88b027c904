# Kuntatila: kunnan yhteinen tietokanta (hubi) PostgreSQL:ssä.
hubb-fel-adress = Hubin osoite ei ole PostgreSQL-osoite ({ $detalj }). Kirjoita se muodossa postgresql://käyttäjä@palvelin/tietokanta.
hubb-fel-losenord = Väärä salasana käyttäjälle { $anvandare }, tai tunnusta ei ole hubissa.
hubb-fel-okand-roll = { $anvandare } voi kirjautua hubiin, mutta hänellä ei ole roolia Valfrissa. Pyydä järjestelmän ylläpitäjää lisäämään tunnus komennolla valfri hub user add.
hubb-fel-okant-rollnamn = Tuntematon rooli ”{ $roll }”. Valitse handlaggare tai systemforvaltare.
hubb-fel-nekad = Hubi ei päästä käyttäjää { $anvandare } sisään tältä tietokoneelta (pg_hba.conf). Ota yhteyttä kunnan tietokannan ylläpitäjään.
hubb-fel-onaborbar = Hubiin osoitteessa { $adress } ei saada yhteyttä. Tarkista verkko ja osoite; työsi säilyy tällä tietokoneella. ({ $detalj })
hubb-fel-tls = Hubi osoitteessa { $adress } kieltäytyi suojatusta (TLS-)yhteydestä. Pyydä tietokannan ylläpitäjää ottamaan TLS käyttöön; Valfri ei lähetä salasanoja salaamatta, kun TLS vaaditaan. ({ $detalj })
hubb-fel-nyare-schema = Hubi on otettu käyttöön uudemmalla Valfrin versiolla (hubin skeema { $hubb }). Tämä ohjelma, Valfri { $valfri }, tuntee vain hubin skeeman { $program }. Päivitä Valfri tällä tietokoneella.
hubb-fel-aldre-schema = Hubin skeema on vanhempi ({ $hubb }, tämä ohjelma tarvitsee version { $program }). Skeeman omistajan on ajettava valfri hub init.
hubb-fel-inte-initierad = Tietokannassa ei ole vielä Valfri-hubia. Skeeman omistajan on ajettava valfri hub init.
hubb-fel-behorighet = Hubi kieltäytyi: tunnuksesi ei saa tehdä tätä. ({ $detalj })
hubb-fel-beslut-fattat = Päätös on tehty, eikä sitä voi muuttaa tai poistaa.
hubb-fel-loggen = Tapahtumalokia ei voi muuttaa eikä poistaa.
hubb-fel-skal = Turvakiellon alaisen asiakkaan asiakirjojen avaaminen vaatii perusteen.
hubb-fel-ogiltig-inloggning = ”{ $login }” ei kelpaa tunnukseksi: käytä pieniä kirjaimia a–z, numeroita ja merkkejä . _ - @, aloita kirjaimella, enintään 63 merkkiä.
hubb-fel-inloggning-finns = Tunnus { $login } on jo hubissa.
hubb-fel-tomt-losenord = Salasana on tyhjä. Laita se nimeämääsi ympäristömuuttujaan.
hubb-fel-avbruten = Yhteys hubiin katkesi. Mitään puolivalmista ei tallennettu; yritä uudelleen. ({ $detalj })
hubb-fel-internt = Hubi vastasi virheellä: { $detalj }
hubb-init-klar = Hubin skeema on nyt { $till } (oli { $fran }); roolit ja oikeudet on asetettu.
hubb-init-oforandrad = Hubin skeema oli jo { $till }; roolit ja oikeudet asetettiin uudelleen.
hubb-anvandare-klar = { $login } voi nyt kirjautua hubiin roolissa { $roll }.
hubb-fel-inte-tom = Keskustietokannassa on jo kunnan tiedot. Erillisen tietokannan voi tuoda vain tyhjään keskustietokantaan.
hubb-import-klar = { $rader } riviä tiedostosta { $fran } on nyt keskustietokannassa.

synk-fel-inte-replika = Tämä tietokanta on erillinen työasema, jota ei ole liitetty keskustietokantaan.
synk-fel-ingen-hubb = Keskustietokantaa ei ole annettu (--hub ja --hub-user); tekemäsi toimet odottavat lähtevien kansiossa.
synk-fel-annan-hubb = Tämä työasema kuuluu keskustietokantaan { $hubb } käyttäjälle { $anvandare }. Käytä sitä tunnusta tai omaa tietokantatiedostoa.
synk-fel-ej-i-kommunlage = Tätä ei vielä voi tehdä kuntatilan työasemalta. Tee se erillisellä työasemalla tai pyydä järjestelmänvalvojaa.
synk-klar = Lähetetty: { $tillampade } toteutettu, { $nekade } hylätty. Haettu { $hamtade } muutosta keskustietokannasta.
synk-vantar = Tallennettu tälle tietokoneelle, odottaa vahvistusta kunnan rekisteristä: { $orsak }
synk-status-hubb = Keskustietokanta: { $hubb } käyttäjänä { $anvandare }
synk-status-senast = Viimeksi haettu: { $tid } (muutos { $markor })
synk-status-aldrig = Keskustietokannasta ei ole vielä haettu mitään.
synk-status-vantar = { $antal ->
    [0] Lähtevien kansiossa ei odota mitään.
    [one] 1 asia odottaa lähtevien kansiossa (alustava: odottaa vahvistusta kunnan rekisteristä).
   *[other] { $antal } asiaa odottaa lähtevien kansiossa (alustavia: odottavat vahvistusta kunnan rekisteristä).
}
synk-status-nekade = { $antal ->
    [0] Mitään ei ole hylätty.
    [one] Keskustietokanta hylkäsi 1 asian:
   *[other] Keskustietokanta hylkäsi { $antal } asiaa:
}
synk-nekad = Keskustietokanta sanoi ei: { $text }
synk-status-klocka = Tämän tietokoneen kello on { $minuter } minuuttia väärässä kunnan rekisteriin verrattuna. Rekisterin aika on voimassa; pyydä IT-tukea korjaamaan kello.
synk-status-synkar = Synkronoidaan: { $klara }/{ $av } lähetetty kunnan rekisteriin.
synk-atgard-fel-inte-valbar = Mitä voit tehdä: valitse toinen palveluntuottaja tai anna asiakkaan odottaa paikkaa tältä.
synk-atgard-fel-har-redan-utforare = Mitä voit tehdä: joku muu on jo antanut päätökselle palveluntuottajan; avaa päätös nähdäksesi kenet.
synk-atgard-fel-samma-utforare = Mitä voit tehdä: ei mitään, asiakkaalla on jo tämä palveluntuottaja.
synk-atgard-fel-hittas-inte = Mitä voit tehdä: päätöstä ei ole kunnan rekisterissä; tarkista asia järjestelmävalvojalta.
synk-atgard-fel-svarsdatum-ej-passerat = Mitä voit tehdä: odota, kunnes vastauspäivä on ohi, tai kirjaa, ettei asiakas halua valita.
synk-atgard-fel-inaktuellt-brev = Mitä voit tehdä: lähetä uusi valinnanvapaustiedote, jotta asiakas valitsee palveluntuottajista niiden nykyisten tietojen perusteella.
