"""Convert the event-data field's actor dictionaries into Entente's derived gazetteer tables.

Reads the PETRARCH/Phoenix dictionaries (Open Event Data Alliance, MIT; ../shared/dictionaries by
default) and writes compact tables to data/gazetteer/, each starting with the MIT notice and the
name of its source file:

- dictionary_actors.tsv     entry, source, kind, codes   (one row per actor entry; codes are
                            `CODE:START:END` joined by `|`, empty dates = open; `CODE::` alone is
                            the entry's default outside its dated ranges, `-::` "not an actor")
- dictionary_names.tsv      name, entry, kind            (one row per name of an entry; names
                            folded: lower case, no dots, hyphens as spaces)
- dictionary_agents.tsv     word, sector                 (agent words: "police" -> COP)
- dictionary_discards.tsv   phrase                       (names never linked: sports, culture)

Noisy entries are dropped by named rules; the script prints how many each rule dropped (the same
counts are in data/gazetteer/README.md). Curated files (countries.yml, organisations.yml,
people.yml, roles.yml) keep precedence: dictionary names that contradict them are dropped here, and
the loader consults curated names first.

    .venv/bin/python scripts/build_actor_dictionary.py [--source DIR] [--out DIR]
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pycountry
from english_words import get_english_words_set

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from entente.nlp.actors.gazetteer import Gazetteer, fold  # noqa: E402
from entente.nlp.actors.places import PlaceIndex, load_places  # noqa: E402
from entente.nlp.actors.states import StateTable  # noqa: E402

ACTOR_SOURCES = {"countries": "Phoenix.Countries.actors.txt",
                 "international": "Phoenix.International.actors.txt",
                 "nonstate": "Phoenix.MilNonState.actors.txt"}
AGENTS_SOURCE = "Phoenix.agents.txt"
DISCARDS_SOURCE = "Phoenix.discards.txt"
# Code prefixes the dictionaries use for what has an ISO code elsewhere (USR: the USSR before
# ISO's SUN; FRY: the Federal Republic of Yugoslavia; KSV: Kosovo, XKX in common use).
PREFIX_ALIASES = {"USR": "SUN", "FRY": "YUG", "KSV": "XKX"}
TRANSNATIONAL = ("IGO", "NGO", "IMG")
SOVIET_END = date(1991, 12, 25)
TWO_DIGIT_PIVOT = 30        # PETRARCH: YY 00-30 is 20YY, otherwise 19YY
ORG_WORDS = frozenset({"ministry", "ministries", "party", "council", "committee", "assembly",
                       "court", "army", "front", "movement", "union", "agency", "office",
                       "parliament", "government", "administration", "bureau", "forces",
                       "commission", "league", "organization", "organisation", "republic",
                       "federation", "senate", "congress", "police", "service", "bank"})


@dataclass
class CodeRange:
    """One code of an entry: valid from `start` to `end` (None = open), or the default."""

    code: str
    start: date | None = None
    end: date | None = None
    default: bool = False

    def cell(self) -> str:
        if self.default:
            return f"{self.code}::"
        return f"{self.code}:{self.start or ''}:{self.end or ''}"


@dataclass
class Entry:
    """An actor entry: its names (primary first), raw code texts, comment and source."""

    source: str
    names: list[str] = field(default_factory=list)
    raw_codes: list[str] = field(default_factory=list)
    comment: str = ""
    codes: list[CodeRange] = field(default_factory=list)
    kind: str = ""
    number: int = 0


class Stats(Counter):
    """Counts of what each rule did, printed at the end and copied into the README."""

    def report(self) -> str:
        return "\n".join(f"  {key:<34} {value:>7}" for key, value in sorted(self.items()))


# -- reading the TABARI/PETRARCH actor syntax --------------------------------------------------
CODE_RE = re.compile(r"\[([^\]]*)\]")


def split_comment(line: str) -> tuple[str, str]:
    """A line without and with its `#` comment."""
    body, _, comment = line.partition("#")
    return body.rstrip(), comment.strip()


def read_actor_file(path: Path, source: str) -> list[Entry]:
    """Entries of a PETRARCH actor file. A name line that is neither indented nor `+` opens a new
    entry once the current one has codes (before that it is another name of it, as in PETRARCH's
    reader); `+` lines are names; indented `[CODE dates]` lines, and brackets on name lines, are
    codes."""
    entries: list[Entry] = []
    current: Entry | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, comment = split_comment(raw)
        if not body.strip() or raw.startswith("#"):
            continue
        codes = CODE_RE.findall(body)
        name = CODE_RE.sub("", body).strip()
        if raw[0] in "\t ":
            name = ""
        elif name.startswith("+"):
            name = name[1:].strip()
        elif current is None or current.raw_codes:
            current = Entry(source=source, comment=comment)
            entries.append(current)
        if current is None:
            continue
        if name:
            current.names.append(name)
        current.raw_codes.extend(codes)
    return entries


def parse_date(text: str) -> date:
    """YYMMDD (00-30 → 20YY) or YYYYMMDD; ValueError when it is neither or no real day."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(text)
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{2000 + yy if yy <= TWO_DIGIT_PIVOT else 1900 + yy}{text[2:]}"
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def parse_code(text: str) -> CodeRange:
    """`CODE`, `CODE >D` (from), `CODE <D` (until), `CODE D1-D2`; ValueError when unreadable."""
    code, _, rest = text.strip().partition(" ")
    rest = rest.replace(" ", "")
    if not rest:
        return CodeRange(code, default=True)
    if rest[0] in "<>":
        day = parse_date(rest[1:])
        return CodeRange(code, start=day) if rest[0] == ">" else CodeRange(code, end=day)
    first, dash, second = rest.partition("-")
    if not dash:
        raise ValueError(text)
    start, end = parse_date(first), parse_date(second)
    if end < start:
        raise ValueError(text)
    return CodeRange(code, start=start, end=end)


def read_entries(source_dir: Path, stats: Stats) -> list[Entry]:
    """All entries of the three actor files, with their codes parsed (unreadable ones dropped)."""
    entries = []
    for source, filename in ACTOR_SOURCES.items():
        for entry in read_actor_file(source_dir / filename, source):
            for text in entry.raw_codes:
                try:
                    entry.codes.append(parse_code(text))
                except ValueError:
                    stats["code: unreadable date range"] += 1
            entries.append(entry)
    stats["entries read"] = len(entries)
    return entries


# -- codes: the dictionaries' CAMEO codes → Entente's (country or IGO/NGO/IMG prefix + a sector) --
class CodeRules:
    """Normalise a dictionary code range to Entente's codes; may drop or split it."""

    def __init__(self, countries: set[str], sectors: set[str], states: StateTable, stats: Stats):
        self.countries, self.sectors, self.states, self.stats = countries, sectors, states, stats

    def normalise(self, cr: CodeRange) -> list[CodeRange]:
        """The range under Entente's code (none when dropped, two when split at 2003-02-04)."""
        code = cr.code.upper()
        if code.strip("-") == "":
            return [CodeRange("-", cr.start, cr.end, cr.default)]      # explicitly no actor
        original = code[:3]
        prefix, rest = PREFIX_ALIASES.get(original, original), code[3:]
        if prefix in self.states.states and rest[:3] in self.countries:
            self.stats["code: constituent republic → its own code"] += 1
            prefix, rest = rest[:3], rest[3:]
        if prefix == "MNC":
            self.stats["code: multinational company (not an actor)"] += 1
            return []
        if prefix not in self.countries and prefix not in TRANSNATIONAL:
            self.stats["code: unknown country prefix"] += 1
            return []
        code = prefix + self.sector(prefix, rest)
        if original == "RUS" and cr.end is not None and cr.end <= SOVIET_END:
            self.stats["code: Soviet-era RUS range → SUN"] += 1
            code = "SUN" + code[3:]
        return self.split_fry(CodeRange(code, cr.start, cr.end, cr.default))

    def sector(self, prefix: str, rest: str) -> str:
        """The one sector kept after a prefix (transnational codes keep their organisation)."""
        if len(rest) > 3:
            self.stats["code: stacked code cut to its first sector"] += 1
        if prefix in TRANSNATIONAL or rest[:3] in self.sectors:
            return rest[:3]
        if rest:
            self.stats["code: sector unknown to Entente → country"] += 1
        return ""

    def split_fry(self, cr: CodeRange) -> list[CodeRange]:
        """Serbia and Montenegro before 2003-02-04 was the Federal Republic of Yugoslavia: YUG."""
        scg = self.states.states["SCG"]
        if cr.code[:3] != "SCG" or cr.default or (cr.start and cr.start >= scg.valid_from):
            return [cr]
        self.stats["code: SCG range before 2003-02-04 → YUG"] += 1
        yug = CodeRange("YUG" + cr.code[3:], cr.start, scg.valid_from.replace(day=3))
        if cr.end is not None and cr.end < scg.valid_from:
            return [CodeRange(yug.code, cr.start, cr.end)]
        return [yug, CodeRange(cr.code, scg.valid_from, cr.end)]


def normalise_codes(entries: list[Entry], rules: CodeRules, stats: Stats) -> list[Entry]:
    """Entries with their codes normalised; those left without a usable code are dropped."""
    kept = []
    for entry in entries:
        entry.codes = [new for cr in entry.codes for new in rules.normalise(cr)]
        if any(cr.code != "-" for cr in entry.codes):
            kept.append(entry)
        else:
            stats["entry: no usable code"] += 1
    return kept


# -- entries and names ---------------------------------------------------------------------------
def clean_name(raw: str) -> str | None:
    """`MIKHAIL_S._GORBACHEV_` → `MIKHAIL S. GORBACHEV`; None when it is no usable name."""
    name = re.sub(r"\([^)]*\)", " ", raw.upper().replace("_", " "))
    name = re.sub(r"\s+", " ", name).strip(" ,;:")
    if not re.search(r"[A-Z]", name) or any(ch in name for ch in "+/[\ufffd"):
        return None
    return name


def entry_kind(entry: Entry) -> str:
    """country (every code a bare country), person, organisation, or group (armed non-state)."""
    if entry.source == "nonstate":
        return "group"
    real = [cr for cr in entry.codes if cr.code != "-"]
    if all(len(cr.code) == 3 and cr.code not in TRANSNATIONAL for cr in real):
        return "country"
    return "person" if looks_like_person(entry) else "organisation"


def looks_like_person(entry: Entry) -> bool:
    """The leader lists (CountryInfo, IGO rulers) and elites are people; other dated entries
    whose first name has 2-5 words and no organisation word are people too."""
    comment = entry.comment.lower()
    if "countryinfo" in comment or "rulers" in comment:
        return True
    if any(cr.code[3:6] == "ELI" for cr in entry.codes):
        return True
    words = (clean_name(entry.names[0]) or "").lower().split() if entry.names else []
    dated = any(not cr.default for cr in entry.codes)
    return dated and 2 <= len(words) <= 5 and not ORG_WORDS.intersection(words)


class NameKinds:
    """What a name in a country entry denotes: the country itself, a capital, a city, a region,
    or another alias (demonyms, old names, misspellings)."""

    def __init__(self, places: PlaceIndex, curated: Gazetteer):
        self.places = places
        self.country_names = {fold(n) for c in pycountry.countries
                              for n in (c.name, getattr(c, "common_name", ""),
                                        getattr(c, "official_name", "")) if n}
        self.country_names |= {fold(a["name"]) for a in curated.countries.values()}

    def of(self, name: str, homes: set[str]) -> str:
        """The name's kind: country, capital, city, region or alias."""
        if fold(name) in self.country_names:
            return "country"
        for iso3 in homes:
            city = self.places.city_in(name, iso3)
            if city is not None:
                return "capital" if city.capital else "city"
            if self.places.is_region(name, iso3):
                return "region"
        return "alias"


def homes(entry: Entry, states: StateTable) -> set[str]:
    """Present-day countries (or IGO/NGO/IMG prefixes) an entry's codes belong to."""
    out = set()
    for cr in entry.codes:
        if cr.code != "-":
            out.update(states.successors(cr.code[:3]))
    return out


# -- noise rules on names: each drops a class of names and is counted ----------------------------
def one_word_under_four_letters(name: str, words: set[str], kind: str) -> bool:
    """`UN`, `PM`, `ANC`: too short to be told from other words and abbreviations."""
    return " " not in name and len(name.replace(".", "")) < 4


def common_english_word(name: str, words: set[str], kind: str) -> bool:
    """`MAJOR`, `BEGIN`, `TURKEY`, `NICE`: a one-word name that is also a lower-case English word."""
    return " " not in name and name.lower() in words


def generic_phrase(name: str, words: set[str], kind: str) -> bool:
    """`NATIONAL ASSEMBLY`, `SUPREME COURT`: an organisation or place name of English words only
    (people's names are kept: "President Bush" is a name, though "bush" is a word)."""
    if kind == "person":
        return False
    parts = [p for p in name.lower().replace(".", "").split() if p not in ("of", "the", "and")]
    return " " in name and all(p in words for p in parts)


NAME_RULES = (one_word_under_four_letters, common_english_word, generic_phrase)


def drop_noisy_names(entries: list[Entry], words: set[str], discards: set[str],
                     stats: Stats) -> None:
    """Apply NAME_RULES and the discard list to every name (entries keep their other names)."""
    for entry in entries:
        kept = []
        for raw in entry.names:
            name = clean_name(raw)
            rule = "malformed" if name is None else next(
                (r.__name__ for r in NAME_RULES if r(name, words, entry.kind)), None)
            if rule is None and fold(name) in discards:
                rule = "discard_phrase"
            if rule:
                stats[f"name: {rule}"] += 1
            else:
                kept.append(name)
        entry.names = list(dict.fromkeys(kept))


# Titles a name may be listed with or without ("QUEEN_ELIZABETH_II" under St Kitts and Nevis,
# "ELIZABETH_II" under Britain): the same person, so the same name for `drop_shared_names`.
NAME_TITLES = frozenset({"king", "queen", "prince", "princess", "emir", "sheikh", "sultan", "sir",
                         "president", "premier", "chancellor", "general", "dr"})


def bare_name(name: str) -> str:
    """The folded name without a leading title ("QUEEN ELIZABETH II" -> "elizabeth ii")."""
    words = fold(name).split()
    return " ".join(words[1:]) if len(words) > 2 and words[0] in NAME_TITLES else " ".join(words)


def drop_shared_names(entries: list[Entry], states: StateTable, stats: Stats) -> None:
    """A name listed for entries of different countries (a surname many people share, a party
    name used in several countries, a monarch of several realms listed with and without the
    title) says nothing on its own: dropped from all of them."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        for name in entry.names:
            owners[bare_name(name)] |= homes(entry, states)
    for entry in entries:
        kept = [n for n in entry.names if len(owners[bare_name(n)]) <= 1]
        stats["name: shared_across_countries"] += len(entry.names) - len(kept)
        entry.names = kept


def curated_homes(curated: Gazetteer, name: str) -> set[str] | None:
    """Countries (or IGO prefixes) the curated gazetteer gives a name; None when it lacks it."""
    cands = curated.candidates(name)
    if not cands:
        return None
    return {c.actor["country_code"] or c.actor["code"][:3] for c in cands}


def drop_against_curated(entries: list[Entry], curated: Gazetteer, states: StateTable,
                         stats: Stats) -> None:
    """Curated files keep precedence: a dictionary name the curated gazetteer gives another
    country is dropped (`contradicts_curated`); one it already has for the same country is kept
    only for people, whose dated ranges refine the curated reading (`duplicate_of_curated`)."""
    for entry in entries:
        kept, own = [], homes(entry, states)
        for name in entry.names:
            theirs = curated_homes(curated, name)
            if theirs is None:
                kept.append(name)
            elif not any(states.same_country(a, b) for a in theirs for b in own):
                stats["name: contradicts_curated"] += 1
            elif entry.kind == "person":
                kept.append(name)
            else:
                stats["name: duplicate_of_curated"] += 1
        entry.names = kept


# -- agents and discards -------------------------------------------------------------------------
def read_agents(path: Path, sectors: set[str], stats: Stats) -> dict[str, str]:
    """Agent words → sector (`POLICE {} [~COP]`, `!MINIST!` substitution sets, regular plurals)."""
    substitutions: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _ = split_comment(raw)
        if "!" in body and "=" in body and "[" not in body:
            marker, _, values = body.partition("=")
            substitutions[marker.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        match = re.match(r"^([^\[{]+?)\s*(?:\{([^}]*)\})?\s*\[~?([A-Z]{3})[^\]]*\]", body)
        if not match:
            continue
        word, plurals, sector = match.groups()
        if sector not in sectors:
            stats["agent: sector unknown to Entente"] += 1
            continue
        for form in expand_agent(word.strip(), plurals, substitutions):
            out.setdefault(form.replace("_", " ").lower().strip(), sector)
    return out


def expand_agent(word: str, plurals: str | None, substitutions: dict[str, list[str]]) -> list[str]:
    """An agent and its plurals: `{...}` as given, `!SET!` substituted as listed, else the
    regular plural (PETRARCH's rule: Y → IES, S → SES, else + S)."""
    marker = re.search(r"(![A-Z]+!)", word)
    if marker:
        return [form for value in substitutions.get(marker.group(1), ())
                for form in expand_agent(word.replace(marker.group(1), value), "", substitutions)]
    if plurals is not None:
        return [word, *[p for p in plurals.split() if p]]
    plural = word[:-1] + "IES" if word.endswith("Y") else word + ("ES" if word.endswith("S") else "S")
    return [word, plural]


def read_discards(path: Path, stats: Stats) -> set[str]:
    """Discard phrases (sport, culture, weather ...), folded; bare years and numbers left out."""
    out = set()
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _ = split_comment(raw)
        phrase = body.lstrip("+").replace("_", " ").strip()
        if not phrase:
            continue
        if not re.search(r"[A-Za-z]{2}", phrase):
            stats["discard: number or year"] += 1
            continue
        out.add(fold(phrase))
    return out


# -- writing -------------------------------------------------------------------------------------
def notice(source_dir: Path, sources: list[str]) -> list[str]:
    """The header of every derived table: where it comes from, and the MIT notice it keeps."""
    lines = [f"Derived by scripts/build_actor_dictionary.py from {', '.join(sources)}",
             "(Open Event Data Alliance dictionaries as used by PETRARCH/Phoenix).", ""]
    lines += (source_dir / "LICENSE").read_text(encoding="utf-8").strip().splitlines()
    return [f"# {line}".rstrip() for line in lines]


def write_table(path: Path, header: list[str], columns: tuple[str, ...], rows) -> int:
    """Write the notice, the column names and tab-separated rows; the number of rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(header) + "\n" + "\t".join(columns) + "\n")
        for row in rows:
            fh.write("\t".join(str(v) for v in row) + "\n")
            count += 1
    return count


def write_outputs(out: Path, source_dir: Path, entries: list[Entry], name_kinds: NameKinds,
                  states: StateTable, agents: dict[str, str], discards: set[str]) -> dict:
    """Write the four derived tables; rows written per table."""
    actor_header = notice(source_dir, list(ACTOR_SOURCES.values()))
    name_rows = []
    for entry in entries:
        where = homes(entry, states)
        for name in entry.names:
            kind = name_kinds.of(name, where) if entry.kind == "country" else entry.kind
            name_rows.append((fold(name), entry.number, kind))
    return {
        "dictionary_actors.tsv": write_table(
            out / "dictionary_actors.tsv", actor_header, ("entry", "source", "kind", "codes"),
            ((e.number, e.source, e.kind, "|".join(cr.cell() for cr in e.codes)) for e in entries)),
        "dictionary_names.tsv": write_table(
            out / "dictionary_names.tsv", actor_header, ("name", "entry", "kind"), name_rows),
        "dictionary_agents.tsv": write_table(
            out / "dictionary_agents.tsv", notice(source_dir, [AGENTS_SOURCE]),
            ("word", "sector"), sorted(agents.items())),
        "dictionary_discards.tsv": write_table(
            out / "dictionary_discards.tsv", notice(source_dir, [DISCARDS_SOURCE]),
            ("phrase",), ((p,) for p in sorted(discards))),
    }


def build(source_dir: Path, out: Path) -> Stats:
    """Read, normalise, filter and write; returns the counts of every rule."""
    stats = Stats()
    curated = Gazetteer(out, with_dictionary=False)
    states = StateTable(out / "historical_states.csv")
    sectors = set(curated.sector_types)
    rules = CodeRules(set(curated.countries), sectors, states, stats)
    entries = normalise_codes(read_entries(source_dir, stats), rules, stats)
    discards = read_discards(source_dir / DISCARDS_SOURCE, stats)
    for number, entry in enumerate(entries, start=1):
        entry.number, entry.kind = number, entry_kind(entry)
    drop_noisy_names(entries, get_english_words_set(["web2"], lower=False, alpha=True),
                     discards, stats)
    drop_shared_names(entries, states, stats)
    drop_against_curated(entries, curated, states, stats)
    before = len(entries)
    entries = [e for e in entries if e.names]
    stats["entry: no name left"] = before - len(entries)
    agents = read_agents(source_dir / AGENTS_SOURCE, sectors, stats)
    written = write_outputs(out, source_dir, entries, NameKinds(load_places(), curated), states,
                            agents, discards)
    stats.update({f"written: {k}": v for k, v in written.items()})
    stats.update({f"kept entries: {k}": v for k, v in Counter(e.kind for e in entries).items()})
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "dictionaries")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "gazetteer")
    args = parser.parse_args()
    stats = build(args.source, args.out)
    print(f"converted {args.source} → {args.out}\n{stats.report()}")


if __name__ == "__main__":
    main()
