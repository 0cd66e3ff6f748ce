"""Role-by-date resolution: "the NATO chief" on a given day is the person who held the office."""

from __future__ import annotations

import datetime as dt

import pytest

from saywho.knowledge import Knowledge

# (role phrase or office id, date, expected holder's canonical name)
ROLE_BY_DATE = [
    # NATO secretaries-general: Stoltenberg until 2024-09-30, Rutte from 2024-10-01
    ("the NATO secretary-general", "2024-09-30", "Jens Stoltenberg"),
    ("the NATO secretary-general", "2024-10-01", "Mark Rutte"),
    ("NATO Secretary General", "2025-06-24", "Mark Rutte"),
    ("the NATO chief", "2014-09-30", "Anders Fogh Rasmussen"),
    ("the NATO chief", "2014-10-01", "Jens Stoltenberg"),
    ("nato.secretary_general", "2019-04-04", "Jens Stoltenberg"),
    # UK prime ministers: Johnson -> Truss -> Sunak -> Starmer
    ("the British prime minister", "2022-09-05", "Boris Johnson"),
    ("the British prime minister", "2022-09-06", "Liz Truss"),
    ("UK Prime Minister", "2022-10-24", "Liz Truss"),
    ("UK Prime Minister", "2022-10-25", "Rishi Sunak"),
    ("Britain's prime minister", "2024-07-04", "Rishi Sunak"),
    ("Britain's prime minister", "2024-07-05", "Keir Starmer"),
    ("the British PM", "2016-07-12", "David Cameron"),
    ("the British PM", "2016-07-13", "Theresa May"),
    # US presidents change at noon on 20 January; that day belongs to the new one
    ("the US president", "2021-01-19", "Donald Trump"),
    ("the U.S. President", "2021-01-20", "Joe Biden"),
    ("the American president", "2025-01-19", "Joe Biden"),
    ("the American president", "2025-01-20", "Donald Trump"),
    ("POTUS", "2012-06-01", "Barack Obama"),
    # Ukraine's foreign minister: Kuleba -> Sybiha on 2024-09-05
    ("the Ukrainian foreign minister", "2024-09-04", "Dmytro Kuleba"),
    ("Ukraine's foreign minister", "2024-09-05", "Andrii Sybiha"),
    ("Ukraine's top diplomat", "2019-01-15", "Pavlo Klimkin"),
    # Russia
    ("the Russian president", "2010-06-01", "Dmitry Medvedev"),
    ("the Russian president", "2012-05-07", "Vladimir Putin"),
    ("the Kremlin leader", "2022-02-24", "Vladimir Putin"),
    ("the Russian prime minister", "2011-03-01", "Vladimir Putin"),
    ("the Russian prime minister", "2020-01-16", "Mikhail Mishustin"),
    ("the Kremlin spokesman", "2023-03-01", "Dmitry Peskov"),
    ("the Kremlin's spokesman", "2012-05-22", "Dmitry Peskov"),
    ("Putin's spokesman", "2019-11-11", "Dmitry Peskov"),
    ("Russian Foreign Ministry spokeswoman", "2022-03-01", "Maria Zakharova"),
    ("Russian Foreign Ministry spokesman", "2013-07-01", "Alexander Lukashevich"),
    ("the Russian defence minister", "2024-05-13", "Sergei Shoigu"),
    ("the Russian defense minister", "2024-05-14", "Andrei Belousov"),
    ("Russia's top diplomat", "2015-01-01", "Sergey Lavrov"),
    # Ukraine
    ("the Ukrainian president", "2019-05-19", "Petro Poroshenko"),
    ("the Ukrainian president", "2019-05-20", "Volodymyr Zelenskyy"),
    ("Ukraine's defence minister", "2023-09-06", "Rustem Umerov"),
    ("Ukraine's defense minister", "2022-02-24", "Oleksii Reznikov"),
    ("Ukraine's commander-in-chief", "2024-02-07", "Valerii Zaluzhnyi"),
    ("Ukraine's commander-in-chief", "2024-02-08", "Oleksandr Syrskyi"),
    ("Zelensky's chief of staff", "2023-01-01", "Andriy Yermak"),
    # Others
    ("the German chancellor", "2021-12-07", "Angela Merkel"),
    ("the German chancellor", "2021-12-08", "Olaf Scholz"),
    ("the German chancellor", "2025-05-06", "Friedrich Merz"),
    ("the French president", "2017-05-13", "François Hollande"),
    ("the French president", "2017-05-14", "Emmanuel Macron"),
    ("China's foreign minister", "2023-03-01", "Qin Gang"),
    ("China's foreign minister", "2023-07-25", "Wang Yi"),
    ("the Belarusian leader", "2020-08-09", "Alexander Lukashenko"),
    ("the Israeli prime minister", "2021-06-12", "Benjamin Netanyahu"),
    ("the Israeli prime minister", "2022-07-01", "Yair Lapid"),
    ("the Iranian president", "2024-05-18", "Ebrahim Raisi"),
    ("the Iranian president", "2024-07-28", "Masoud Pezeshkian"),
    ("Iran's foreign minister", "2015-07-14", "Mohammad Javad Zarif"),
    ("the Turkish president", "2014-08-27", "Abdullah Gül"),
    ("the Turkish president", "2014-08-28", "Recep Tayyip Erdoğan"),
    ("the Turkish foreign minister", "2023-06-03", "Hakan Fidan"),
    ("the EU foreign policy chief", "2024-11-30", "Josep Borrell"),
    ("the EU foreign policy chief", "2024-12-01", "Kaja Kallas"),
    ("European Commission President", "2019-11-30", "Jean-Claude Juncker"),
    ("the UN secretary-general", "2016-12-31", "Ban Ki-moon"),
    ("the UN chief", "2017-01-01", "António Guterres"),
    ("the IAEA chief", "2019-12-03", "Rafael Grossi"),
    ("the UN nuclear watchdog chief", "2015-07-14", "Yukiya Amano"),
    ("White House press secretary", "2022-05-12", "Jen Psaki"),
    ("White House press secretary", "2025-02-01", "Karoline Leavitt"),
    ("the US secretary of state", "2021-01-19", "Mike Pompeo"),
    ("the US secretary of state", "2021-01-26", "Antony Blinken"),
]


@pytest.mark.parametrize(("phrase", "day", "expected"), ROLE_BY_DATE)
def test_role_resolves_to_the_holder_on_that_day(
    kb: Knowledge, phrase: str, day: str, expected: str
) -> None:
    holder = kb.holder(phrase, day)
    assert holder is not None, f"nobody found for {phrase!r} on {day}"
    assert holder.name == expected


def test_dates_may_be_date_or_datetime(kb: Knowledge) -> None:
    assert kb.holder("NATO chief", dt.date(2025, 1, 1)).name == "Mark Rutte"  # type: ignore[union-attr]
    assert kb.holder("NATO chief", dt.datetime(2020, 1, 1, 12)).name == "Jens Stoltenberg"  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="not a date"):
        kb.holder("NATO chief", "yesterday")


@pytest.mark.parametrize(
    ("phrase", "context", "expected"),
    [
        ("the bloc's chief", {"Q7184"}, "Jens Stoltenberg"),
        ("the bloc's chief", {"Q458"}, "Ursula von der Leyen"),
        ("the president", {"Q212"}, "Volodymyr Zelenskyy"),
        ("the president", {"Q159"}, "Vladimir Putin"),
        ("the foreign minister", {"Q184"}, "Vladimir Makei"),
        ("the prime minister", {"Q145", "Q84"}, "Boris Johnson"),
    ],
)
def test_generic_roles_need_the_articles_context(
    kb: Knowledge, phrase: str, context: set[str], expected: str
) -> None:
    assert kb.holder(phrase, "2022-03-01") is None  # ambiguous without context
    holder = kb.holder(phrase, "2022-03-01", context=context)
    assert holder is not None and holder.name == expected


def test_generic_role_with_two_matching_countries_is_ambiguous(kb: Knowledge) -> None:
    assert kb.holder("the president", "2022-03-01", context={"Q212", "Q159"}) is None
    names = {
        m.entity.name for m in kb.holders("the president", "2022-03-01", context={"Q212", "Q159"})
    }
    assert names == {"Volodymyr Zelenskyy", "Vladimir Putin"}


def test_nobody_holds_an_office_outside_its_tenures(kb: Knowledge) -> None:
    assert kb.holder("the Turkish prime minister", "2019-01-01") is None  # office abolished in 2018
    assert kb.holder("the former Russian president", "2020-01-01") is None  # not a role phrase
    assert kb.holder("no such office", "2020-01-01") is None
    assert (
        kb.holder("the US secretary of state", "2021-01-22") is None
    )  # an acting secretary, not listed


def test_concurrent_office_lists_everyone(kb: Knowledge) -> None:
    matches = kb.holders("Chinese Foreign Ministry spokesperson", "2023-06-01")
    assert len(matches) >= 2
    assert kb.holder("Chinese Foreign Ministry spokesperson", "2023-06-01") is None


def test_confidence_reflects_acting_uncertain_and_handover(kb: Knowledge) -> None:
    plain = kb.resolve("the Russian president", "2015-06-01")
    handover = kb.resolve("NATO chief", "2024-10-01")
    acting = kb.resolve("ua.president", "2014-03-01")
    uncertain = kb.resolve("Ukrainian presidential spokesman", "2022-01-01")
    assert plain is not None and plain.confidence == 1.0
    assert handover is not None and handover.confidence < 1.0
    assert (
        acting is not None and acting.tenure.acting and acting.entity.name == "Oleksandr Turchynov"
    )
    assert acting.confidence < 1.0
    assert uncertain is not None and uncertain.tenure.uncertain and uncertain.confidence < 1.0


def test_offices_held_by_a_person(kb: Knowledge) -> None:
    held = {office.id for office, _ in kb.offices_held("Q7747")}
    assert held == {"ru.president", "ru.prime_minister"}
    on_day = kb.offices_held("sw:person/sergei-shoigu", "2024-05-13")
    assert {office.id for office, _ in on_day} == {
        "ru.defence_minister",
        "ru.security_council_secretary",
    }
