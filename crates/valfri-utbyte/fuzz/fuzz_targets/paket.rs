//! Bytes as a register package, checked against a fixed test key; and the same bytes as the
//! content of a package signed with that key, which is how hostile content gets past the
//! signature (a stolen or misused key) to the parts that read it.
#![no_main]

use ed25519_dalek::Signer;
use libfuzzer_sys::fuzz_target;
use valfri_utbyte::{Utbytesfel, paket, utforare};
use valfri_utbyte_fuzz::{dag, har_text, med_store, testnyckel};

fuzz_target!(|data: &[u8]| {
    let nyckel = testnyckel();
    let betrodd = nyckel.verifying_key();

    // 1. The file as an office receives it.
    match paket::kontrollera(data, &betrodd) {
        Ok(p) => las_innehall(&p),
        Err(e) => {
            assert!(
                matches!(e, Utbytesfel::PaketForm | Utbytesfel::Signatur | Utbytesfel::AnnanNyckel),
                "an unexpected kind of refusal: {e:?}"
            );
            har_text(&e);
        }
    }

    // 2. The bytes as signed content: the signature holds, so only the content can be refused.
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut meddelande = b"valfri-registerpaket/1\n".to_vec();
    meddelande.extend_from_slice(text.as_bytes());
    let kuvert = format!(
        "{{\"format\":\"valfri-registerpaket\",\"formatversion\":1,\"nyckel\":\"{}\",\"signatur\":\"{}\",\"innehall\":{}}}",
        hex(betrodd.as_bytes()),
        hex(&nyckel.sign(&meddelande).to_bytes()),
        json_strang(text),
    );
    match paket::kontrollera(kuvert.as_bytes(), &betrodd) {
        Ok(p) => las_innehall(&p),
        Err(Utbytesfel::PaketForm) => {}
        Err(e) => panic!("a package signed with the trusted key was refused as {e:?}"),
    }
});

/// What an office does with a checked package before writing: compare it with its register.
fn las_innehall(p: &paket::KontrolleratPaket) {
    med_store(|store, _| {
        let _ = utforare::forhandsgranska(store, &p.innehall.utforare, dag());
    });
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// `s` as a JSON string literal.
fn json_strang(s: &str) -> String {
    let mut ut = String::with_capacity(s.len() + 2);
    ut.push('"');
    for c in s.chars() {
        match c {
            '"' => ut.push_str("\\\""),
            '\\' => ut.push_str("\\\\"),
            c if (c as u32) < 0x20 => ut.push_str(&format!("\\u{:04x}", c as u32)),
            c => ut.push(c),
        }
    }
    ut.push('"');
    ut
}
