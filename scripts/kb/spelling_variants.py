"""American spellings of the knowledge base's British English words (center ~ centre).

The texts are British; readers type either spelling. Which pairs exist is decided by Debian's
Hunspell dictionaries, both made from SCOWL (the word lists VarCon's variants come from): a
British word is one ``en_GB`` knows and ``en_US`` does not (``centre``, ``labour``,
``organisation``); its American spelling is the variant, made by the regular correspondences
below, that ``en_US`` knows (``center``, ``labor``, ``organization``). A word both dictionaries
know (``four``, ``program``) has no variant, so ``four`` never becomes ``for``.

The result maps each American spelling to its British one; search and term links read an
American word as its British spelling.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable

from kb import hunspell

#: Regular British → American correspondences; each is tried alone and all together.
CORRESPONDENCES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"our(?=s?$|ed$|ing$|ite|able|er|s\b)"), "or"),  # labour, behaviour, favourite
    (re.compile(r"tre(?=s?$|d$)"), "ter"),  # centre, centres, centred, metre
    (re.compile(r"(?<=[^aeiou\W])is(?=e[sdr]?$|ing$|ation|ations$|able$)"), "iz"),  # organise, -isation
    (re.compile(r"yse(?=[sd]?$)|ys(?=ing$)"), "yz"),  # analyse, analysing
    (re.compile(r"ogue(?=s?$)"), "og"),  # catalogue, dialogue
    (re.compile(r"ence(?=s?$)"), "ense"),  # licence, defence
    (re.compile(r"(?<=[aeiou])ll(?=ed$|ing$|er$|ers$)"), "l"),  # modelling, travelled, labelled
    (re.compile(r"amme(?=s?$)"), "am"),  # programme
    (re.compile(r"(?<=dg)e(?=ment)"), ""),  # judgement
    (re.compile(r"ae(?=[a-z])"), "e"),  # paediatric
    (re.compile(r"oe(?=[a-z]{2})"), "e"),  # manoeuvre
)
_WORD = re.compile(r"[A-Za-z]+")


def candidates(word: str) -> set[str]:
    """American spellings ``word`` could have, by the correspondences (not yet checked)."""
    found = set()
    combined = word
    for pattern, replacement in CORRESPONDENCES:
        changed = pattern.sub(replacement, word)
        if changed != word:
            found.add(changed)
        combined = pattern.sub(replacement, combined)
    if combined != word:
        found.add(combined)
    return found


def _unknown(words: Iterable[str], dictionary: str) -> set[str]:
    """The words ``dictionary`` does not know (one ``hunspell -l`` run)."""
    text = "\n".join(sorted(set(words)))
    if not text:
        return set()
    done = subprocess.run(
        hunspell.command(dictionary),
        input=text + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        **hunspell.isolated(),
    )
    return {line.strip() for line in done.stdout.splitlines() if line.strip()}


def american_to_british(text_words: Iterable[str]) -> dict[str, str]:
    """``{"center": "centre", "labor": "labour", …}`` for the British words among ``text_words``.

    Words are compared in lower case. Empty when Hunspell or a dictionary is missing: search and
    term links then work as before, with British spellings only.
    """
    words = {word.lower() for word in text_words if _WORD.fullmatch(word)}
    new = words - _AMERICAN_OF.keys()
    # A word no correspondence applies to has no American spelling: Hunspell is not asked.
    _AMERICAN_OF.update((word, ()) for word in new if not candidates(word))
    new = {word for word in new if word not in _AMERICAN_OF}
    if new:
        # Only words not decided before in this process are asked (a preview's edit adds few).
        try:
            not_american = _unknown(new, "en_US") - _unknown(new, "en_GB")
            proposed = {candidate: word for word in sorted(not_american) for candidate in candidates(word)}
            rejected = _unknown(proposed, "en_US")
        except OSError:
            return {}
        found: dict[str, list[str]] = {word: [] for word in new}
        for american, british in proposed.items():
            if american not in rejected:
                found[british].append(american)
        _AMERICAN_OF.update((word, tuple(americans)) for word, americans in found.items())
    return dict(sorted((american, word) for word in words for american in _AMERICAN_OF[word]))


#: British word → its American spellings (none for most words), as decided in this process.
_AMERICAN_OF: dict[str, tuple[str, ...]] = {}
