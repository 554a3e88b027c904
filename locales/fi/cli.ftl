# Komentoriviohjelma valfri.

cli-hjalp =
    Käyttö: valfri [--db TIEDOSTO] [--user TUNNUS] [--passphrase-env MUUTTUJA] [--lang sv|en|fi] [--json] KOMENTO

    Komennot:
      demo [--force] (--logins | --passphrase-env MUUTTUJA | --plaintext)
                                          luo esimerkkikunta Exempelby tietokantaan (salattuna, tai salaamattomana valitsimella --plaintext);
                                          valitsimella --logins kirjautuminen kullekin käsittelijälle (karin.holm …), salalause exempelby-demo
      generate --brukare N --utforare M [--seed S] (--passphrase-env MUUTTUJA | --plaintext)
                                          luo suuri kuviteltu kunta suorituskykymittauksia varten
      insatser | omraden | utforare       luettele palvelut, alueet tai palveluntuottajat
      brukare search TEKSTI               hae asiakkaita nimellä tai henkilötunnuksella
      brukare import TIEDOSTO [--dry-run] [--sheet TAULUKKO]
                                          tuo asiakkaat CSV- tai XLSX-tiedostosta; kaikki tai ei mitään
      providers import TIEDOSTO [--dry-run] [--sheet TAULUKKO]
                                          tuo palveluntuottajarekisteri CSV- tai XLSX-tiedostosta; näyttää virheet
                                          riveittäin ja --dry-run-valinnalla, mitä muuttuisi. Työkirjasta luetaan
                                          taulukko TAULUKKO, muuten ensimmäinen taulukko, jossa on odotetut otsikot
      providers export [--format csv|hsds] [--out TIEDOSTO]
                                          vie rekisteri CSV- tai Open Referral HSDS -muodossa
      providers keygen --out AVAINTIEDOSTO
                                          luo avainpari rekisteripaketeille (AVAINTIEDOSTO ja AVAINTIEDOSTO.pub)
      providers package --key AVAINTIEDOSTO --out TIEDOSTO
                                          tallenna allekirjoitettu rekisteripaketti verkottomille toimipisteille
      providers apply-package TIEDOSTO --pubkey AVAINTIEDOSTO
                                          tarkista rekisteripaketti ja ota se käyttöön
      beslut add --brukare HETU --insats KOODI --utfall bifall|delvis|avslag
                 --from PVM ja valinnaisesti [--omfattning N] [--to PVM] [--uppfoljning PVM] [--motivering TEKSTI]
                 ja kun delvis, --ej-beviljat TEKSTI (mitä ei myönnetä)
                                          luo ja tee päätös; tulostaa sen tunnuksen
      beslut verkstall --beslut ID --date PVM
                                          kirjaa päätös täytäntöön pannuksi (palveluntuottaja aloitti) sinä päivänä
      queue add --beslut ID --utforare Y-TUNNUS|ID [--by brukare|ombud|handlaggare]
                                          aseta asiakas kapasiteettikattonsa saavuttaneen palveluntuottajan jonoon
      queue list [--brukare HETU] [--all] jonotuslista, pisimpään odottanut ensin, ja missä paikka on vapaana
      queue remove ID --reason TEKSTI     poista joku jonosta (syy vaaditaan)
      queue give ID                       anna vapaa paikka sille, jonka vuoro on (kirjaa valinnan)
      backup --out TIEDOSTO               varmuuskopioi tietokanta sen ollessa käytössä
      restore TIEDOSTO | restore --latest palauta tarkistettu varmuuskopio tai uusin automaattinen
      encrypt --new-passphrase-env MUUTTUJA
                                          salaa salaamaton tietokanta (kopio tarkistetaan ennen alkuperäisen poistoa)
      rekey --new-passphrase-env MUUTTUJA vaihda salalause (nykyinen annetaan valitsimella --passphrase-env)
      user list                           henkilökohtaiset kirjautumiset: käyttäjätunnus, käsittelijä, rooli, luotu
      user key add TUNNUS --handlaggare ID --new-passphrase-env MUUTTUJA
                                          anna käsittelijälle kirjautuminen ja ensimmäinen salalause (ylläpitäjä)
      user key remove TUNNUS              poista kirjautuminen; tietokanta saa uuden avaimen (ylläpitäjä)
      user passphrase --new-passphrase-env MUUTTUJA
                                          vaihda oma salalauseesi (nykyinen annetaan valitsimella --passphrase-env)
      user convert --login TUNNUS --handlaggare ID --new-passphrase-env MUUTTUJA
                                          siirry yhteisestä salalauseesta henkilökohtaisiin kirjautumisiin; kerrot,
                                          kuka ylläpitäjä olet, ja yhteinen salalause lakkaa toimimasta
      audit verify                        tarkista tapahtumalokin ketju
      valbara --beslut ID [--date PVM]    kaikki päätökseen hyväksytyt palveluntuottajat ja voiko ne valita
      choose --beslut ID --utforare YTUNNUS|ID [--date PVM] [--by brukare|ombud|handlaggare]
             ja valinnaisesti [--start PVM] [--info brev|samtal|tolk] [--sprak KIELI]
                                          kirjaa aktiivinen valinta tai vaihto
      ickeval --beslut ID [--date PVM] [--avstar]
                                          sovella valitsematta jättämisen vaihtoehtoa ja näytä perustelu
      stats [--from PVM] [--to PVM]       aktiiviset valinnat ja valitsematta jättämiset, tehtävät palveluntuottajittain
      letter --beslut ID --out TIEDOSTO.pdf [--large-print] [--lang sv|en|fi]
                                          valinnanvapaustiedote (ja kopio jokaiselle edustajalle)
      letters --out-dir HAKEMISTO (--beslut ID [ID …] | --omval)
                                          kirjeiden sarja; jatkuu siitä, mihin keskeytynyt sarja jäi
      sheet --insats KOODI --omrade KOODI --out TIEDOSTO.pdf [--large-print] [--lang L]
                                          vertailulomake
      decision-letter --beslut ID --out TIEDOSTO.pdf [--lang L]
                                          päätöskirje
      insats ickeval --insats KOODI --modell egen_regi|utsedd|turordning [--utforare YTUNNUS] [--utan-egen-regi]
                                          valitse palvelun valitsematta jättämisen vaihtoehto (ylläpitäjä)
      insats delegation --insats KOODI --punkt P  palvelun kohta delegointijärjestyksessä, esim. 3.2 (ylläpitäjä)
      insats name --insats KOODI --lang L --in-sentence NIMI
                                          miten palvelun nimi kirjoitetaan lauseen sisällä (tyhjä: sääntö) (ylläpitäjä)

      config check [--file TIEDOSTO]      tarkista organisaation asetustiedosto (/etc/valfri/valfri.toml) ja näytä, mitä se määrää
      --version                           Valfrin versio ja ohjelman kirjoittamat skeemaversiot

    Kuntatila (kunnan yhteinen PostgreSQL-tietokanta; työasemien synkronointia ei ole vielä rakennettu):
      hub init --url URL [--password-env MUUTTUJA]
                                          luo tai päivitä hubin skeema, roolit ja oikeudet (skeeman omistaja)
      hub sql                             tulosta rooli-, oikeus- ja rivitason suojauslauseet tietokannan ylläpitäjälle
      hub user add TUNNUS --namn TEKSTI --roll handlaggare|systemforvaltare --password-env MUUTTUJA --url URL
                 ja valinnaisesti [--hub-password-env MUUTTUJA] [--omraden KOODI,KOODI]
                                          luo henkilön tunnus hubiin; salasana luetaan ympäristömuuttujasta

    Tietokanta valitaan valitsimella --db tai muuttujalla VALFRI_DB; muuten käytetään sovelluksen omaa tiedostoa.
    Paluukoodit: 0 valmis, 1 estetty, 2 virheellinen käyttö, 3 tallennusvirhe.
cli-version = valfri { $valfri } (tietokantaskeema { $databas }, hubin skeema { $hubb })
cli-konfig-giltig = Organisaation asetustiedosto { $sokvag } on kelvollinen. Se määrää:
cli-konfig-tom = Organisaation asetustiedosto { $sokvag } on kelvollinen, mutta se ei määrää mitään.
cli-konfig-ingen = Polussa { $sokvag } ei ole organisaation tiedostoa: jokainen tietokone päättää itse.
cli-fel-saknar-varde = Valitsin --{ $namn } tarvitsee arvon.
cli-fel-okand = Tuntematon komento tai valitsin: { $namn }
cli-fel-saknas = { $namn } puuttuu.
cli-fel-extra = Odottamaton argumentti: { $namn }
cli-fel-skydd-saknas = Uusi tietokanta salataan: anna --passphrase-env MUUTTUJA (ympäristömuuttuja, jossa on salalause). Salaamaton tietokanta, jonka kuka tahansa tiedoston saanut voi lukea, luodaan vain valitsimella --plaintext.
cli-fel-skydd-dubbelt = Anna joko --passphrase-env salattua tietokantaa varten tai --plaintext salaamatonta varten, ei molempia.
cli-krypterad = Tietokanta { $sokvag } on nyt salattu. Sitä ei voi lukea ilman salalausetta; säilytä salalause turvallisesti.
cli-losenfras-bytt = Salalause on vaihdettu. Vanhemmat varmuuskopiot avautuvat yhä vanhalla salalauseella.
cli-demo-klar = Esimerkkikunta Exempelby kommun on nyt tiedostossa { $sokvag }: { $brukare } asiakasta ja { $utforare } palveluntuottajaa. Kaikki henkilöt ovat kuviteltuja.
cli-generera-klar = Kuviteltu kunta on nyt tiedostossa { $sokvag }: { $brukare } asiakasta ja { $utforare } palveluntuottajaa.
cli-backup-klar = Varmuuskopio on tallennettu ja tarkistettu: { $sokvag }
cli-aterstall-klar = Varmuuskopio on tarkistettu ja palautettu tiedostoon { $sokvag }.
cli-logg-hel = Tapahtumaloki on eheä: { $rader } riviä, yhtäkään ei ole muutettu tai poistettu.
cli-logg-bruten = Tapahtumaloki on rikki rivillä { $nr }: riviä on muutettu tai se on poistettu.
cli-inga-traffar = Yksikään asiakas ei vastaa hakua.
cli-ja = kyllä
cli-nej = ei
cli-kol-id = Tunnus
cli-kol-kod = Koodi
cli-kol-namn = Nimi
cli-kol-lagrum = Lainkohta
cli-kol-valfrihet = Valinnanvapaus
cli-kol-landsbygd = Maaseutu
cli-kol-orgnr = Y-tunnus
cli-kol-regi = Ylläpitäjä
cli-kol-personnummer = Henkilötunnus
cli-kol-omrade = Alue
cli-ordning = Järjestys: { $regel }. Palveluntuottajarekisterin versio { $version }.
cli-val-klart = Kirjattu: { $valtyp }, { $utforare } alkaen { $start }.
cli-ickeval-andrad = Palvelun { $insats } valitsematta jättämisen vaihtoehto on nyt: { $modell }.
cli-delegation-andrad = Palvelun { $insats } delegointikohta on nyt: { $punkt }. Tästä eteenpäin tehtävät päätökset saavat sen.
cli-namn-i-mening-andrat = Lauseen sisällä { $insats } kirjoitetaan nyt: { $namn }.
cli-kol-utforare = Palveluntuottaja
cli-kol-status = Tila
cli-kol-insats = Palvelu
cli-kol-aktivt-val = Aktiivinen valinta
cli-kol-ickeval = Valitsematta
cli-kol-byten = Vaihdot
cli-kol-andel = Aktiivisten valintojen osuus
cli-kol-tilldelningar = Tehtävät
cli-kol-platser = Paikat
cli-dokument-klart = Tallennettu: { $sokvag }
cli-batch-framsteg = Kirje { $klara }/{ $antal }
cli-batch-klar = { $skrivna } kirjettä kirjoitettu, { $redan } oli jo olemassa aiemmasta ajosta, hakemistossa { $katalog }.
cli-batch-stadat = Keskeytyneestä ajosta siirrettiin paikalleen kirjattuja kirjeitä: { $pa_plats }. Keskeneräisiä tiedostoja poistettiin: { $borttagna }.
cli-inloggning-behovs = Anna käyttäjätunnuksesi valitsimella --user TUNNUS (tai muuttujalla VALFRI_USER) ja salalauseesi valitsimella --passphrase-env MUUTTUJA.
cli-nyckelplats-tillagd = Kirjautuminen { $anvandare } on luotu. Henkilö vaihtaa itse ensimmäisen salalauseensa komennolla valfri user passphrase.
cli-nyckelplats-borttagen = Kirjautuminen { $anvandare } on poistettu, ja tietokanta on saanut uuden avaimen. Ennen tätä päivää tehdyt varmuuskopiot avautuvat yhä vanhalla kirjautumisella.
cli-egen-losenfras-bytt = Salalauseesi on vaihdettu. Ennen tätä päivää tehdyt varmuuskopiot avautuvat yhä vanhalla.
cli-konverterad = Tietokannassa { $sokvag } on nyt henkilökohtaiset kirjautumiset. Kirjaudut tunnuksella { $anvandare } ({ $namn }); yhteinen salalause ei enää toimi. Anna muille kirjautumiset komennolla valfri user key add.
cli-kol-anvandare = Käyttäjätunnus
cli-kol-roll = Rooli
cli-kol-skapad = Luotu
cli-handlaggare-saknas = (käsittelijää ei enää ole)

## Jonotuslista ja täytäntöönpano käsin
cli-ko-klart = Asiakas on jonossa ({ $id }).
cli-ko-ledig = paikka vapaana
cli-ko-vantar = odottaa
cli-ko-borttagen = Asiakas on poistettu jonosta.
cli-ko-given = Paikka on annettu ja valinta kirjattu.
cli-verkstallt = Päätös on kirjattu täytäntöön pannuksi { $datum } alkaen.
