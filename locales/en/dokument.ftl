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
dokument-kol-varfor = Why not?
dokument-kol-inriktning = Focus
dokument-kol-tillagg = Extra services
dokument-kol-kvalitet = Quality
dokument-kol-kontakt = Contact
dokument-kvalitet = { $varde } { $enhet }

# Units of quality figures, which the register gives in Swedish; a unit not listed here is
# printed in Swedish and marked.
dokument-kvalitetsenhet-personer = people
dokument-kvalitetsenhet-procent = per cent
dokument-kvalitetsenhet-dagar = days
dokument-kvalitetsenhet-timmar = hours
dokument-kvalitetsenhet-minuter = minutes

dokument-orsak-valbar = Can be chosen
dokument-orsak-vid_tak = Has no free place right now
dokument-orsak-pausad = Is not taking new clients right now
dokument-orsak-ej_omrade = Does not work where you live
dokument-orsak-ej_borjat = Starts working for the municipality later
dokument-orsak-upphort = No longer works for the municipality

dokument-ombud-brev = You receive this letter as { $roll ->
    [god_man] trustee (god man)
    [forvaltare] administrator (förvaltare)
    [anhorig] relative with power of attorney
   *[annat] representative
} for { $brukare }. Where the letter says "you", it means { $brukare }. You can help to choose or choose for { $brukare }.
dokument-ombud-beslut = You receive this decision as { $roll ->
    [god_man] trustee (god man)
    [forvaltare] administrator (förvaltare)
    [anhorig] relative with power of attorney
   *[annat] representative
} for { $brukare }. Where the decision says "you", it means { $brukare }.

dokument-sammanfattning-rubrik = The most important things in this letter
dokument-sammanfattning-valbara = { $antal ->
    [0] Right now you cannot choose any provider.
    [one] Right now you can choose 1 provider.
   *[other] Right now you can choose between { $antal } providers.
}
dokument-sammanfattning-nuvarande = Today you get help from { $utforare }. You may keep { $utforare } if you want to.
dokument-sammanfattning-nuvarande-slutar = { $utforare } cannot go on helping you. You need to choose a new provider.
dokument-sammanfattning-svara = Answer by { $svarsdatum } at the latest.
dokument-sammanfattning-svara-byta = Do you want to change? Then answer by { $svarsdatum } at the latest.
dokument-sammanfattning-fragor = Do you have questions? Call { $namn } on { $telefon }.

dokument-brev-titel = Choosing your provider: { $insats }
dokument-brev-rubrik = You can choose who gives you { $insats }
dokument-brev-beslut = You have received a decision on { $insats }. The decision is valid { $giltighet }.
dokument-brev-omfattning = You are entitled to { $omfattning }.
dokument-brev-nuvarande-rubrik = Your provider today
dokument-brev-nuvarande-ickeval = You did not choose a provider. That is why you got { $utforare }.
dokument-brev-nuvarande = Today you get help from { $utforare }. You may keep { $utforare }. Then you do not need to do anything. You can also choose another provider.
dokument-brev-nuvarande-slutar = { $utforare } cannot go on helping you. That is why you need to choose a new provider.
dokument-brev-valfrihet = You decide yourself who gives you the help. The municipality has approved { $antal ->
    [one] { $antal } provider
   *[other] { $antal } providers
} for { $insats }. All of them are listed below. It costs you the same whichever you choose.
dokument-brev-utforare-forklaring = A provider is a company, an association or one of the municipality's own services.
dokument-brev-valbara-rubrik = Providers you can choose ({ $antal })
dokument-brev-inga-valbara = Right now no provider has a place for you. Call your caseworker and we will help you.
dokument-brev-ej-valbara-rubrik = Providers you cannot choose right now ({ $antal })
dokument-brev-ej-valbara = The municipality has approved these providers too. But right now you cannot choose them. The list says why. Ask your caseworker if you want to know when this changes.
dokument-brev-bilaga = An appendix comes with this letter: "Comparison of providers". There you can compare the providers, for example how satisfied their clients are.
dokument-brev-ickeval-rubrik = If you do not choose
dokument-ickeval-egen_regi = If you do not choose, you will get help from the municipality's own service: { $utforare }.
dokument-ickeval-egen_regi-utan-namn = If you do not choose, you will get help from the municipality's own service.
dokument-ickeval-utsedd = If you do not choose, you will get help from { $utforare }. The municipality has decided that this provider helps those who do not choose.
dokument-ickeval-utsedd-utan-namn = If you do not choose, you will get help from a provider the municipality has decided on. Your caseworker can tell you which one.
dokument-ickeval-turordning = If you do not choose, you will get a provider from a rotation list. The provider whose turn it is gets the assignment. A provider without a free place is skipped. Afterwards we can show whose turn it was and why.
dokument-brev-valja-rubrik = How to choose
dokument-brev-valja = Tick the provider you want on the reply slip on the last page. Send the slip to us by { $svarsdatum } at the latest. You can also call your caseworker and say what you choose.
dokument-brev-byta-rubrik = You can change provider later
dokument-brev-byta = You can change provider whenever you want. You do not have to say why. Contact your caseworker. { $dagar ->
    [0] The change applies from the day we register it.
    [one] The new provider starts { $dagar } day after we have registered the change.
   *[other] The new provider starts { $dagar } days after we have registered the change.
}
dokument-brev-fragor-rubrik = Do you have questions?
dokument-brev-fragor = Call or email your caseworker. You can also get help to choose.

dokument-talong-rubrik = Reply slip: choice of provider
dokument-talong-brukare = This answer concerns { $namn }, personal identity number { $personnummer }.
dokument-talong-diarienummer = Case number: { $diarienummer }
dokument-talong-instruktion = Tick the provider you choose. Choose only one. These are the providers that have a place for you right now.
dokument-talong-ingen-valbar = Right now no provider has a place for you. Call your caseworker and we will help you.
dokument-talong-behalla = I want to keep { $utforare }.
dokument-talong-vill-inte = I do not want to choose. Then what is written under "If you do not choose" applies.
dokument-talong-datum = Date
dokument-talong-underskrift = Signature
dokument-talong-fortydligande = Name in capital letters
dokument-talong-skicka = Send the slip to us by { $svarsdatum } at the latest. The address is:

dokument-blad-titel = Comparison of providers: { $insats }, { $omrade }
dokument-blad-titel-utan-omrade = Comparison of providers: { $insats }
dokument-blad-bilaga = Appendix to the letter of { $datum }
dokument-blad-intro = { $antal ->
        [one] Here is the one provider the municipality has approved for { $insats }.
       *[other] Here are all { $antal } providers the municipality has approved for { $insats }.
    } The sheet shows the same facts for each of them. The municipality pays all providers the same.
dokument-blad-kallor-rubrik = Where the figures come from
dokument-blad-kontakt-rubrik = How to reach the providers
dokument-blad-kalla = ({ $nr }) { $namn }: { $kalla }, { $ar }.
dokument-blad-sidfot = Compiled by { $namn } on { $datum }. Provider register version { $version }. { $ordning }
dokument-blad-avsandare = { $kommun }, { $namnd }
dokument-bilaga-sida = Appendix, page { $nr } of { $antal }

dokument-beslut-titel = Decision on { $insats }
dokument-beslut-avslag = You will not get { $insats }. We have said no to your application. The reasons are under "Reasons for the decision".
dokument-beslut-delvis = You get part of what you applied for.
dokument-beslut-delvis-inte = You do not get the rest of what you applied for. The reasons are under "Reasons for the decision".
dokument-beslut-delvis-inte-vad = This you do not get: { $ej_beviljat } The reasons are under "Reasons for the decision".
dokument-beslut-beviljat = You get { $insats }, { $omfattning }.
dokument-beslut-beviljat-utan-omfattning = You get { $insats }.
dokument-beslut-galler = The decision is valid { $giltighet }.
dokument-beslut-inledning = Here is the decision on your application, { $namn }. We made the decision on { $datum }.
dokument-beslut-uppgift = Item
dokument-beslut-varde = Decision
dokument-beslut-utfall = Decision
dokument-beslut-insats = You applied for
dokument-beslut-omfattning = How much
dokument-beslut-giltighet = Valid
dokument-beslut-ej-beviljat = You do not get
dokument-beslut-lagrum = Law
dokument-beslut-beslutsdatum = Date of decision
dokument-beslut-motivering = Reasons for the decision
dokument-beslut-valja-rubrik = You can choose your provider
dokument-beslut-valja = You can choose yourself who gives you { $insats }. We will send you a separate letter about it. That letter lists all the providers you can choose between.
dokument-beslut-uppfoljning-rubrik = Follow-up
dokument-beslut-uppfoljning = We will follow up the decision by { $datum } at the latest.
dokument-beslut-fattat-av-rubrik = Who made the decision?
dokument-beslut-fattat-av = The decision was made by { $namn }, { $titel }. { $namn } has the right to make the decision on behalf of { $namnd } (delegation).
dokument-beslut-fattat-av-punkt = The decision was made by { $namn }, { $titel }. { $namn } has the right to make the decision on behalf of { $namnd }. This is point { $punkt } of its delegation rules.
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
