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
dokument-kol-inriktning = Inriktning
dokument-kol-tillagg = Tilläggstjänster
dokument-kol-kvalitet = Kvalitet
dokument-kol-kontakt = Kontakt
dokument-etikett-status = Just nu
dokument-kvalitet = { $namn }: { $varde } { $enhet } ({ $ar }, { $kalla })

dokument-brev-titel = Valfrihetsinformation: { $insats }
dokument-brev-rubrik = Du kan välja utförare: { $insats }
dokument-brev-beslut = Du har fått ett beslut om { $insats }. Beslutet gäller { $giltighet }.
dokument-brev-omfattning = Du har rätt till { $omfattning }.
dokument-brev-valfrihet = Du bestämmer själv vem som ska utföra insatsen. Kommunen har godkänt { $antal } utförare, och alla finns med här nedan. Kommunen betalar lika mycket till alla, och det kostar dig lika mycket vilken du än väljer.
dokument-brev-lista-rubrik = Utförarna du kan välja mellan
dokument-brev-ej-valbar = En utförare som just nu inte tar emot nya kan du inte välja i dag. Den finns ändå med i listan, så att du vet vilka som finns. Fråga din handläggare om du vill veta när den tar emot nya igen.
dokument-brev-ickeval-rubrik = Om du inte väljer
dokument-ickeval-egen_regi = Om du inte väljer får du hjälp av kommunens egen verksamhet: { $utforare }.
dokument-ickeval-egen_regi-utan-namn = Om du inte väljer får du hjälp av kommunens egen verksamhet.
dokument-ickeval-utsedd = Om du inte väljer får du hjälp av { $utforare }. Kommunen har bestämt att den utföraren tar uppdraget när ingen har valt.
dokument-ickeval-utsedd-utan-namn = Om du inte väljer får du hjälp av den utförare som kommunen har utsett för det. Din handläggare kan berätta vilken det är.
dokument-ickeval-turordning = Om du inte väljer får du en utförare från en turordningslista. Listan går runt bland utförarna, och den som står näst på tur får uppdraget. En utförare som inte tar emot nya hoppas över. Efteråt kan vi visa vem som stod på tur och varför.
dokument-brev-valja-rubrik = Så här väljer du
dokument-brev-valja = Sätt ett kryss på svarstalongen på sista sidan och skicka den till oss senast { $svarsdatum }. Du kan också ringa din handläggare och berätta vad du har valt.
dokument-brev-byta-rubrik = Du kan byta utförare senare
dokument-brev-byta = Du kan byta utförare när du vill, och du behöver inte säga varför. Kontakta din handläggare. { $dagar ->
    [0] Bytet gäller från den dag vi registrerar det.
    [one] Den nya utföraren börjar { $dagar } dag efter att vi har registrerat bytet.
   *[other] Den nya utföraren börjar { $dagar } dagar efter att vi har registrerat bytet.
}
dokument-brev-fragor-rubrik = Har du frågor?
dokument-brev-fragor = Ring eller mejla din handläggare. Du kan också få hjälp att välja.

dokument-talong-rubrik = Svarstalong: val av utförare
dokument-talong-brukare = Brukare: { $namn }, personnummer { $personnummer }
dokument-talong-diarienummer = Diarienummer: { $diarienummer }
dokument-talong-instruktion = Sätt ett kryss för den utförare du väljer. Välj bara en. Här står de utförare som tar emot nya just nu.
dokument-talong-ingen-valbar = Just nu tar ingen utförare emot nya. Ring din handläggare, så hjälper vi dig.
dokument-talong-vill-inte = Jag vill inte välja. Då gäller det som står under ”Om du inte väljer”.
dokument-talong-datum = Datum
dokument-talong-underskrift = Namnteckning
dokument-talong-fortydligande = Namnförtydligande
dokument-talong-skicka = Skicka talongen till oss senast { $svarsdatum }. Adressen är:

dokument-blad-titel = Jämförelse av utförare: { $insats }, { $omrade }
dokument-blad-intro = Här finns alla { $antal } utförare som kommunen har godkänt för { $insats } i området { $omrade }. Bladet visar samma uppgifter för alla. Kommunen betalar lika mycket till alla utförare.
dokument-blad-sidfot = Sammanställt av { $namn } { $datum }. Utförarregistrets version { $version }. { $ordning }
dokument-blad-avsandare = { $kommun }, { $namnd }

dokument-beslut-titel = Beslut om { $insats }
dokument-beslut-inledning = Här är beslutet om din ansökan, { $namn }. Vi fattade beslutet { $datum }.
dokument-beslut-uppgift = Uppgift
dokument-beslut-varde = Beslut
dokument-beslut-utfall = Beslut
dokument-beslut-insats = Insats
dokument-beslut-omfattning = Omfattning
dokument-beslut-giltighet = Gäller
dokument-beslut-lagrum = Lagrum
dokument-beslut-beslutsdatum = Beslutsdatum
dokument-beslut-motivering = Skälen för beslutet
dokument-beslut-uppfoljning-rubrik = Uppföljning
dokument-beslut-uppfoljning = Vi följer upp beslutet senast { $datum }.
dokument-overklaga-rubrik = Om du vill överklaga
dokument-overklaga-hur = Om du inte är nöjd med beslutet kan du överklaga det. Skriv ett brev till { $namnd }. Skriv vilket beslut du överklagar, till exempel med diarienumret { $diarienummer }, och hur du vill att beslutet ska ändras.
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
