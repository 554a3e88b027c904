# Printed letters and sheets: the choice information, the comparison sheet and the decision letter.
# Plain language: short sentences, speak to the reader, the most important thing first.

dokument-sida = Page { $nr } of { $antal }
dokument-uppgift-saknas = not known
dokument-par = { $etikett }: { $varde }
dokument-datum = Date
dokument-diarienummer = Case number
dokument-personnummer = Personal identity number
dokument-handlaggare = Caseworker
dokument-telefon = Telephone
dokument-epost = Email
dokument-webb = Website
dokument-telefon-rad = Telephone { $telefon }
dokument-co = c/o { $co }
dokument-kopia = Copy to representative
dokument-kopia-galler = This letter concerns { $brukare }.
dokument-omfattning = { $tal } { $enhet }
dokument-giltighet = from { $fran } up to and including { $till }
dokument-giltighet-tillsvidare = from { $fran } until further notice
dokument-kontakt = { $namn }, { $titel }. Telephone { $telefon }. Email { $epost }.
dokument-ordning-alfabetisk = The providers are listed in alphabetical order. The order says nothing about how good they are.
dokument-ordning-slumpad = The providers are listed in a random order. The order says nothing about how good they are.
dokument-kol-utforare = Provider
dokument-kol-regi = Ownership
dokument-kol-sprak = Staff speak
dokument-kol-status = Can you choose it now?
dokument-kol-inriktning = Focus
dokument-kol-tillagg = Extra services
dokument-kol-kvalitet = Quality
dokument-kol-kontakt = Contact
dokument-etikett-status = Right now
dokument-kvalitet = { $namn }: { $varde } { $enhet } ({ $ar }, { $kalla })

dokument-brev-titel = Choice information: { $insats }
dokument-brev-rubrik = You can choose your provider: { $insats }
dokument-brev-beslut = You have been granted { $insats }. The decision is valid { $giltighet }.
dokument-brev-omfattning = You are entitled to { $omfattning }.
dokument-brev-valfrihet = You decide who will provide the service. The municipality has approved { $antal ->
    [one] { $antal } provider, which is listed below.
   *[other] { $antal } providers, and all of them are listed below.
} The municipality pays every provider the same, and it costs you the same whichever you choose.
dokument-brev-lista-rubrik = The providers you can choose from
dokument-brev-ej-valbar = You cannot choose a provider that is not taking new clients at present. It is still on the list so that you know which providers there are. Ask your caseworker if you want to know when it takes new clients again.
dokument-brev-ickeval-rubrik = If you do not choose
dokument-ickeval-egen_regi = If you do not choose, the municipality's own unit will help you: { $utforare }.
dokument-ickeval-egen_regi-utan-namn = If you do not choose, the municipality's own unit will help you.
dokument-ickeval-utsedd = If you do not choose, { $utforare } will help you. The municipality has decided that this provider takes the assignment when nobody has chosen.
dokument-ickeval-utsedd-utan-namn = If you do not choose, the provider the municipality has appointed for this will help you. Your caseworker can tell you which one it is.
dokument-ickeval-turordning = If you do not choose, you will get a provider from a rotation list. The list goes round the providers, and the one whose turn is next gets the assignment. A provider that is not taking new clients is skipped. Afterwards we can show whose turn it was and why.
dokument-brev-valja-rubrik = How to choose
dokument-brev-valja = Tick a box on the reply slip on the last page and send it to us by { $svarsdatum }. You can also call your caseworker and tell them what you have chosen.
dokument-brev-byta-rubrik = You can change provider later
dokument-brev-byta = You can change provider whenever you want, and you do not have to say why. Contact your caseworker. { $dagar ->
    [0] The change applies from the day we register it.
    [one] The new provider starts { $dagar } day after we have registered the change.
   *[other] The new provider starts { $dagar } days after we have registered the change.
}
dokument-brev-fragor-rubrik = Any questions?
dokument-brev-fragor = Call or email your caseworker. You can also get help to choose.

dokument-talong-rubrik = Reply slip: choice of provider
dokument-talong-brukare = Client: { $namn }, personal identity number { $personnummer }
dokument-talong-diarienummer = Case number: { $diarienummer }
dokument-talong-instruktion = Tick the provider you choose. Choose only one. These are the providers that are taking new clients now.
dokument-talong-ingen-valbar = No provider is taking new clients at the moment. Call your caseworker and we will help you.
dokument-talong-vill-inte = I do not want to choose. Then what it says under “If you do not choose” applies.
dokument-talong-datum = Date
dokument-talong-underskrift = Signature
dokument-talong-fortydligande = Name in capitals
dokument-talong-skicka = Send the slip to us by { $svarsdatum }. The address is:

dokument-blad-titel = Comparison of providers: { $insats }, { $omrade }
dokument-blad-intro = Here are all { $antal } providers the municipality has approved for { $insats } in the area { $omrade }. The sheet shows the same facts for each of them. The municipality pays every provider the same.
dokument-blad-sidfot = Compiled by { $namn } on { $datum }. Provider register version { $version }. { $ordning }
dokument-blad-avsandare = { $kommun }, { $namnd }

dokument-beslut-titel = Decision on { $insats }
dokument-beslut-inledning = Here is the decision on your application, { $namn }. We made the decision on { $datum }.
dokument-beslut-uppgift = Item
dokument-beslut-varde = Decision
dokument-beslut-utfall = Decision
dokument-beslut-insats = Service
dokument-beslut-omfattning = Extent
dokument-beslut-giltighet = Valid
dokument-beslut-lagrum = Legal basis
dokument-beslut-beslutsdatum = Date of decision
dokument-beslut-motivering = Reasons for the decision
dokument-beslut-uppfoljning-rubrik = Follow-up
dokument-beslut-uppfoljning = We will follow up the decision by { $datum }.
dokument-overklaga-rubrik = If you want to appeal
dokument-overklaga-hur = If you are not satisfied with the decision, you can appeal against it. Write a letter to { $namnd }. Say which decision you are appealing against, for example by its case number { $diarienummer }, and how you want the decision to be changed.
dokument-overklaga-nar = Your appeal must reach us within three weeks of the day you received the decision. Send it to { $adress }.
dokument-overklaga-sedan = If the committee does not change the decision, we send your appeal on to the administrative court (förvaltningsrätten). Your caseworker can help you write the appeal.

dokument-sprak-sv = Swedish
dokument-sprak-fi = Finnish
dokument-sprak-en = English
dokument-sprak-se = Northern Sami
dokument-sprak-yi = Yiddish
dokument-sprak-ar = Arabic
dokument-sprak-so = Somali
dokument-sprak-fa = Persian
dokument-sprak-ku = Kurdish
dokument-sprak-ti = Tigrinya
dokument-sprak-bs = Bosnian
dokument-sprak-hr = Croatian
dokument-sprak-sr = Serbian
dokument-sprak-pl = Polish
dokument-sprak-es = Spanish
dokument-sprak-de = German
dokument-sprak-fr = French
dokument-sprak-ru = Russian
dokument-sprak-uk = Ukrainian
dokument-sprak-tr = Turkish
dokument-sprak-th = Thai
dokument-sprak-el = Greek
dokument-sprak-et = Estonian
dokument-sprak-no = Norwegian
dokument-sprak-da = Danish
dokument-sprak-sq = Albanian

fel-dokument-typsnitt = The program's built-in font ({ $namn }) could not be read, so no document could be made. Contact the system administrator.
fel-dokument-skriva = The document could not be made. Contact the system administrator and quote: { $detalj }

# Register text that has no translation is printed in Swedish with this mark, and the
# document ends with the note.
dokument-pa-svenska = (in Swedish)
dokument-pa-svenska-not = Text marked (in Swedish) is only available in Swedish. You can have an interpreter free of charge. Call your case officer.
dokument-motivering-som-skriven = Your case officer wrote the reasons. They are printed here as they were written.
dokument-lag-sol = the Swedish Social Services Act
dokument-lag-lss = the Swedish Act concerning Support and Service for Persons with Certain Functional Impairments
dokument-talong-skriv-utforare = Write the name of the provider you choose:
