"""What the event tables compare: the doers' and the targets' countries of each event a
sentence gets through the whole pipeline. A plain module, like locations.py."""
from __future__ import annotations


def countries(nlp, text: str, dct: str = "2022-07-15") -> list[tuple[set[str], set[str]]]:
    """(doers' countries, targets' countries) of each event of `text`, published on `dct`."""
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return [({p["country"] for p in e["actors"] if p.get("country")},
             {p["country"] for p in e["recipients"] if p.get("country")})
            for e in nlp(doc)._.events]


def events(nlp, text: str, dct: str = "2023-02-01") -> list[dict]:
    """The events of `text`, published on `dct`, as the pipeline emits them."""
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return nlp(doc)._.events


def sides(event: dict) -> tuple[set[str], set[str]]:
    """Countries of the doers and of the targets (IGO for an international body)."""
    def side(parts):
        return {p.get("country") or p["code"][:3] for p in parts if p.get("code")}
    return side(event["actors"]), side(event["recipients"])
