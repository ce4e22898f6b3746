//! Editorial marks in the reading text: the text events of a block in, the
//! same events with each lacuna sign `〔…〕` and each emendation
//! `〈reading|printed〉` (written by ingest, `src/ingest/emend.rs`) made a
//! marked span out. The span of an emendation shows the reading, and holds
//! the printed text in its `title` (hover) and `data-printed` (shown in
//! print by the theme's CSS). A source's own `〔…〕` or `〈a|b〉` would be
//! read the same way; `〈…〉` without a `|` (a title, 〈论语〉) stays text.

use super::highlight::escape;
use pulldown_cmark::{CowStr, Event};

/// The lacuna sign ingest writes where a column break seems to have lost text.
const LACUNA: &str = "〔…〕";

const LACUNA_HTML: &str = "<span class=\"lacuna\" title=\"底本此处换栏，似有脱文 · the source has a column break here and text seems lost\">〔…〕</span>";

/// The span of one emendation.
fn emendation_html(reading: &str, printed: &str) -> String {
    let title = if printed.trim().is_empty() {
        "校补：底本无此字 · supplied by the editor: not in the source".to_string()
    } else {
        let printed = escape(printed.trim());
        format!("校改：底本作“{printed}” · emended: the source prints “{printed}”")
    };
    format!(
        "<span class=\"emendation\" title=\"{title}\" data-printed=\"{}\">{}</span>",
        escape(printed.trim()),
        escape(reading)
    )
}

/// Where the next mark in `text` starts and ends, and its HTML.
fn next_mark(text: &str) -> Option<(usize, usize, String)> {
    let lacuna = text.find(LACUNA).map(|at| (at, at + LACUNA.len(), LACUNA_HTML.to_string()));
    let emendation = text.match_indices('〈').find_map(|(at, _)| {
        let inner = &text[at + '〈'.len_utf8()..];
        let close = inner.find(['〉', '〈'])?;
        let (reading, printed) = inner[..close].split_once('|')?;
        inner[close..]
            .starts_with('〉')
            .then(|| (at, at + '〈'.len_utf8() + close + '〉'.len_utf8(), emendation_html(reading, printed)))
    });
    match (lacuna, emendation) {
        (Some(l), Some(e)) => Some(if l.0 < e.0 { l } else { e }),
        (l, e) => l.or(e),
    }
}

/// `events` with the text of each run of text events searched for marks.
pub fn with_marks<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut run = String::new();
    for event in events {
        match event {
            Event::Text(t) => run.push_str(&t),
            other => {
                flush(&mut run, &mut out);
                out.push(other);
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

fn flush(run: &mut String, out: &mut Vec<Event<'_>>) {
    let mut rest = std::mem::take(run);
    while let Some((start, end, html)) = next_mark(&rest) {
        if start > 0 {
            out.push(Event::Text(CowStr::from(rest[..start].to_string())));
        }
        out.push(Event::InlineHtml(CowStr::from(html)));
        rest = rest[end..].to_string();
    }
    if !rest.is_empty() {
        out.push(Event::Text(CowStr::from(rest)));
    }
}

#[cfg(test)]
mod tests {
    use crate::render::markdown::markdown_html;

    #[test]
    fn lacunae_and_emendations_become_marked_spans() {
        let html = markdown_html("督查组当即〔…〕其拦下，精神〈和| and 〉党中央，疫情〈|情〉出点力。");
        assert_eq!(
            html,
            "<p>督查组当即<span class=\"lacuna\" title=\"底本此处换栏，似有脱文 · the source has a column break here and text seems lost\">〔…〕</span>其拦下，精神<span class=\"emendation\" title=\"校改：底本作“and” · emended: the source prints “and”\" data-printed=\"and\">和</span>党中央，疫情<span class=\"emendation\" title=\"校改：底本作“情” · emended: the source prints “情”\" data-printed=\"情\"></span>出点力。</p>\n"
        );
    }

    #[test]
    fn marks_are_escaped_and_other_brackets_stay_text() {
        let html = markdown_html("见〈论语〉与〈a|<b>〉，〈补|〉。");
        assert!(html.starts_with("<p>见〈论语〉与<span class=\"emendation\""), "{html}");
        assert!(html.contains("data-printed=\"&lt;b&gt;\">a</span>"), "{html}");
        assert!(html.contains("title=\"校补：底本无此字"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }
}
