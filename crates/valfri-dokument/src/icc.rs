//! A small sRGB ICC profile (version 2, display class), built in code for the PDF/A output
//! intent: the colorants are the sRGB primaries adapted to D50 (Bradford), and the tone curve
//! is the sRGB transfer function sampled at 256 points.

/// An s15Fixed16 number.
fn s15f16(v: f64) -> [u8; 4] {
    ((v * 65536.0).round() as i32).to_be_bytes()
}

fn xyz(x: f64, y: f64, z: f64) -> Vec<u8> {
    let mut b = b"XYZ \0\0\0\0".to_vec();
    for v in [x, y, z] {
        b.extend_from_slice(&s15f16(v));
    }
    b
}

fn text(s: &str) -> Vec<u8> {
    let mut b = b"text\0\0\0\0".to_vec();
    b.extend_from_slice(s.as_bytes());
    b.push(0);
    b
}

/// The version 2 `textDescriptionType`: ASCII, then empty Unicode and `ScriptCode` parts.
fn beskrivning(s: &str) -> Vec<u8> {
    let mut b = b"desc\0\0\0\0".to_vec();
    b.extend_from_slice(&(s.len() as u32 + 1).to_be_bytes());
    b.extend_from_slice(s.as_bytes());
    b.push(0);
    b.extend_from_slice(&[0; 4 + 4 + 2 + 1 + 67]);
    b
}

fn kurva() -> Vec<u8> {
    const N: u32 = 256;
    let mut b = b"curv\0\0\0\0".to_vec();
    b.extend_from_slice(&N.to_be_bytes());
    for i in 0..N {
        let v = f64::from(i) / f64::from(N - 1);
        let linjar = if v <= 0.040_45 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) };
        b.extend_from_slice(&((linjar * 65535.0).round() as u16).to_be_bytes());
    }
    b
}

pub(crate) fn srgb() -> Vec<u8> {
    let kurva = kurva();
    // (signature, data); the three tone curves share one copy of the data.
    let taggar: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", beskrivning("sRGB IEC61966-2.1 (Valfri)")),
        (b"cprt", text("No copyright, use freely")),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", kurva),
    ];
    let antal = taggar.len() + 2;
    let mut tabell = Vec::new();
    let mut data = Vec::new();
    let start = 128 + 4 + 12 * antal;
    let mut kurvans_plats = (0, 0);
    for (sig, innehall) in &taggar {
        let plats = start + data.len();
        tabell.push((**sig, plats, innehall.len()));
        if *sig == b"rTRC" {
            kurvans_plats = (plats, innehall.len());
        }
        data.extend_from_slice(innehall);
        while data.len() % 4 != 0 {
            data.push(0);
        }
    }
    tabell.push((*b"gTRC", kurvans_plats.0, kurvans_plats.1));
    tabell.push((*b"bTRC", kurvans_plats.0, kurvans_plats.1));

    let total = start + data.len();
    let mut p = Vec::with_capacity(total);
    p.extend_from_slice(&(total as u32).to_be_bytes());
    p.extend_from_slice(b"\0\0\0\0"); // preferred CMM: none
    p.extend_from_slice(&[2, 0x10, 0, 0]); // version 2.1
    p.extend_from_slice(b"mntrRGB XYZ ");
    p.extend_from_slice(&[0x07, 0xE0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]); // 2016-01-01 00:00:00
    p.extend_from_slice(b"acsp");
    p.extend_from_slice(&[0; 4 + 4 + 4 + 4 + 8 + 4]); // platform, flags, maker, model, attributes, intent
    p.extend_from_slice(&s15f16(0.9642));
    p.extend_from_slice(&s15f16(1.0));
    p.extend_from_slice(&s15f16(0.8249));
    p.extend_from_slice(&[0; 4 + 16 + 28]); // creator, id, reserved
    debug_assert_eq!(p.len(), 128);
    p.extend_from_slice(&(antal as u32).to_be_bytes());
    for (sig, plats, langd) in &tabell {
        p.extend_from_slice(sig);
        p.extend_from_slice(&(*plats as u32).to_be_bytes());
        p.extend_from_slice(&(*langd as u32).to_be_bytes());
    }
    p.extend_from_slice(&data);
    p
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    #[test]
    fn the_profile_is_well_formed() {
        let p = super::srgb();
        assert_eq!(u32::from_be_bytes([p[0], p[1], p[2], p[3]]) as usize, p.len());
        assert_eq!(&p[36..40], b"acsp");
        assert_eq!(&p[12..20], b"mntrRGB ");
        assert_eq!(u32::from_be_bytes([p[128], p[129], p[130], p[131]]), 9);
    }
}
