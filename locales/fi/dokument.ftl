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
dokument-kol-inriktning = Painotus
dokument-kol-tillagg = Lisäpalvelut
dokument-kol-kvalitet = Laatu
dokument-kol-kontakt = Yhteystiedot
dokument-etikett-status = Juuri nyt
dokument-kvalitet = { $namn }: { $varde } { $enhet } ({ $ar }, { $kalla })

dokument-brev-titel = Tietoa valinnanvapaudesta: { $insats }
dokument-brev-rubrik = Voit valita palveluntuottajan: { $insats }
dokument-brev-beslut = Olet saanut päätöksen palvelusta { $insats }. Päätös on voimassa { $giltighet }.
dokument-brev-omfattning = Sinulla on oikeus palveluun { $omfattning }.
dokument-brev-valfrihet = Päätät itse, kuka palvelusi tuottaa. Kunta on hyväksynyt { $antal ->
    [one] { $antal } palveluntuottajan, ja se on mukana alla olevassa luettelossa.
   *[other] { $antal } palveluntuottajaa, ja kaikki ovat mukana alla olevassa luettelossa.
} Kunta maksaa kaikille saman verran, ja sinulle hinta on sama, valitsitpa minkä tahansa.
dokument-brev-lista-rubrik = Palveluntuottajat, joista voit valita
dokument-brev-ej-valbar = Et voi valita tänään palveluntuottajaa, joka ei juuri nyt ota uusia asiakkaita. Se on silti luettelossa, jotta tiedät, mitä vaihtoehtoja on. Kysy käsittelijältäsi, jos haluat tietää, milloin se ottaa taas uusia asiakkaita.
dokument-brev-ickeval-rubrik = Jos et valitse
dokument-ickeval-egen_regi = Jos et valitse, saat apua kunnan omasta palvelusta: { $utforare }.
dokument-ickeval-egen_regi-utan-namn = Jos et valitse, saat apua kunnan omasta palvelusta.
dokument-ickeval-utsedd = Jos et valitse, apua antaa { $utforare }. Kunta on päättänyt, että tämä palveluntuottaja ottaa tehtävän, kun kukaan ei ole valinnut.
dokument-ickeval-utsedd-utan-namn = Jos et valitse, apua antaa palveluntuottaja, jonka kunta on nimennyt tähän tehtävään. Käsittelijäsi voi kertoa, mikä se on.
dokument-ickeval-turordning = Jos et valitse, saat palveluntuottajan vuorolistalta. Lista kiertää palveluntuottajien välillä, ja tehtävän saa se, jonka vuoro on seuraavana. Palveluntuottaja, joka ei ota uusia asiakkaita, ohitetaan. Jälkeenpäin voimme näyttää, kenen vuoro oli ja miksi.
dokument-brev-valja-rubrik = Näin valitset
dokument-brev-valja = Merkitse rasti viimeisellä sivulla olevaan vastauslomakkeeseen ja lähetä se meille viimeistään { $svarsdatum }. Voit myös soittaa käsittelijällesi ja kertoa valintasi.
dokument-brev-byta-rubrik = Voit vaihtaa palveluntuottajaa myöhemmin
dokument-brev-byta = Voit vaihtaa palveluntuottajaa milloin tahansa, eikä sinun tarvitse kertoa syytä. Ota yhteyttä käsittelijääsi. { $dagar ->
    [0] Vaihto tulee voimaan sinä päivänä, kun kirjaamme sen.
    [one] Uusi palveluntuottaja aloittaa { $dagar } päivän kuluttua siitä, kun olemme kirjanneet vaihdon.
   *[other] Uusi palveluntuottaja aloittaa { $dagar } päivän kuluttua siitä, kun olemme kirjanneet vaihdon.
}
dokument-brev-fragor-rubrik = Onko sinulla kysyttävää?
dokument-brev-fragor = Soita tai lähetä sähköpostia käsittelijällesi. Voit saada myös apua valintaan.

dokument-talong-rubrik = Vastauslomake: palveluntuottajan valinta
dokument-talong-brukare = Asiakas: { $namn }, henkilötunnus { $personnummer }
dokument-talong-diarienummer = Diaarinumero: { $diarienummer }
dokument-talong-instruktion = Merkitse rasti valitsemasi palveluntuottajan kohdalle. Valitse vain yksi. Tässä ovat palveluntuottajat, jotka ottavat nyt uusia asiakkaita.
dokument-talong-ingen-valbar = Juuri nyt mikään palveluntuottaja ei ota uusia asiakkaita. Soita käsittelijällesi, niin autamme sinua.
dokument-talong-vill-inte = En halua valita. Silloin noudatetaan sitä, mitä kohdassa ”Jos et valitse” kerrotaan.
dokument-talong-datum = Päivämäärä
dokument-talong-underskrift = Allekirjoitus
dokument-talong-fortydligande = Nimen selvennys
dokument-talong-skicka = Lähetä lomake meille viimeistään { $svarsdatum }. Osoite on:

dokument-blad-titel = Palveluntuottajien vertailu: { $insats }, { $omrade }
dokument-blad-intro = Tässä ovat kaikki { $antal } palveluntuottajaa, jotka kunta on hyväksynyt palveluun { $insats } alueella { $omrade }. Lomakkeessa on samat tiedot jokaisesta. Kunta maksaa kaikille palveluntuottajille saman verran.
dokument-blad-sidfot = Koonnut { $namn } { $datum }. Palveluntuottajarekisterin versio { $version }. { $ordning }
dokument-blad-avsandare = { $kommun }, { $namnd }

dokument-beslut-titel = Päätös: { $insats }
dokument-beslut-inledning = Tässä on päätös hakemukseesi, { $namn }. Teimme päätöksen { $datum }.
dokument-beslut-uppgift = Kohta
dokument-beslut-varde = Päätös
dokument-beslut-utfall = Päätös
dokument-beslut-insats = Palvelu
dokument-beslut-omfattning = Laajuus
dokument-beslut-giltighet = Voimassa
dokument-beslut-lagrum = Lainkohta
dokument-beslut-beslutsdatum = Päätöspäivä
dokument-beslut-motivering = Päätöksen perustelut
dokument-beslut-uppfoljning-rubrik = Seuranta
dokument-beslut-uppfoljning = Seuraamme päätöstä viimeistään { $datum }.
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
