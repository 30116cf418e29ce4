"""The citizen's pages as HTML: one small page, readable without script or fonts from outside.

Everything is in the page itself (styles and a few lines of script): a cheap phone on
the guest Wi-Fi loads it in one request, and nothing may come from the internet. The
script only keeps the ticket's card current from the live channel and vibrates the
phone at the call; without it the page still shows where the ticket stands, and
refreshes itself every 30 seconds.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from macturnos.domain.survey import (
    ABOUT,
    COMMENT,
    FACE_COLOUR,
    FACE_INK,
    HOW_WAS_IT,
    REASONS,
    SCORES,
    SMILE,
    TAP_A_FACE,
    THANKS,
)
from macturnos.server.public import texts
from macturnos.server.public.progress import Progress

STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:"DejaVu Sans",Arial,sans-serif;background:#f4f4f2;color:#1a1a1a;
font-size:20px;line-height:1.35}
header{background:#1a1a1a;color:#fff;padding:12px 16px;font-size:18px}
main{padding:16px;max-width:560px;margin:0 auto}
.card{background:#fff;border-left:12px solid var(--c,#444);border-radius:8px;padding:16px;
box-shadow:0 1px 3px rgba(0,0,0,.2)}
.entity{font-weight:bold}
.service{color:#333}
.number{font-size:64px;font-weight:bold;letter-spacing:2px;margin:8px 0}
.state{font-size:26px;font-weight:bold;margin:12px 0 4px}
.called{background:#0b5d1e;color:#fff;border-radius:8px;padding:16px}
.called .state{font-size:34px}
.go{font-size:30px;font-weight:bold}
.muted{color:#444;font-size:17px}
nav{margin:20px 0;display:flex;gap:8px;flex-wrap:wrap}
nav a{display:inline-block;min-height:48px;min-width:96px;padding:12px;border:2px solid #1a1a1a;
border-radius:8px;color:#1a1a1a;text-decoration:none;text-align:center}
nav a[aria-current]{background:#1a1a1a;color:#fff}
.faces{display:flex;gap:4px;justify-content:space-between;margin:12px 0}
.faces button{flex:1 1 0;min-width:0;min-height:72px;border:2px solid #1a1a1a;border-radius:8px;background:#fff;
font-size:30px;padding:4px 0;color:#1a1a1a}
.faces button span{display:block;font-size:13px}
.faces button svg{display:block;margin:0 auto;width:100%;max-width:56px;height:auto}
.reasons label{display:inline-block;border:2px solid #1a1a1a;border-radius:20px;padding:8px 12px;
margin:4px 4px 0 0;font-size:16px;min-height:44px}
.reasons input{width:20px;height:20px;vertical-align:middle}
fieldset{border:0;padding:0;margin:8px 0}
textarea{width:100%;min-height:64px;font-size:16px;border:2px solid #1a1a1a;border-radius:8px}
"""

SCRIPT = """
(function(){var card=document.getElementById('card');var url=card.dataset.live;
if(!url||!window.EventSource)return;var last=card.dataset.state;
document.getElementById('how').textContent=card.dataset.livetext;
var es=new EventSource(url);es.onmessage=function(m){var d=JSON.parse(m.data);
card.innerHTML=d.html;if(d.state==='called'&&last!=='called'&&navigator.vibrate){
navigator.vibrate([400,200,400,200,400]);}last=d.state;};})();
"""


def document(language: str, title: str, body: str, *, refresh: bool = False) -> str:
    """A whole page around `body`."""
    head_refresh = (
        '<noscript><meta http-equiv="refresh" content="30"></noscript>' if refresh else ""
    )
    return (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title>{head_refresh}<style>{STYLE}</style></head>"
        f"<body><header>MAC · {escape(title)}</header><main>{body}</main></body></html>"
    )


def card(p: Progress, language: str, code: str = "") -> str:
    """The ticket's card: what it is, where it stands, where to go."""
    t = p.ticket
    say = lambda message, **values: escape(texts.text(language, message, **values))  # noqa: E731
    parts = [
        f'<div class="entity">{escape(str(t["entity_name"]))}</div>',
        f'<div class="service">{escape(str(t["service_name"]))}</div>',
        f'<div class="number" aria-live="polite">{escape(str(t["number"]))}</div>',
    ]
    if p.held:
        parts.append(f"<p>{say(texts.TRANSFERRED, number=t['number'])}</p>")
        parts.append(f'<p class="muted">{say(texts.EARLIER, numbers=", ".join(p.held))}</p>')
    state = p.state
    where = f'<div class="muted">{escape(str(t["location"]))}</div>' if t.get("location") else ""
    if state == "waiting":
        parts.append(f'<div class="state">{say(texts.WAITING)}</div>')
        if p.estimate is not None:
            for line in texts.wait_lines(p.estimate, language, p.call_time):
                parts.append(f"<div>{escape(line)}</div>")
        parts.append(where)
    elif state == "called":
        parts.append(
            f'<div class="called" role="alert"><div class="state">{say(texts.CALLED)}</div>'
            f'<div class="go">{say(texts.CALLED_GO, module=t["module"])}</div>'
            f"{where.replace('muted', 'go')}</div>"
        )
    elif state == "serving":
        parts.append(f'<div class="state">{say(texts.SERVING, module=t["module"])}</div>')
    else:
        ending = {
            "finished": texts.FINISHED,
            "no_show": texts.NO_SHOW,
        }.get(state, texts.CANCELLED)
        parts.append(f'<div class="state">{say(ending)}</div>')
        if state == "finished" and code:
            parts.append(survey(p, language, code))
    return "".join(parts)


def face(score: int, size: int = 56) -> str:
    """The face of a score as inline SVG (`domain.survey.SMILE`): no emoji font needed."""
    bend = 66 + 2 * SMILE[score]
    return (
        f'<svg viewBox="0 0 100 100" width="{size}" height="{size}" aria-hidden="true">'
        f'<circle cx="50" cy="50" r="46" fill="{FACE_COLOUR}" stroke="{FACE_INK}" '
        f'stroke-width="4"/><circle cx="35" cy="40" r="6" fill="{FACE_INK}"/>'
        f'<circle cx="65" cy="40" r="6" fill="{FACE_INK}"/><path d="M30 66 Q50 {bend} 70 66" '
        f'fill="none" stroke="{FACE_INK}" stroke-width="6" stroke-linecap="round"/></svg>'
    )


def survey(p: Progress, language: str, code: str) -> str:
    """Five faces to rate the attention (one tap), a reason before it if wished (a second).

    A plain form: it works without script and posts to this listener only.
    """
    say = lambda message, **values: escape(texts.text(language, message, **values))  # noqa: E731
    if p.rated is not None:
        chosen = texts.text(language, SCORES[p.rated])
        return (
            f'<p class="state">{say(THANKS)}</p>'
            f"<p>{face(p.rated, 40)} {say(texts.YOU_RATED, face=chosen)}</p>"
        )
    reasons = "".join(
        f'<label><input type="radio" name="reason" value="{key}"> {say(text)}</label>'
        for key, text in REASONS.items()
    )
    faces = "".join(
        f'<button type="submit" name="score" value="{n}" '
        f'aria-label="{say(SCORES[n])}">{face(n)}<span>{say(SCORES[n])}</span></button>'
        for n in sorted(SCORES)
    )
    return (
        f'<form method="post" action="/t/{quote(code)}/rating?l={language}">'
        f'<p class="state">{say(HOW_WAS_IT)}</p>'
        f'<fieldset class="reasons"><legend>{say(ABOUT)}</legend>{reasons}</fieldset>'
        f'<label>{say(COMMENT)}<textarea name="comment" maxlength="500"></textarea></label>'
        f'<p class="muted">{say(TAP_A_FACE)}</p><div class="faces">{faces}</div></form>'
    )


def languages_nav(language: str, code: str) -> str:
    """Links to the same page in the other languages (large enough to touch)."""
    links = []
    for lang in texts.LANGUAGES:
        current = ' aria-current="true"' if lang == language else ""
        links.append(
            f'<a href="/t/{quote(code)}?l={lang}" lang="{lang}"{current}>'
            f"{texts.LANGUAGE_NAMES[lang]}</a>"
        )
    return f"<nav>{''.join(links)}</nav>"


def ticket_page(p: Progress, language: str, code: str) -> str:
    """The follow-your-turn page of one ticket."""
    live = p.state in ("waiting", "called", "serving")
    data = (
        f' data-live="/t/{quote(code)}/live?l={language}"'
        f' data-livetext="{escape(texts.text(language, texts.LIVE))}"'
        if live
        else ""
    )
    colour = escape(str(p.ticket.get("colour") or "#444444"))
    body = (
        f'<section class="card" id="card" style="--c:{colour}" data-state="{p.state}"{data}>'
        f"{card(p, language, code)}</section>"
        f'<p class="muted" id="how">{escape(texts.text(language, texts.STATIC if live else texts.KEEP))}</p>'
        f"{languages_nav(language, code)}" + (f"<script>{SCRIPT}</script>" if live else "")
    )
    return document(language, texts.text(language, texts.TITLE), body, refresh=live)


def message_page(language: str, message: str) -> str:
    """A page that says, in words, why there is no ticket to show."""
    title = texts.text(language, texts.PROBLEM)
    return document(
        language, title, f'<section class="card"><p class="state">{escape(message)}</p></section>'
    )
