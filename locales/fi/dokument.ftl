# Tulostettavat kirjeet ja lomakkeet: valinnanvapaustiedote, vertailulomake ja päätöskirje.
# Selkokieli: lyhyet lauseet, puhutellaan lukijaa, tärkein asia ensin.

dokument-sida = Sivu { $nr }/{ $antal }
dokument-uppgift-saknas = tieto puuttuu
dokument-par = { $etikett }: { $varde }
dokument-datum = Päivämäärä
dokument-diarienummer = Diaarinumero
dokument-personnummer = Henkilötunnus
dokument-handlaggare = Käsittelijä
dokument-telefon = Puhelin
dokument-epost = Sähköposti
dokument-webb = Verkkosivu
dokument-telefon-rad = Puhelin { $telefon }
dokument-co = c/o { $co }
dokument-kopia = Kopio asiamiehelle
dokument-kopia-galler = Kirje koskee henkilöä { $brukare }.
dokument-omfattning = { $tal } { $enhet }
dokument-giltighet = { $fran } alkaen { $till } asti
dokument-giltighet-tillsvidare = { $fran } alkaen toistaiseksi
dokument-kontakt = { $namn }, { $titel }. Puhelin { $telefon }. Sähköposti { $epost }.
dokument-ordning-alfabetisk = Palveluntuottajat ovat aakkosjärjestyksessä. Järjestys ei kerro mitään siitä, kuinka hyviä ne ovat.
dokument-ordning-slumpad = Palveluntuottajat ovat satunnaisessa järjestyksessä. Järjestys ei kerro mitään siitä, kuinka hyviä ne ovat.
dokument-kol-utforare = Palveluntuottaja
dokument-kol-regi = Ylläpitäjä
dokument-kol-sprak = Henkilöstö puhuu
dokument-kol-status = Voitko valita sen nyt?
dokument-kol-varfor = Miksi ei?
dokument-kol-inriktning = Painotus
dokument-kol-tillagg = Lisäpalvelut
dokument-kol-kvalitet = Laatu
dokument-kol-kontakt = Yhteystiedot
dokument-kvalitet = { $varde } { $enhet }

# Laatuindikaattorien yksiköt, jotka rekisteri antaa ruotsiksi; muut yksiköt tulostetaan
# ruotsiksi ja merkitään.
dokument-kvalitetsenhet-personer = henkilöä
dokument-kvalitetsenhet-procent = prosenttia
dokument-kvalitetsenhet-dagar = päivää
dokument-kvalitetsenhet-timmar = tuntia
dokument-kvalitetsenhet-minuter = minuuttia

dokument-orsak-valbar = Voidaan valita
dokument-orsak-vid_tak = Ei vapaita paikkoja juuri nyt
dokument-orsak-pausad = Ei ota uusia asiakkaita juuri nyt
dokument-orsak-ej_omrade = Ei toimi alueella, jossa asut
dokument-orsak-ej_borjat = Aloittaa kunnan palveluntuottajana myöhemmin
dokument-orsak-upphort = Ei enää toimi kunnan palveluntuottajana

dokument-ombud-brev = Saat tämän kirjeen { $roll ->
    [god_man] edunvalvojana (god man)
    [forvaltare] edunvalvojana (förvaltare)
    [anhorig] valtakirjan saaneena omaisena
   *[annat] asiamiehenä
} henkilölle { $brukare }. Kun kirjeessä lukee ”sinä”, tarkoitamme henkilöä { $brukare }. Voit auttaa valinnassa tai valita hänen puolestaan.
dokument-ombud-beslut = Saat tämän päätöksen { $roll ->
    [god_man] edunvalvojana (god man)
    [forvaltare] edunvalvojana (förvaltare)
    [anhorig] valtakirjan saaneena omaisena
   *[annat] asiamiehenä
} henkilölle { $brukare }. Kun päätöksessä lukee ”sinä”, tarkoitamme henkilöä { $brukare }.

dokument-sammanfattning-rubrik = Tärkeintä tässä kirjeessä
dokument-sammanfattning-valbara = { $antal ->
    [0] Juuri nyt et voi valita yhtään palveluntuottajaa.
    [one] Juuri nyt voit valita 1 palveluntuottajan.
   *[other] Juuri nyt voit valita { $antal } palveluntuottajan joukosta.
}
dokument-sammanfattning-nuvarande = Tänään saat apua palveluntuottajalta { $utforare }. Voit pitää sen, jos haluat.
dokument-sammanfattning-nuvarande-slutar = { $utforare } ei voi enää auttaa sinua. Sinun on valittava uusi palveluntuottaja.
dokument-sammanfattning-svara = Vastaa viimeistään { $svarsdatum }.
dokument-sammanfattning-svara-byta = Haluatko vaihtaa? Vastaa silloin viimeistään { $svarsdatum }.
dokument-sammanfattning-fragor = Onko sinulla kysyttävää? Soita: { $namn }, puhelin { $telefon }.

dokument-brev-titel = Tietoa valinnanvapaudesta: { $insats }
dokument-brev-rubrik = Voit valita palveluntuottajan: { $insats }
dokument-brev-beslut = Olet saanut päätöksen palvelusta { $insats }. Päätös on voimassa { $giltighet }.
dokument-brev-omfattning = Sinulla on oikeus palveluun { $omfattning }.
dokument-brev-nuvarande-rubrik = Palveluntuottajasi nyt
dokument-brev-nuvarande-ickeval = Et valinnut palveluntuottajaa. Siksi sait palveluntuottajaksi { $utforare }.
dokument-brev-nuvarande = Tänään saat apua palveluntuottajalta { $utforare }. Voit pitää sen. Silloin sinun ei tarvitse tehdä mitään. Voit myös valita toisen palveluntuottajan.
dokument-brev-nuvarande-slutar = { $utforare } ei voi enää auttaa sinua. Siksi sinun on valittava uusi palveluntuottaja.
dokument-brev-valfrihet = Päätät itse, kuka antaa sinulle apua. Kunta on hyväksynyt { $antal ->
    [one] { $antal } palveluntuottajan
   *[other] { $antal } palveluntuottajaa
} palveluun { $insats }. Kaikki ovat alla olevassa luettelossa. Hinta on sinulle sama, valitsitpa minkä tahansa.
dokument-brev-utforare-forklaring = Palveluntuottaja on yritys, yhdistys tai kunnan oma toimintayksikkö.
dokument-brev-valbara-rubrik = Palveluntuottajat, jotka voit valita ({ $antal })
dokument-brev-inga-valbara = Juuri nyt millään palveluntuottajalla ei ole paikkaa sinulle. Soita käsittelijällesi, niin autamme sinua.
dokument-brev-ej-valbara-rubrik = Palveluntuottajat, joita et voi valita juuri nyt ({ $antal })
dokument-brev-ej-valbara = Kunta on hyväksynyt myös nämä palveluntuottajat. Juuri nyt et kuitenkaan voi valita niitä. Luettelossa kerrotaan syy. Kysy käsittelijältäsi, jos haluat tietää, milloin tilanne muuttuu.
dokument-brev-bilaga = Kirjeen liitteenä on ”Palveluntuottajien vertailu”. Siinä voit vertailla palveluntuottajia, esimerkiksi sitä, kuinka tyytyväisiä niiden asiakkaat ovat.
dokument-brev-ickeval-rubrik = Jos et valitse
dokument-ickeval-egen_regi = Jos et valitse, saat apua kunnan omasta palvelusta: { $utforare }.
dokument-ickeval-egen_regi-utan-namn = Jos et valitse, saat apua kunnan omasta palvelusta.
dokument-ickeval-utsedd = Jos et valitse, apua antaa { $utforare }. Kunta on päättänyt, että tämä palveluntuottaja auttaa niitä, jotka eivät valitse.
dokument-ickeval-utsedd-utan-namn = Jos et valitse, apua antaa palveluntuottaja, jonka kunta on päättänyt. Käsittelijäsi voi kertoa, mikä se on.
dokument-ickeval-turordning = Jos et valitse, saat palveluntuottajan vuorolistalta. Tehtävän saa se palveluntuottaja, jonka vuoro on. Palveluntuottaja, jolla ei ole vapaata paikkaa, ohitetaan. Jälkeenpäin voimme näyttää, kenen vuoro oli ja miksi.
dokument-brev-valja-rubrik = Näin valitset
dokument-brev-valja = Merkitse rasti haluamasi palveluntuottajan kohdalle viimeisellä sivulla olevaan vastauslomakkeeseen. Lähetä lomake meille viimeistään { $svarsdatum }. Voit myös soittaa käsittelijällesi ja kertoa valintasi.
dokument-brev-byta-rubrik = Voit vaihtaa palveluntuottajaa myöhemmin
dokument-brev-byta = Voit vaihtaa palveluntuottajaa milloin tahansa. Sinun ei tarvitse kertoa syytä. Ota yhteyttä käsittelijääsi. { $dagar ->
    [0] Vaihto tulee voimaan sinä päivänä, kun kirjaamme sen.
    [one] Uusi palveluntuottaja aloittaa { $dagar } päivän kuluttua siitä, kun olemme kirjanneet vaihdon.
   *[other] Uusi palveluntuottaja aloittaa { $dagar } päivän kuluttua siitä, kun olemme kirjanneet vaihdon.
}
dokument-brev-fragor-rubrik = Onko sinulla kysyttävää?
dokument-brev-fragor = Soita tai lähetä sähköpostia käsittelijällesi. Voit saada myös apua valintaan.

dokument-talong-rubrik = Vastauslomake: palveluntuottajan valinta
dokument-talong-brukare = Vastaus koskee henkilöä { $namn }, henkilötunnus { $personnummer }.
dokument-talong-diarienummer = Diaarinumero: { $diarienummer }
dokument-talong-instruktion = Merkitse rasti valitsemasi palveluntuottajan kohdalle. Valitse vain yksi. Tässä ovat palveluntuottajat, joilla on nyt paikka sinulle.
dokument-talong-ingen-valbar = Juuri nyt millään palveluntuottajalla ei ole paikkaa sinulle. Soita käsittelijällesi, niin autamme sinua.
dokument-talong-behalla = Haluan pitää palveluntuottajan { $utforare }.
dokument-talong-vill-inte = En halua valita. Silloin noudatetaan sitä, mitä kohdassa ”Jos et valitse” kerrotaan.
dokument-talong-datum = Päivämäärä
dokument-talong-underskrift = Allekirjoitus
dokument-talong-fortydligande = Nimen selvennys
dokument-talong-skicka = Lähetä lomake meille viimeistään { $svarsdatum }. Osoite on:

dokument-blad-titel = Palveluntuottajien vertailu: { $insats }, { $omrade }
dokument-blad-titel-utan-omrade = Palveluntuottajien vertailu: { $insats }
dokument-blad-bilaga = Liite kirjeeseen, päivätty { $datum }
dokument-blad-intro = { $antal ->
        [one] Tässä on ainoa palveluntuottaja, jonka kunta on hyväksynyt palveluun { $insats }.
       *[other] Tässä ovat kaikki { $antal } palveluntuottajaa, jotka kunta on hyväksynyt palveluun { $insats }.
    } Lomakkeessa on samat tiedot jokaisesta. Kunta maksaa kaikille palveluntuottajille saman verran.
dokument-blad-kallor-rubrik = Mistä luvut ovat peräisin
dokument-blad-kontakt-rubrik = Näin tavoitat palveluntuottajat
dokument-blad-kalla = ({ $nr }) { $namn }: { $kalla }, { $ar }.
dokument-blad-sidfot = Koonnut { $namn } { $datum }. Palveluntuottajarekisterin versio { $version }. { $ordning }
dokument-blad-avsandare = { $kommun }, { $namnd }
dokument-bilaga-sida = Liite, sivu { $nr }/{ $antal }

dokument-beslut-titel = Päätös: { $insats }
dokument-beslut-avslag = Et saa palvelua { $insats }. Olemme hylänneet hakemuksesi. Perustelut ovat kohdassa ”Päätöksen perustelut”.
dokument-beslut-delvis = Saat osan siitä, mitä hait.
dokument-beslut-delvis-inte = Muuta osaa siitä, mitä hait, et saa. Perustelut ovat kohdassa ”Päätöksen perustelut”.
dokument-beslut-delvis-inte-vad = Tätä et saa: { $ej_beviljat } Perustelut ovat kohdassa ”Päätöksen perustelut”.
dokument-beslut-beviljat = Saat palvelun { $insats }, { $omfattning }.
dokument-beslut-beviljat-utan-omfattning = Saat palvelun { $insats }.
dokument-beslut-galler = Päätös on voimassa { $giltighet }.
dokument-beslut-inledning = Tässä on päätös hakemukseesi, { $namn }. Teimme päätöksen { $datum }.
dokument-beslut-uppgift = Kohta
dokument-beslut-varde = Päätös
dokument-beslut-utfall = Päätös
dokument-beslut-insats = Hait palvelua
dokument-beslut-omfattning = Kuinka paljon
dokument-beslut-giltighet = Voimassa
dokument-beslut-ej-beviljat = Et saa
dokument-beslut-lagrum = Laki
dokument-beslut-beslutsdatum = Päätöspäivä
dokument-beslut-motivering = Päätöksen perustelut
dokument-beslut-valja-rubrik = Voit valita palveluntuottajan
dokument-beslut-valja = Voit itse valita, kuka antaa sinulle palvelun { $insats }. Lähetämme siitä erillisen kirjeen. Siinä ovat kaikki palveluntuottajat, joista voit valita.
dokument-beslut-uppfoljning-rubrik = Seuranta
dokument-beslut-uppfoljning = Seuraamme päätöstä viimeistään { $datum }.
dokument-beslut-fattat-av-rubrik = Kuka teki päätöksen?
dokument-beslut-fattat-av = Päätöksen teki { $namn }, { $titel }. { $namn } on saanut oikeuden tehdä päätöksen lautakunnalta { $namnd } (delegointi).
dokument-beslut-fattat-av-punkt = Päätöksen teki { $namn }, { $titel }. { $namn } on saanut oikeuden tehdä päätöksen lautakunnalta { $namnd }. Se on delegointijärjestyksen kohta { $punkt }.
dokument-overklaga-rubrik = Jos haluat valittaa
dokument-overklaga-hur = Jos et ole tyytyväinen päätökseen, voit valittaa siitä. Kirjoita kirje, jonka osoitat lautakunnalle { $namnd }. Kerro, mistä päätöksestä valitat, esimerkiksi diaarinumerolla { $diarienummer }, ja miten haluat päätöstä muutettavan.
dokument-overklaga-nar = Valituksesi on oltava meillä kolmen viikon kuluessa siitä päivästä, jona sait päätöksen. Lähetä se osoitteeseen { $adress }.
dokument-overklaga-sedan = Jos lautakunta ei muuta päätöstä, lähetämme valituksesi eteenpäin hallinto-oikeuteen (förvaltningsrätten). Käsittelijäsi voi auttaa sinua kirjoittamaan valituksen.

dokument-sprak-sv = ruotsi
dokument-sprak-fi = suomi
dokument-sprak-en = englanti
dokument-sprak-se = pohjoissaame
dokument-sprak-yi = jiddiš
dokument-sprak-ar = arabia
dokument-sprak-so = somali
dokument-sprak-fa = persia
dokument-sprak-ku = kurdi
dokument-sprak-ti = tigrinja
dokument-sprak-bs = bosnia
dokument-sprak-hr = kroatia
dokument-sprak-sr = serbia
dokument-sprak-pl = puola
dokument-sprak-es = espanja
dokument-sprak-de = saksa
dokument-sprak-fr = ranska
dokument-sprak-ru = venäjä
dokument-sprak-uk = ukraina
dokument-sprak-tr = turkki
dokument-sprak-th = thai
dokument-sprak-el = kreikka
dokument-sprak-et = viro
dokument-sprak-no = norja
dokument-sprak-da = tanska
dokument-sprak-sq = albania

fel-dokument-typsnitt = Ohjelman sisäistä fonttia ({ $namn }) ei voitu lukea, joten asiakirjaa ei voitu luoda. Ota yhteyttä järjestelmän ylläpitäjään.
fel-dokument-skriva = Asiakirjaa ei voitu luoda. Ota yhteyttä järjestelmän ylläpitäjään ja kerro tämä: { $detalj }

# Register text that has no translation is printed in Swedish with this mark, and the
# document ends with the note.
dokument-pa-svenska = (ruotsiksi)
dokument-pa-svenska-not = Merkinnällä (ruotsiksi) merkitty teksti on saatavilla vain ruotsiksi. Voit saada tulkin maksutta. Soita käsittelijällesi.
dokument-motivering-som-skriven = Käsittelijä on kirjoittanut perustelut itse. Ne ovat tässä sellaisina kuin ne kirjoitettiin.
dokument-lag-sol = Ruotsin sosiaalipalvelulaki
dokument-lag-lss = Ruotsin laki eräiden toimintarajoitteisten henkilöiden tuesta ja palveluista
dokument-talong-skriv-utforare = Kirjoita valitsemasi palveluntuottajan nimi:
