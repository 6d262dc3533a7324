"""Very common English words: an alias equal to one would match ordinary text everywhere.

About the 300 most frequent words of written English (function words, and the commonest
nouns, verbs and adjectives). Used by the ``common-word-alias`` lint, and so that the
``unlinked-mention`` lint never asks for a link on such a word.
"""

from __future__ import annotations

COMMON_WORDS = frozenset(
    """
    a about above act add after again against age ago air all almost already also always am
    among an and another answer any are area around as ask at away back base be because
    become been before begin being below best better between big body book both bring build
    but by call came can car care carry case cause center certain change clear close cold
    come common cost could country course cut dark day deal did different do does done door
    down draw drive during each early either else end enough even ever every everything
    example eye face fact family far fast feel few field find fine fire first follow food
    for form found free friend from full game general get give given go going gone good got
    great group had half hand hard has have he head hear heard help her here high him his
    hold home hope hour house how i idea if important in interest into is it its job just
    keep key kind know land large last late later lead learn least leave left less let
    level life light like line list little live long look lot love low made main make man
    many mark matter may me mean might money more morning most mother move much must my
    name need never new next night no not note nothing now number object of off office
    often oh ok okay old on once one only open or order other our out over own page paper
    part past pay people person place plan play plus point power problem public put
    question quite rather read real reason rest result right road room round run said same
    save saw say school see seem sense serve set she short should show side simple since
    single sit size small so social some something sound space stand start state step still
    stop story study such sure system take talk tell test text than that the their them
    then there these they thing think this those though thought three through time to today
    together too top town tree true try turn two type under until up upon us use used usual
    value very view voice wait walk want was watch water way we week well went were what
    when where which while white who whole why wide will win with within without woman word
    work world would write wrong year yes yet you young your
    """.split()  # noqa: SIM905 - a word list reads best as text
)
