"""Actors: which country, government, army or organisation a name stands for.

- `gazetteer`: the names, codes and readings Entente knows (data/gazetteer/);
- `linker`: the `entente_actors` component (with the gazetteer's entity ruler before the NER)
  that sets `ent._.actor` on every entity that denotes an actor.
"""
from entente.nlp.actors.linker import LINKER_NAME, RULER_NAME, add_actor_pipes

__all__ = ["LINKER_NAME", "RULER_NAME", "add_actor_pipes"]
