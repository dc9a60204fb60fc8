"""Events: PLOVER/CAMEO-coded interactions between actors (the `entente_events` component).

`lexicon` holds the trigger entries (data/event_lexicon.yml) and the event categories
(data/event_categories.csv); `participants` reads who did what to whom off the parse;
`modality` whether and when it happened; `coder` puts them together per sentence.
"""
