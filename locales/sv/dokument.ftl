# Brev och blad som skrivs ut: valfrihetsinformationen, jämförelsebladet och beslutsmeddelandet.
# Klarspråk: korta meningar, du-tilltal, det viktigaste först.

dokument-sida = Sida { $nr } av { $antal }
dokument-uppgift-saknas = uppgift saknas
dokument-par = { $etikett }: { $varde }
dokument-datum = Datum
dokument-diarienummer = Diarienummer
dokument-personnummer = Personnummer
dokument-handlaggare = Handläggare
dokument-telefon = Telefon
dokument-epost = E-post
dokument-webb = Webbplats
dokument-telefon-rad = Telefon { $telefon }
dokument-co = c/o { $co }
dokument-kopia = Kopia till ombud
dokument-kopia-galler = Brevet gäller { $brukare }.
dokument-omfattning = { $tal } { $enhet }
dokument-giltighet = från { $fran } till och med { $till }
dokument-giltighet-tillsvidare = från { $fran } och tills vidare
dokument-kontakt = { $namn }, { $titel }. Telefon { $telefon }. E-post { $epost }.
dokument-ordning-alfabetisk = Utförarna står i bokstavsordning. Ordningen säger ingenting om hur bra de är.
dokument-ordning-slumpad = Utförarna står i en slumpad ordning. Ordningen säger ingenting om hur bra de är.
dokument-kol-utforare = Utförare
dokument-kol-regi = Driftsform
dokument-kol-sprak = Personalen talar
dokument-kol-status = Kan du välja den nu?
dokument-kol-varfor = Varför inte?
dokument-kol-inriktning = Inriktning
dokument-kol-tillagg = Tilläggstjänster
dokument-kol-kvalitet = Kvalitet
dokument-kol-kontakt = Kontakt
dokument-kvalitet = { $varde } { $enhet }

# Enheter för kvalitetsmått som registret ger på svenska; en enhet som inte finns här skrivs på
# svenska och markeras i brev på andra språk.
dokument-kvalitetsenhet-personer = personer
dokument-kvalitetsenhet-procent = procent
dokument-kvalitetsenhet-dagar = dagar
dokument-kvalitetsenhet-timmar = timmar
dokument-kvalitetsenhet-minuter = minuter

# Varför en utförare inte kan väljas, med ord som läsaren använder.
dokument-orsak-valbar = Kan väljas
dokument-orsak-vid_tak = Har ingen ledig plats just nu
dokument-orsak-pausad = Tar inte emot nya just nu
dokument-orsak-ej_omrade = Arbetar inte där du bor
dokument-orsak-ej_borjat = Börjar arbeta för kommunen senare
dokument-orsak-upphort = Arbetar inte längre för kommunen

dokument-ombud-brev = Du får det här brevet som { $roll ->
    [god_man] god man
    [forvaltare] förvaltare
    [anhorig] anhörig med fullmakt
   *[annat] ombud
} för { $brukare }. När det står ”du” i brevet menar vi { $brukare }. Du kan hjälpa till att välja eller välja åt { $brukare }.
dokument-ombud-beslut = Du får det här beslutet som { $roll ->
    [god_man] god man
    [forvaltare] förvaltare
    [anhorig] anhörig med fullmakt
   *[annat] ombud
} för { $brukare }. När det står ”du” i beslutet menar vi { $brukare }.

dokument-sammanfattning-rubrik = Det viktigaste i brevet
dokument-sammanfattning-valbara = { $antal ->
    [0] Just nu kan du inte välja någon utförare.
    [one] Just nu kan du välja 1 utförare.
   *[other] Just nu kan du välja mellan { $antal } utförare.
}
dokument-sammanfattning-nuvarande = I dag får du hjälp av { $utforare }. Du får behålla { $utforare } om du vill.
dokument-sammanfattning-nuvarande-slutar = { $utforare } kan inte fortsätta att hjälpa dig. Du behöver välja en ny utförare.
dokument-sammanfattning-svara = Svara senast { $svarsdatum }.
dokument-sammanfattning-svara-byta = Vill du byta? Svara då senast { $svarsdatum }.
dokument-sammanfattning-fragor = Har du frågor? Ring { $namn } på telefon { $telefon }.

dokument-brev-titel = Valfrihetsinformation: { $insats }
dokument-brev-rubrik = Du kan välja vem som ger dig { $insats }
dokument-brev-beslut = Du har fått ett beslut om { $insats }. Beslutet gäller { $giltighet }.
dokument-brev-omfattning = Du har rätt till { $omfattning }.
dokument-brev-nuvarande-rubrik = Din utförare i dag
dokument-brev-nuvarande-ickeval = Du valde ingen utförare. Därför fick du { $utforare }.
dokument-brev-nuvarande = I dag får du hjälp av { $utforare }. Du får behålla { $utforare }. Då behöver du inte göra något. Du kan också välja en annan utförare.
dokument-brev-nuvarande-slutar = { $utforare } kan inte fortsätta att hjälpa dig. Därför behöver du välja en ny utförare.
dokument-brev-valfrihet = Du bestämmer själv vem som ska ge dig hjälpen. Kommunen har godkänt { $antal } utförare för { $insats }. Alla finns med här nedanför. Det kostar dig lika mycket vilken du än väljer.
dokument-brev-utforare-forklaring = En utförare är ett företag, en förening eller en av kommunens egna verksamheter.
dokument-brev-valbara-rubrik = Utförare som du kan välja ({ $antal })
dokument-brev-inga-valbara = Just nu har ingen utförare plats för dig. Ring din handläggare, så hjälper vi dig.
dokument-brev-ej-valbara-rubrik = Utförare som du inte kan välja just nu ({ $antal })
dokument-brev-ej-valbara = Kommunen har godkänt även de här utförarna. Men just nu kan du inte välja dem. I listan står varför. Fråga din handläggare om du vill veta när det ändras.
dokument-brev-bilaga = Med brevet finns en bilaga: ”Jämförelse av utförare”. Där kan du jämföra utförarna, till exempel hur nöjda deras kunder är.
dokument-brev-ickeval-rubrik = Om du inte väljer
dokument-ickeval-egen_regi = Om du inte väljer får du hjälp av kommunens egen verksamhet: { $utforare }.
dokument-ickeval-egen_regi-utan-namn = Om du inte väljer får du hjälp av kommunens egen verksamhet.
dokument-ickeval-utsedd = Om du inte väljer får du hjälp av { $utforare }. Kommunen har bestämt att den utföraren hjälper dem som inte väljer.
dokument-ickeval-utsedd-utan-namn = Om du inte väljer får du hjälp av en utförare som kommunen har bestämt. Din handläggare kan berätta vilken det är.
dokument-ickeval-turordning = Om du inte väljer får du en utförare från en turordningslista. Den utförare som står på tur får uppdraget. En utförare som inte har plats hoppas över. Efteråt kan vi visa vem som stod på tur och varför.
dokument-brev-valja-rubrik = Så här väljer du
dokument-brev-valja = Kryssa för den utförare du vill ha på svarstalongen på sista sidan. Skicka talongen till oss senast { $svarsdatum }. Du kan också ringa din handläggare och säga vad du väljer.
dokument-brev-byta-rubrik = Du kan byta utförare senare
dokument-brev-byta = Du kan byta utförare när du vill. Du behöver inte säga varför. Kontakta din handläggare. { $dagar ->
    [0] Bytet gäller från den dag vi registrerar det.
    [one] Den nya utföraren börjar { $dagar } dag efter att vi har registrerat bytet.
   *[other] Den nya utföraren börjar { $dagar } dagar efter att vi har registrerat bytet.
}
dokument-brev-fragor-rubrik = Har du frågor?
dokument-brev-fragor = Ring eller mejla din handläggare. Du kan också få hjälp att välja.

dokument-talong-rubrik = Svarstalong: val av utförare
dokument-talong-brukare = Svaret gäller { $namn }, personnummer { $personnummer }.
dokument-talong-diarienummer = Diarienummer: { $diarienummer }
dokument-talong-instruktion = Sätt ett kryss för den utförare du väljer. Välj bara en. Här står de utförare som har plats för dig just nu.
dokument-talong-ingen-valbar = Just nu har ingen utförare plats för dig. Ring din handläggare, så hjälper vi dig.
dokument-talong-behalla = Jag vill behålla { $utforare }.
dokument-talong-vill-inte = Jag vill inte välja. Då gäller det som står under ”Om du inte väljer”.
dokument-talong-datum = Datum
dokument-talong-underskrift = Namnteckning
dokument-talong-fortydligande = Namnförtydligande
dokument-talong-skicka = Skicka talongen till oss senast { $svarsdatum }. Adressen är:

dokument-blad-titel = Jämförelse av utförare: { $insats }, { $omrade }
dokument-blad-titel-utan-omrade = Jämförelse av utförare: { $insats }
dokument-blad-bilaga = Bilaga till brevet från { $datum }
dokument-blad-intro = { $antal ->
        [one] Här finns den enda utföraren som kommunen har godkänt för { $insats }.
       *[other] Här finns alla { $antal } utförare som kommunen har godkänt för { $insats }.
    } Bladet visar samma uppgifter för alla. Kommunen betalar lika mycket till alla utförare.
dokument-blad-kallor-rubrik = Varifrån siffrorna kommer
dokument-blad-kontakt-rubrik = Så når du utförarna
dokument-blad-kalla = ({ $nr }) { $namn }: { $kalla }, { $ar }.
dokument-blad-sidfot = Sammanställt av { $namn } { $datum }. Utförarregistrets version { $version }. { $ordning }
dokument-blad-avsandare = { $kommun }, { $namnd }
dokument-bilaga-sida = Bilaga, sida { $nr } av { $antal }

dokument-beslut-titel = Beslut om { $insats }
dokument-beslut-avslag = Du får inte { $insats }. Vi har sagt nej till din ansökan. Skälen står under ”Skälen för beslutet”.
dokument-beslut-delvis = Du får en del av det du har ansökt om.
dokument-beslut-delvis-inte = Resten av det du har ansökt om får du inte. Skälen står under ”Skälen för beslutet”.
dokument-beslut-delvis-inte-vad = Det här får du inte: { $ej_beviljat } Skälen står under ”Skälen för beslutet”.
dokument-beslut-beviljat = Du får { $insats }, { $omfattning }.
dokument-beslut-beviljat-utan-omfattning = Du får { $insats }.
dokument-beslut-galler = Beslutet gäller { $giltighet }.
dokument-beslut-inledning = Här är beslutet om din ansökan, { $namn }. Vi fattade beslutet { $datum }.
dokument-beslut-uppgift = Uppgift
dokument-beslut-varde = Beslut
dokument-beslut-utfall = Beslut
dokument-beslut-insats = Du ansökte om
dokument-beslut-omfattning = Hur mycket
dokument-beslut-giltighet = Gäller
dokument-beslut-ej-beviljat = Det får du inte
dokument-beslut-lagrum = Lag
dokument-beslut-beslutsdatum = Beslutsdatum
dokument-beslut-motivering = Skälen för beslutet
dokument-beslut-valja-rubrik = Du kan välja utförare
dokument-beslut-valja = Du kan själv välja vem som ska ge dig { $insats }. Vi skickar ett eget brev om det. I det brevet står alla utförare som du kan välja mellan.
dokument-beslut-uppfoljning-rubrik = Uppföljning
dokument-beslut-uppfoljning = Vi följer upp beslutet senast { $datum }.
dokument-beslut-fattat-av-rubrik = Vem fattade beslutet?
dokument-beslut-fattat-av = Beslutet är fattat av { $namn }, { $titel }. { $namn } har fått rätt att fatta beslutet av { $namnd } (delegation).
dokument-beslut-fattat-av-punkt = Beslutet är fattat av { $namn }, { $titel }. { $namn } har fått rätt att fatta beslutet av { $namnd }. Det står i delegationsordningen, punkt { $punkt }.
dokument-overklaga-rubrik = Om du vill överklaga
dokument-overklaga-hur = Om du inte är nöjd med beslutet kan du överklaga det. Skriv ett brev till { $namnd }. Skriv vilket beslut du överklagar, till exempel med diarienumret { $diarienummer }. Skriv också hur du vill att beslutet ska ändras.
dokument-overklaga-nar = Ditt överklagande ska ha kommit in till oss inom tre veckor från den dag du fick beslutet. Skicka det till { $adress }.
dokument-overklaga-sedan = Om nämnden inte ändrar beslutet skickar vi ditt överklagande vidare till förvaltningsrätten. Din handläggare kan hjälpa dig att skriva överklagandet.

dokument-sprak-sv = svenska
dokument-sprak-fi = finska
dokument-sprak-en = engelska
dokument-sprak-se = nordsamiska
dokument-sprak-yi = jiddisch
dokument-sprak-ar = arabiska
dokument-sprak-so = somaliska
dokument-sprak-fa = persiska
dokument-sprak-ku = kurdiska
dokument-sprak-ti = tigrinska
dokument-sprak-bs = bosniska
dokument-sprak-hr = kroatiska
dokument-sprak-sr = serbiska
dokument-sprak-pl = polska
dokument-sprak-es = spanska
dokument-sprak-de = tyska
dokument-sprak-fr = franska
dokument-sprak-ru = ryska
dokument-sprak-uk = ukrainska
dokument-sprak-tr = turkiska
dokument-sprak-th = thailändska
dokument-sprak-el = grekiska
dokument-sprak-et = estniska
dokument-sprak-no = norska
dokument-sprak-da = danska
dokument-sprak-sq = albanska

fel-dokument-typsnitt = Programmets inbyggda typsnitt ({ $namn }) kunde inte läsas, så inget dokument kunde skapas. Kontakta systemförvaltaren.
fel-dokument-skriva = Dokumentet kunde inte skapas. Kontakta systemförvaltaren och uppge: { $detalj }

# Register text that has no translation is printed in Swedish with this mark, and the
# document ends with the note.
dokument-pa-svenska = (på svenska)
dokument-pa-svenska-not = Text märkt (på svenska) finns bara på svenska. Du kan få hjälp av en tolk utan kostnad. Ring din handläggare.
dokument-motivering-som-skriven = Handläggaren har skrivit skälen själv. De står här som de skrevs.
dokument-lag-sol = socialtjänstlagen
dokument-lag-lss = lagen om stöd och service till vissa funktionshindrade
dokument-talong-skriv-utforare = Skriv namnet på den utförare du väljer:
