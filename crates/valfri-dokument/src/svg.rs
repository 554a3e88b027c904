//! Laid-out pages as SVG, for the preview in the window. It draws the very elements `pdf.rs`
//! writes, at the same coordinates (points, origin top left, as the layout has them), so the
//! preview is the document and not a look-alike. Each text carries its measured width
//! (`textLength`), so a viewer's font cannot move a line break or push text past a margin.

use std::fmt::Write as _;

use crate::layout::{Element, Sida, Sidformat};
use crate::typsnitt::{Typsnitt, Vikt};

fn xml(s: &str) -> String {
    let mut ut = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => ut.push_str("&amp;"),
            '<' => ut.push_str("&lt;"),
            '>' => ut.push_str("&gt;"),
            '"' => ut.push_str("&quot;"),
            c => ut.push(c),
        }
    }
    ut
}

pub(crate) fn sida(t: &Typsnitt, f: &Sidformat, s: &Sida, sprak: &str) -> String {
    let mut ut = String::with_capacity(8 * 1024);
    let _ = write!(
        ut,
        concat!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {b:.2} {h:.2}\" width=\"{b:.2}\" height=\"{h:.2}\" xml:lang=\"{sp}\">",
            "<rect x=\"0\" y=\"0\" width=\"{b:.2}\" height=\"{h:.2}\" fill=\"#fff\"/>"
        ),
        b = f.bredd,
        h = f.hojd,
        sp = xml(sprak),
    );
    // Boxes and lines first, then text on top, as the PDF paints them.
    for e in &s.element {
        match e {
            Element::Linje { x1, y1, x2, y2, tjocklek } => {
                let _ = write!(
                    ut,
                    "<line x1=\"{x1:.2}\" y1=\"{y1:.2}\" x2=\"{x2:.2}\" y2=\"{y2:.2}\" stroke=\"#000\" stroke-width=\"{tjocklek:.2}\"/>"
                );
            }
            Element::Ruta { x, y, b, h, fylld: true } => {
                let _ = write!(
                    ut,
                    "<rect x=\"{x:.2}\" y=\"{y:.2}\" width=\"{b:.2}\" height=\"{h:.2}\" fill=\"#e6e6e6\"/>"
                );
            }
            Element::Ruta { x, y, b, h, fylld: false } => {
                let _ = write!(
                    ut,
                    "<rect x=\"{x:.2}\" y=\"{y:.2}\" width=\"{b:.2}\" height=\"{h:.2}\" fill=\"none\" stroke=\"#000\" stroke-width=\"1\"/>"
                );
            }
            Element::Text { .. } => {}
        }
    }
    for e in &s.element {
        if let Element::Text { x, y, storlek, vikt, text } = e {
            if text.trim().is_empty() {
                continue;
            }
            let bredd = t.ansikte(*vikt).bredd(text, *storlek);
            let vikt = match vikt {
                Vikt::Normal => "normal",
                Vikt::Fet => "bold",
            };
            let _ = write!(
                ut,
                concat!(
                    "<text x=\"{x:.2}\" y=\"{y:.2}\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"{storlek:.2}\" font-weight=\"{vikt}\" ",
                    "textLength=\"{bredd:.2}\" lengthAdjust=\"spacingAndGlyphs\" xml:space=\"preserve\">{text}</text>"
                ),
                x = x,
                y = y,
                storlek = storlek,
                vikt = vikt,
                bredd = bredd,
                text = xml(text),
            );
        }
    }
    ut.push_str("</svg>");
    ut
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_element_of_the_page_is_drawn_where_the_layout_put_it() {
        let t = Typsnitt::inbyggda().unwrap();
        let f = Sidformat::a4_staende();
        let s = Sida {
            element: vec![
                Element::Text {
                    x: 10.0,
                    y: 20.0,
                    storlek: 11.0,
                    vikt: Vikt::Fet,
                    text: "Åsa & <Björk>".into(),
                },
                Element::Linje { x1: 1.0, y1: 2.0, x2: 3.0, y2: 4.0, tjocklek: 0.3 },
                Element::Ruta { x: 5.0, y: 6.0, b: 7.0, h: 8.0, fylld: false },
            ],
        };
        let svg = sida(&t, &f, &s, "sv");
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert!(
            svg.contains("x=\"10.00\" y=\"20.00\"") && svg.contains("font-weight=\"bold\""),
            "{svg}"
        );
        assert!(svg.contains(">Åsa &amp; &lt;Björk&gt;</text>"), "{svg}");
        assert!(svg.contains("<line x1=\"1.00\" y1=\"2.00\" x2=\"3.00\" y2=\"4.00\""), "{svg}");
        assert!(
            svg.contains(
                "<rect x=\"5.00\" y=\"6.00\" width=\"7.00\" height=\"8.00\" fill=\"none\""
            ),
            "{svg}"
        );
    }
}
