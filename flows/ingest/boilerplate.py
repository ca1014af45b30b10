"""Site furniture on a saved page, as ordered rules: what is cut, what is blanked, what ends an article.

Each :class:`Rule` names one kind of furniture. Its ``kind`` says what finding
it does, and the kinds act in this order on every line of a page:

1. ``sentence``: cut out wherever it stands, even glued to the end of an
   article's last line ("... REUTERS Join ST's Telegram channel and ...").
   Sentences go first, so that a line they leave empty disappears. Each
   needs a word (``needle``) it cannot match without: a line lacking the word
   skips the expression, which keeps large pages fast.
2. ``line``: a whole line of furniture (share bars, ads, sign-in, credits) is
   blanked. Matched against the entire stripped line, case-insensitively, so
   a news sentence that merely contains "share" or "photo" is never touched.
3. ``comments`` and ``section``: a heading that ends an article; what follows
   it (until the next article's stamp) is comments, tags, promotions or
   teaser lists. A comments heading is its own kind because stamps under it
   date readers' comments, not articles; a section heading after the
   comments ends that, and after it a line holding only a date starts a
   listed article.

Within a kind, order does not matter: no two rules of a kind match the same
words. The rules of a kind are joined into one expression, so a line is tested
once per kind, not once per rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

RuleKind = Literal["sentence", "line", "comments", "section"]


@dataclass(frozen=True)
class Rule:
    """One kind of site furniture and the expression that finds it."""

    kind: RuleKind
    what: str  # what it removes, for a reader of this table
    pattern: str
    needle: str = ""  # sentences only: a word the line must hold (lower case)


_SHARE_WORD = (
    r"(?:share(?: this)?(?: article| story| post| on)?|tweet|e-?mail|print|copy link|save"
    r"|whatsapp|facebook|twitter|x|linkedin|telegram|reddit|pinterest|flipboard)"
)
_SHARE_SEPARATOR = r"[\s|·•,/:]"
# A menu item neither starts nor ends with a space, so a line splits one way only.
_MENU_ITEM = r"[^\s|›»<>](?:[^|›»<>]{0,23}[^\s|›»<>])?"

RULES: tuple[Rule, ...] = (
    # ------------------------------------------------------------------ sentences
    Rule(
        "sentence",
        'messaging channels: "Join ST\'s Telegram channel and get the latest breaking news ..."',
        r"\bJoin (?:[\w'’.&-]+ ){0,4}(?:Telegram|WhatsApp|Signal|Viber|Discord) (?:channel|group|community)",
        needle="join ",
    ),
    Rule(
        "sentence",
        'newsletters: "Sign up for our daily newsletter ...", "Subscribe to the Morning Brief ..."',
        r"\b(?:Sign up|Subscribe|Register) (?:now |today |here )?(?:for|to) (?:our|the) (?:[\w'’-]+ ){0,4}newsletters?",
        needle="newsletter",
    ),
    Rule(
        "sentence",
        'social accounts: "Follow us on Twitter", "Follow The Times on Google News ..."',
        r"\bFollow (?:us|[\w'’ ]{1,30}) on "
        r"(?:Twitter|X|Facebook|Instagram|Google News|LinkedIn|YouTube|Telegram|Threads|WhatsApp)",
        needle="follow ",
    ),
    Rule(
        "sentence",
        'mailing prompts: "Get the latest news delivered to your inbox."',
        r"\bGet (?:the latest|our) [^.!\n]{0,60}\b(?:delivered to|in) your inbox",
        needle="inbox",
    ),
    Rule(
        "sentence",
        'app prompts: "Download the XYZ app ..."',
        r"\bDownload (?:the|our) (?:[\w'’-]+ ){0,3}app",
        needle="download ",
    ),
    Rule(
        "sentence",
        'link prompts: "Click here to subscribe ..."',
        r"\b(?:Click|Tap) here to (?:read|subscribe|download|join|sign up|register|listen|watch)",
        needle="here to ",
    ),
    Rule("sentence", 'cookie banners: "We use cookies to ..."', r"\bWe use cookies", needle="cookies"),
    # ------------------------------------------------------------------ whole lines
    Rule(
        "line",
        'share bars: "Share", "Share on Facebook | Tweet | Email"',
        rf"{_SHARE_WORD}(?:{_SHARE_SEPARATOR}+{_SHARE_WORD})*{_SHARE_SEPARATOR}*",
    ),
    Rule(
        "line",
        'ads and their "continue" prompts',
        r"advertisement|advertising|sponsored(?: content)?|ad|scroll to continue(?: with content)?"
        r"|continue reading(?: below)?|story continues below(?: advertisement)?",
    ),
    Rule(
        "line",
        'account prompts: "Sign in", "Subscribe now", "Log in to comment"',
        r"(?:sign ?in|log ?in|sign ?up|subscribe|register|already a subscriber\??)"
        r"(?: (?:to|for|now|here|today)\b.{0,60})?",
    ),
    Rule(
        "line",
        "audio and reading-time widgets",
        r"listen to (?:this )?(?:article|story)(?: \d+ min(?:ute)?s?)?|\d{1,2} min(?:ute)?s? read"
        r"|reading time:? .{0,20}",
    ),
    Rule("line", "copyright lines", r"(?:©|\(c\)|copyright\b).{0,200}|all rights reserved\.?"),
    Rule("line", "cookie buttons", r"(?:accept|reject|manage)(?: all)? cookies|cookie (?:settings|preferences|policy)"),
    Rule(
        "line",
        'links to other stories: "Read more: ...", "ALSO READ | ..."',
        r"(?:also read|read also|read more|see also|more on this|watch)\s*[:|–—-]\s*.{3,200}",
    ),
    Rule(
        "line",
        "navigation links",
        r"read more|see more|load more|show more|view (?:all|more)|back to top|skip to (?:main )?content",
    ),
    Rule(
        "line",
        "article tools",
        r"listen|save(?: for later| article)?|gift (?:this )?article|reuse this content|font size|text size",
    ),
    Rule(
        "line",
        "breadcrumbs and menus: three or more short items between separators",
        rf"{_MENU_ITEM}(?:\s+[|›»>]\s+{_MENU_ITEM}){{2,}}",
    ),
    Rule(
        "line",
        "consent buttons, and date labels whose date is on the next line",
        r"accept all|reject all|got it|i agree|(?:first |last )?(?:published|updated|posted)(?: on)?:?",
    ),
    # A credit line needs its colon: "Photo shows tanks" is a sentence.
    Rule(
        "line", 'photo credits: "Photo: Reuters"', r"(?:file )?(?:photo|image|picture)(?: credits?| source)?:\s.{0,80}"
    ),
    # ------------------------------------------------------------------ headings that end an article
    Rule(
        "comments",
        "comment sections",
        r"comments?|\d+ comments?|no comments(?: yet)?\W*|leave a (?:comment|reply)"
        r"|join the (?:conversation|discussion)|(?:show|view) comments",
    ),
    Rule(
        "section",
        "related articles",
        r"related(?: articles| stories| news| posts| content| coverage| reading| topics| links)?",
    ),
    Rule(
        "section", "reading lists", r"also read|read (?:also|next)|recommended(?: for you| stories| articles| reading)?"
    ),
    Rule("section", "suggestions", r"you (?:may|might) (?:also )?(?:like|be interested in)"),
    Rule("section", "more of the site", r"more (?:from|on|in|stories|news|to read|like this)\b.{0,40}"),
    Rule(
        "section",
        "popular lists",
        r"most (?:read|popular|viewed|shared)|trending(?: now| stories)?|top stories|latest (?:news|stories)",
    ),
    Rule(
        "section", "tag lists", r"explore more\b.{0,40}|hashtags|tags|topics|keywords|in (?:this|the) (?:story|article)"
    ),
)


def _joined(kind: RuleKind) -> str:
    return "|".join(rule.pattern for rule in RULES if rule.kind == kind)


# A sentence runs from the rule's words to the end of its sentence.
SENTENCES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (rule.needle, re.compile(rule.pattern + r"\b[^.!\n]*[.!]?", re.I)) for rule in RULES if rule.kind == "sentence"
)
FURNITURE_LINE = re.compile(f"^(?:{_joined('line')})$", re.I)
COMMENTS_HEADING = re.compile(f"^(?:{_joined('comments')})$", re.I)
SECTION_HEADING = re.compile(rf"^(?:{_joined('section')})\s*:?$", re.I)


def strip_sentences(line: str) -> str:
    """The line without furniture sentences, its whitespace collapsed."""
    lowered = line.lower()
    for needle, sentence in SENTENCES:
        if needle in lowered:
            line = sentence.sub("", line)
    return " ".join(line.split())
