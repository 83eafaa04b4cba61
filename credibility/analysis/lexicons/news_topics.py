"""What a news sentence is about: public-interest subjects against leisure and routine.

A fact-checker checks claims whose truth matters to the public: money and the economy,
government and law, crime and courts, health, safety, conflict and the environment. Sport,
showbusiness, awards, games and gadgets are reported facts too, but routine ones (the
labelling guide's "unimportant factual statements"). These are the news desks' own
categories, written from general knowledge; no word here comes from evaluation data.
Lower-case single words, matched against a sentence's words (a plural's "s" is also tried).
"""

from __future__ import annotations

PUBLIC_INTEREST_WORDS = frozenset(
    """
    government minister ministers ministry parliament mps mp senate congress council councils
    cabinet chancellor president premier mayor governor election elections vote voted voters
    referendum law laws legislation bill act regulation regulator regulators ban banned
    treaty agreement sanctions subsidy subsidies tariff tariffs tax taxes taxpayer taxpayers
    budget budgets deficit debt debts borrowing spending funding grant grants pension pensions
    benefit benefits welfare economy economic economies recession growth inflation unemployment
    jobless employment wages wage salary salaries income incomes prices price interest rate rates
    bank banks lender lenders loan loans credit mortgage mortgages currency dollar euro pound
    shares share stock stocks profit profits loss losses revenue revenues sales turnover
    investment investors firm firms company companies industry manufacturing exports imports
    trade deal merger takeover bankruptcy bankrupt administration redundancies layoffs jobs
    strike union unions court courts judge judges trial trials jury verdict sentence sentenced
    sentences convicted conviction guilty charged charges charge arrested arrest arrests police
    prosecutors prosecution lawyer lawyers appeal appeals jailed prison prisoners fraud crime
    crimes murder killed deaths death died victims injured casualties attack attacks bomb bombs
    terrorism terrorist military army troops war soldiers weapons security intelligence
    hospital hospitals patients doctors nhs health disease virus cancer drug drugs vaccine
    school schools pupils students university universities teachers education
    climate emissions pollution energy oil gas nuclear coal environment flood floods
    immigration immigrants asylum refugees poverty housing homeless crisis scandal investigation
    inquiry corruption bribery compensation fine fined fines penalty lawsuit sued damages
    """.split()
)

LEISURE_WORDS = frozenset(
    """
    film films movie movies actor actors actress actresses director oscar oscars award awards
    nominated nomination nominations nominee prize festival album albums single singles song
    songs band bands singer singers chart charts concert concerts tour gig gigs star stars
    celebrity celebrities theatre musical comedy drama sitcom soap episode
    gallery exhibition artist artists novel author bestseller fans
    match matches game games goal goals season league cup championship champion champions
    finals tournament club clubs team teams coach manager striker midfielder defender keeper
    goalkeeper player players squad fixture fixtures victory defeat draw scored
    debut cap caps injury transfer medal medals olympic olympics race races
    console consoles gadget gadgets handset handsets gaming gamers screen screens
    """.split()
)

# The law acting on someone, as an event: arrested, charged, convicted, jailed. A statement that
# it happened is an accusation or a record a fact-checker checks whatever its wording, and the
# learned model, trained on debates, scores such narrative low ("Two others were arrested.").
# Only forms with no common other sense: not "overturned" (a car, a deficit), "detained"
# (in hospital), "fined" (also a leisure penalty); "charged" only in its legal sense, which
# ``claims.news_topic`` tells apart ("charged with assault", not "charged with ensuring order"
# or "charged services").
LAW_EVENT_WORDS = frozenset(
    """
    arrested convicted jailed imprisoned prosecuted sentenced acquitted indicted quashed extradited
    handcuffed
    """.split()
)

# The law at work on someone: an arrest, a charge, a hearing, a trial, a conviction, a doping
# case. One of these makes a sentence public interest whatever its leisure words
# ("the champion faces a criminal hearing"). Only words with no common leisure sense: not
# "charge" ("took charge"), "drug" (a film role), "ban", "suspended" or "suspension" (a red card).
CRIME_AND_COURT_WORDS = LAW_EVENT_WORDS | frozenset(
    """
    charged court courts criminal doping fraud guilty hearing police prosecutors trial
    injunction injunctions lawsuit lawsuits sued
    """.split()
)
