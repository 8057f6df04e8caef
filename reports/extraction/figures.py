"""Figures: counts of people killed, injured, missing, trapped or displaced, read sentence by sentence.

A count becomes a figure only when the words around it say what happened to whom:
- after it, a group noun and a passive or adjectival kind ("12 people were killed", "14 dead",
  "250,000 civilians remain trapped", "millions more displaced");
- before it, an active kind or a toll ("an air strike killed 14", "raising the death toll to 14");
- or it is a subgroup of such a count ("..., including three children, ...").
Everything else (ages, years, strikes, money, "the fourth day") has none of these and is left alone.
"""

import collections
import re

from .numbers import RELATIVE, TENS, UNITS, has_number, mentions, read_mention
from .text import FoldedSearch

# Work done, counted where it could grow with the input (counts read, group lookups and what they examined,
# whole-sentence searches): the linearity tests read it, so that a step that rescans earlier counts shows
# as a count of work, not as a flaky timing. Cheap enough to keep always on.
WORK = collections.Counter()

# Group nouns, plural and singular. A singular noun only follows "one", "a" or "an".
GROUP_NOUNS = {
    "people": "people", "persons": "people", "person": "people", "individuals": "people",
    "individual": "people", "residents": "civilians", "resident": "civilians", "inhabitants": "people",
    "villagers": "civilians", "locals": "people", "men": "people", "man": "people", "worshippers": "people",
    "relatives": "people", "syrians": "people", "migrants": "people", "victims": "people",
    "pilgrims": "people", "passengers": "people", "evacuees": "people", "workers": "people", "worker": "people",
    "farmers": "people", "shepherds": "people", "members": "people", "member": "people",
    "kurds": "people", "refugees": "people", "adult": "people", "adults": "people", "detainees": "people", "prisoners": "people",
    "citizens": "civilians", "citizen": "civilians", "youths": "people", "employees": "people",
    "civilians": "civilians", "civilian": "civilians", "doctors": "civilians", "doctor": "civilians",
    "nurses": "civilians", "nurse": "civilians", "medics": "civilians", "medic": "civilians",
    "paramedics": "civilians", "paramedic": "civilians", "patients": "civilians", "patient": "civilians",
    "journalists": "civilians", "journalist": "civilians", "reporters": "civilians",
    "reporter": "civilians", "activists": "civilians", "activist": "civilians",
    "volunteers": "civilians", "volunteer": "civilians", "rescuers": "civilians", "rescuer": "civilians",
    "protesters": "civilians", "protestors": "civilians", "demonstrators": "civilians",
    "photographers": "civilians", "photographer": "civilians", "teachers": "civilians",
    "teacher": "civilians", "students": "civilians", "student": "civilians",
    "children": "children", "child": "children", "kids": "children", "minors": "children",
    "boys": "children", "boy": "children", "girls": "children", "girl": "children",
    "infants": "children", "infant": "children", "babies": "children", "baby": "children",
    "schoolchildren": "children", "toddlers": "children", "toddler": "children", "pupils": "children",
    "women": "women", "woman": "women", "mother": "women", "mothers": "women",
    "fighters": "combatants", "fighter": "combatants", "rebels": "combatants", "rebel": "combatants",
    "soldiers": "combatants", "soldier": "combatants", "troops": "combatants", "militants": "combatants",
    "militant": "combatants", "jihadists": "combatants", "jihadist": "combatants",
    "insurgents": "combatants", "insurgent": "combatants", "gunmen": "combatants", "gunman": "combatants",
    "terrorists": "combatants", "terrorist": "combatants", "militiamen": "combatants",
    "militiaman": "combatants", "combatants": "combatants", "combatant": "combatants",
    "servicemen": "combatants", "serviceman": "combatants", "officers": "combatants",
    "officer": "combatants", "policemen": "people", "policeman": "people",
    "guards": "combatants", "recruits": "combatants", "commanders": "combatants",
    "commander": "combatants", "mercenaries": "combatants", "personnel": "combatants",
    "forces": "combatants", "extremists": "combatants", "snipers": "combatants", "pilots": "combatants",
    "pilot": "combatants", "comrades": "combatants", "marines": "combatants", "bombers": "combatants", "attackers": "combatants",
    "staff": "civilians", "cases": "people", "drivers": "people", "driver": "people",
    "leaders": "people", "leader": "people",
    "brothers": "people", "sisters": "people", "siblings": "people", "sons": "people", "daughters": "people",
    "son": "people", "daughter": "people", "brother": "people", "sister": "people", "father": "people",
    "fathers": "people", "husband": "people", "husbands": "people",
    "wife": "women", "wives": "women", "families": "families", "family": "families", "households": "families",
    # 0.10.0: more people counted by what they were doing or who they were
    "visitors": "civilians", "mourners": "people", "shoppers": "people", "guests": "people", "tribesmen": "people",
    "worshipers": "people", "engineers": "people", "crewmembers": "people", "colleagues": "people",
    "players": "civilians", "footballers": "civilians", "civilains": "civilians", "combattants": "combatants",
    # people counted by the community or nation they belong to: "15 young Assyrians were killed"
    "assyrians": "people", "palestinians": "people", "iraqis": "people", "yazidis": "people", "christians": "people",
    "muslims": "people", "alawites": "people", "armenians": "people",
    "arabs": "people", "bedouins": "people", "sunnis": "people", "shiites": "people", "turks": "people",
    "iranians": "people", "afghans": "people", "russians": "people", "foreigners": "people",
    # "128 troops and militia"; loyalists may be fighters or a town's residents ("129 loyalists and 116 rebels")
    "loyalists": "people", "militia": "combatants", "paramilitaries": "combatants",  # (two "militias" are groups)
}
# Nouns that say the kind themselves: "14 dead", "12 bodies", "30 wounded".
KIND_NOUNS = {
    "dead": "killed", "deaths": "killed", "fatalities": "killed", "bodies": "killed", "corpses": "killed",
    "martyrs": "killed", "killed": "killed", "lives": "killed", "wounded": "injured", "injured": "injured",
    "injuries": "injured", "missing": "missing", "trapped": "trapped",
}
_CIVILIAN_MODIFIERS = re.compile(r"civil\s+defen|white\s+helmet|medical|health|aid|humanitarian|rescue|emergency|"
                                 r"relief|red\s+crescent|media|civilian|un\b", re.I)
_COMBATANT_MODIFIERS = re.compile(r"(?-i:\bIS\b)|\b(?:armed|army|military|security|regime|government|pro-|rebel|militia|isis|"
                                  r"isil|daesh|nusra|hezbollah|police|ahrar|jaish|fsa|free\s+syrian|ypg|sdf|kurdish|islamic\s+state|"
                                  r"fateh|faylaq|brigade|faction|jihadi|extremist|opposition\s+fighters|terroris|jund|jabhat|liwa|ansar|qaeda)", re.I)
_MODIFIER_STOP = {
    "were", "was", "are", "is", "have", "has", "had", "been", "be",
    "died", "in", "on", "at", "or", "of", "by", "from", "to", "with", "who", "which", "that", "the",
    "as", "for", "said", "got", "get", "after", "since", "during", "while", "when", "including", "among", "into", "than",
    "a", "an", "this", "these", "those", "them", "their", "its", "his", "her", "more", "others", "other",
    "years", "year", "days", "day", "hours", "weeks", "months", "times", "kilometres", "kilometers",
    "km", "miles", "meters", "metres", "percent", "per", "cent", "strikes", "raids", "bombs",
    "shells", "rockets", "missiles", "barrel", "buildings", "houses", "homes", "vehicles", "cars",
    "tanks", "towns", "villages", "cities", "districts", "neighbourhoods", "areas", "sites", "positions",
    "hospitals", "schools", "trucks", "attacks", "explosions", "mortar", "mortars", "car", "bomb",
    "suicide", "dollars", "million", "billion", "thousand", "hundred", "most", "mostly", "many", "mainly",
}

_SINGULAR_NOUNS = {n for n in GROUP_NOUNS if n + "s" in GROUP_NOUNS} | {"man", "woman", "child"}
_THING_AFTER = re.compile(r"\s+(?:attacks?|blasts?|bombings?|raids?|strikes?|groups?|organi[sz]ations?|cells?|positions?|"
                          r"targets?|sites?|hideouts?|vehicles?|bases?|camps?|operations?|convoys?)\b", re.I)
# The nouns of a "mostly women and children" aside (a short list: a long alternation is slow to compile).
_MOSTLY_NOUNS = (r"(?:women|children|kids|civilians|men|elderly|minors|fighters|soldiers|rebels|militants|troops|"
                 r"schoolchildren|students|teachers|families|residents|villagers|people|foreigners|jihadists)")
_NOUN_WORDS = "|".join(sorted(set(GROUP_NOUNS) | set(KIND_NOUNS), key=len, reverse=True))
_POST = re.compile(
    r"[\"'’”]?"  # "left 'nearly 50' rebels dead": the count quoted, its noun after
    r"(?P<more>\s+(?:more|other|others|additional|further|new))?"
    # "two people, one of them a woman": the article before a share's noun belongs to the share
    r"(?P<of>\s+of(?:\s+(?:them|whom)(?:\s+(?:were|was|are))?\s+an?(?=\s)|"
    r"(?:\s+(?:them|whom|those|the|his|her|their|its))?(?:\s+(?:were|was|are))?))?"
    r"(?P<mods>(?:\s+\(?[\w'-]+\)?){0,3}?)"  # "seven (female) civilians", "two senior IS (Daesh) leaders"
    rf"\s+(?P<noun1>{_NOUN_WORDS})(?:\s+(?P<noun2>{_NOUN_WORDS}))?\b",
    re.IGNORECASE,
)
_BARE_AFTER = re.compile(
    r"(?:\s*[,.;:)\"]|\s*$|\s+[\d,]+\s+of\s+(?:them|whom)\b|\s+out\s+of\s+(?:a|the|its)\s+(?:\w+\s+)?population\b|\s+(?:in|on|at|and|or|since|during|when|after|as|by|from|including|among|while|"
    r"across|inside|near|overnight|yesterday|today|last|this|over|so|with|were|was|are|have|had|has|"
    r"according|others?|more|people|dead|killed|wounded|injured|amid|under|following|before|the|earlier|later|"
    r"for|of|among|this|that|within|throughout|mostly|mainly|most|many|all|some|both|men|but|evacuated|fled|"
    r"displaced|missing|trapped|died|suffer\w*|got|leaving|left|forced|sealed|sustained|received|reported|treated)\b)",
    re.IGNORECASE,
)
_NOT_A_COUNT_AFTER = re.compile(
    r"\s*-?\s*(?:year|yr|month|week|day|hour|minute|second|km|kilomet|kilomet|mile|met(?:er|re)|percent|per\s*cent|"
    r"%|times|o'clock|am\b|pm\b|gmt|dollars?|euros?|pounds|usd|tons?\b|tonnes?|kg\b|mm\b|"
    # month names whole: "51 martyrs" is no "51 Mar"
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?)\b\.?|-year|storey|floor|round|th\b|st\b|nd\b|rd\b)",
    re.IGNORECASE,
)
# Counts of what is planned, not what happened: "the deal is set to see 30,000 people evacuated".
# "killing 40 people and wounding 90 hours after the deal": a verb that needs an object takes the count
# even when a time phrase runs on without a comma.
_VERB_BEFORE = re.compile(r"\b(?:wounding|injuring|killing)\s+(?:(?:more\s+than|at\s+least|some|about)\s+)?$", re.I)
_TIME_AFTER = re.compile(r"\s+(?:hours|days|minutes)\s+(?:after|before|later)\b", re.I)
# Headlines drop punctuation: "Air strike kills 18 New toll", the verb's object runs into the next title word.
_HEADLINE_VERB = re.compile(r"\b(?:kill(?:s|ed)?|wound(?:s|ed)?|injur(?:es|ed))\s+$", re.I)
_CAPITAL_AFTER = re.compile(r"\s+(?-i:[A-Z])[a-z]")
# "forced thousands to flee", "driving 3,000 people to leave their homes".
_FORCED_BEFORE = re.compile(r"\b(?:forc(?:e|ed|es|ing)|driv(?:e|en|es|ing)|drove|compell(?:ed|ing))\s+$", re.I)
_TO_FLEE = re.compile(r"\s+(?:to\s+(?:flee|leave\s+their\s+homes|abandon\s+their\s+homes)|"
                      r"(?:out\s+of|from)\s+their\s+(?:homes|houses|villages|towns))\b", re.I)
# "pulled 20 people out of the rubble", "rescued five children from under the debris".
_PULLED_BEFORE = re.compile(r"\b(?:pull(?:ed|ing|s)?|dug|dig(?:s|ging)?|rescu(?:e|ed|es|ing)|extract(?:ed|ing))\s+"
                            r"(?:out\s+)?(?:(?:the|an?)\s+)?$", re.I)
_FROM_RUBBLE = re.compile(r"\s+(?:alive\s+)?(?:out\s+of|from)\s+(?:under\s+)?(?:the\s+|an?\s+)?(?:rubble|debris|ruins|"
                          r"(?:collapsed|destroyed|bombed|flattened)\s+(?:building|house|home)s?)\b",
                          re.I)
_DESTROYED_BEFORE = re.compile(r"\b(?:destroy(?:ed|ing|s)?|annihilat(?:ed|ing|es))\s+(?:(?:the|an?|all)\s+)?"
                               r"(?:(?!(?:in|on|at|near|by|from|with|after|of)\b)[\w-]+\s+){0,6}?(?:(?:and|as\s+well\s+as)\s+)?$", re.I)
_GEAR_AFTER = re.compile(r"\s+(?:carriers?|command|posts?|headquarters|depots?|launchers?|positions?|vehicles?|hideouts?|bases?)\b", re.I)
_PLANNED = re.compile(r"\b(?:(?:set|expected|due|scheduled|planned|going)\s+to\s+(?:see|be|allow)|will\s+(?:see|allow))"
                      r"\s+(?:the\s+)?$", re.I)
_NEGATED = re.compile(r"\b(?:no|not|none|nobody|without)\s*$", re.I)
# A share of a population is no count of the people it happened to: "half of Syria's 22 million have
# fled" says nothing exact about how many fled, and the contract forbids computing it.
_FRACTION_OF = re.compile(r"(?:\b(?:half|third|thirds|quarter|quarters|fifth|fifths|fraction|percent|per\s+cent)|%)"
                          r"\s+of\s+(?:(?:the|its|their|an?|this|that|syrias|syria['’]s|country['’]s|countrys|"
                          r"[\w-]+['’]s|pre-?war|population|total|estimated|some|about|roughly|nearly|of)\s+){0,5}$", re.I)
# "on July 25 killed seven": a day of a month is a date, not a count.
_MONTH_BEFORE = re.compile(r"\b(?-i:January|February|March|April|May|June|July|August|September|October|November|"
                           r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+$")

_CUES = [
    ("killed", r"killed|dead|died|die|dying|perished|liquidated|neutrali[sz]ed|wiped\s+out|(?:stoned|beaten|burned|burnt|tortured|starved|crushed)\s+to\s+death|(?:fallen|fell)\s+victims?|executed|slain|massacred|murdered|beheaded|shot\s+dead|"
               r"lost\s+their\s+lives|martyred|gunned\s+down|burned\s+to\s+death|(?<!remain\s)(?<!remains\s)(?<!still\s)buried\s+under|"
               r"succumbed\s+to\s+(?:their|his|her)\s+(?:\w+\s+)?(?:wounds|injuries)|burn(?:ed|t)\s+alive|drowned"),
    ("injured", r"injured|wounded|hurt|(?:sustained|received)\s+(?:\w+\s+)?(?:injuries|wounds)|suffered\s+(?:\w+\s+)?injuries|"
                # "14 people were treated for asphyxiation"
                r"treated\s+for\s+(?:\w+\s+)?(?:asphyxiation|suffocation|injuries|wounds|burns|poisoning|breathing\s+\w+)|"
                r"(?:of\s+)?(?:suffocation|poisoning)(?:\s+cases)?|suffer(?:ed|ing|s)?\s+(?:from\s+)?(?:suffocation|"
                r"breathing\s+difficulties|respiratory\s+problems)"),
    # abducted, kidnapped or taken hostage is not missing: the text says what became of them (HOLDOUT.md)
    ("missing", r"(?:gone\s+)?missing|unaccounted\s+for|disappeared"),
    ("trapped", r"trapped|besieged|stranded|encircled|under\s+(?:a\s+)?(?:\w+\s+)?siege|"
                r"sealed\s+off|buried\s+up\s+to\s+(?:his|her|their)\s+(?:neck|necks|waist|chest)|(?:remain(?:s|ed)?|still)\s+(?:buried|stuck)\s+(?:under|beneath|in)|"
                r"remain(?:s|ed)?\s+(?:\w+\s+)?(?:in|inside)\s+(?:the\s+)?(?:\w+\s+)?besieged"),
    ("displaced", r"displaced|fled|flee|fleeing|evacuated|quit|left\s+their\s+homes|uprooted|"
                  r"forced\s+(?:to\s+flee|from\s+their\s+homes|out)|bused\s+out|(?:made|left|rendered)\s+homeless|"
                  r"(?:become|became|been\s+made|are|were|remain|live\s+as)\s+refugees|bus(?:s)?ed\s+out|(?:sought|took|taken|seeking|taking)\s+refuge|fled\s+the\s+country|granted\s+safe\s+passage|"
                  r"(?:left|leaving|leave)(?=\s+(?:their\s+homes|the\s+(?:besieged\s+|two\s+|three\s+)?(?:towns?|cit(?:y|ies)|villages?|areas?|districts?)|"
                  r"(?-i:[A-Z])\w+))"),
]
_CUE = "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _CUES)
_FILLER = (r"(?:who|which|that|had|have|has|were|was|are|is|been|being|be|reportedly|also|all|later|"
           r"subsequently|allegedly|believed|thought|said|feared|reported|confirmed|known|to|remain|remained|"
           r"remains|still|now|so|far|mostly|mainly|got|either|both|apparently|likely|probably|presumed|"
           r"estimated|registered|recorded|documented|already|then|more|others|of|them|each|as|a|result|"
           r"were|being|currently|reported|officially|recently|just|again|altogether|in\s+total|total|living|live|lives|"
           r"still|effectively|able|forced|might|may|could|would|must|likely|internally|forcibly|newly|temporarily|"
           # how badly: "a nurse was critically wounded"
           r"critically|seriously|badly|severely|gravely|lightly|slightly|moderately|fatally|mortally)")
_TAIL = re.compile(
    rf"(?:\s*,?\s*{_FILLER}\b){{0,7}}"
    r"(?:\s+(?:in|from|inside|near|at|across|of)\s+(?:the\s+)?(?:(?-i:[a-z-]+)\s+){0,3}(?:of\s+)?"
    r"(?:(?-i:[A-Z])[\w'-]*(?:\s+(?:and\s+)?(?-i:[A-Z])[\w'-]*){0,3}|"
    # "200 people in the besieged town were killed": a place named by its kind
    r"(?:town|city|village|district|area|province|neighbou?rhood|camp|region|countryside|enclave|suburbs?|tribe|clan|family|"
    # "38 fighters from the warring sides were killed", "12 soldiers from the regime army died"
    r"sides|parties|factions|ranks|army|forces|militias?|brigades?|battalions?|units?|staff|crew|team)\b))?"
    # "members of government forces and its allies, who include ..., were killed"
    r"(?:,?\s+and\s+(?:its|their)\s+(?:[\w-]+\s+)?(?:allies|affiliates|backers|proxies|supporters)\b)?"
    r"(?:,?\s+(?:who|that|which|whose)\s+(?:[\w'-]+,?\s+){1,12}?(?=(?:were|was|have|had|are|has)\s)"
    # "5,000 people who had lived under siege for two years left the towns"
    r"|\s+who\s+(?:had|have|has)\s+(?:[\w'-]+\s+){1,10}?(?=(?:left|fled|died)\b))?"
    r"(?:\s*,?\s*(?:who|were|was|have|had|has|been|are|is|reportedly|also|all)\b){0,3}"
    rf"\s*,?\s*(?:{_CUE})\b(?P<mixed>\s+(?:or|and)\s+(?:still\s+)?(?:wounded|injured|killed|hurt|trapped|missing|captured|arrested|detained)\b|"
    r"(?-i:(?<=[A-Z][a-z]{5})|(?<=[A-Z][a-z]{6}))\s+(?-i:Wounded|Injured|Killed|Hurt)\b)?",
    re.IGNORECASE,
)
_AMONG_AFTER = re.compile(
    # "13 rebels from the six families were among the dead"
    r"(?:\s+(?:from|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?!(?:were|was|are|is)\b)[\w-]+(?=\s+(?:were|was|are|is)\s+among\b))?"
    r"(?:\s+(?:were|was|are|is))?(?:\s+(?:identified|counted|listed|reported|recorded))?\s+among\s+(?!them\b|whom\b)(?:the\s+|those\s+)?(?:[^.;]{0,40}?\s)?"
    r"(?:(?P<killed>dead|killed|victims|fatalities|deaths)|(?P<injured>wounded|injured))\b", re.I)
_PARENTHETICAL = re.compile(
    r"\s*[,(-]\s*(?:including|among\s+them|among\s+whom|mostly|most\s+of\s+them|many\s+of\s+them|"
    r"mainly|[\w-]+\s+of\s+(?:them|whom))\b[^,;.()-]{0,80}[,)-]"
    r"|\s*,?\s+(?:most|many|some)\s+of\s+them\s+[\w-]+(?:\s+and\s+[\w-]+)?\s*,?"
    r"|\s*,?\s+(?:including|among\s+them)\s+(?:(?!(?:were|was|have|had|are)\b)[\w'()-]+\s+){1,8}?"
    r"(?=(?:were|was|have|had|are)\s)"
    r"|\s*,?\s+(?:including|mostly|mainly|most\s+of\s+them|many\s+of\s+them|among\s+them)\s+(?:a\s+number\s+of\s+|"
    r"many\s+|several\s+|some\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?" + _MOSTLY_NOUNS +
    r"(?:\s+and\s+(?:the\s+)?(?:[\w-]+\s+)?" + _MOSTLY_NOUNS + r")?\b\s*,?",
    re.IGNORECASE)
_BEFORE = FoldedSearch(re.compile(  # (searched in a third of the time: see text.FoldedSearch)
    rf"(?:(?P<killed>kill(?:ed|ings?|s)?|claim(?:ed|ing|s)?\s+the\s+lives\s+of|execut(?:ed|ing|es)|"
    r"massacr(?:ed|ing|es)|slaughter(?:ed|ing|s)?|crucif(?:ied|ying|ies)|eliminat(?:ed|ing|es)|liquidat(?:ed|ing|es)|neutrali[sz](?:ed|ing|es)|wip(?:ed|ing|es)\s+out|"
    r"martyrdom\s+of|martyring|behead(?:ed|ing|s)?|shot\s+dead|bodies\s+of|body\s+of|deaths\s+of|"
    r"death\s+of|lives\s+of|recovered|retrieved|pulled\s+out|execution\s+of|killing\s+of|massacre\s+of|elimination\s+of|"
    r"(?P<lost>lost|losing))"
    r"|(?P<injured>wound(?:ed|ing|s)?|injur(?:e|ed|ing|es)|inflicted\s+harm\s+on|injuries\s+to|wounding\s+of|"
    r"injury\s+of|injuries\s+of|injuring\s+of)"
    r"|(?P<displaced>displac(?:ed|ing|es)|uproot(?:ed|ing|s)?|evacuat(?:ed|ing|es)|evacuation\s+of|displacement\s+of)"
    r"|(?P<trapped>trapp(?:ed|ing)|besieg(?:ed|ing))"
    r"|(?P<missing>missing\s+persons?\s+(?:at|to|of)))"
    r"\s+(?:(?:an?|the|all)\s+)?(?:(?:other|another|additional|further|some)\s+)?[\"\u201c]?$",  # killing "a woman ..."
    re.IGNORECASE,
))
_TOLL = re.compile(
    r"(?:\btolls?|(?:death|casualty)\s+count|(?:tally|count)\s+of\s+(?:the\s+)?(?:dead|deaths|victims|fatalities)|(?<![Aa]\s)(?<!large\s)number\s+of\s+"
    # "the number of people killed", "the total number of members of the X militia killed"
    r"(?:(?:those|the)\s+)?(?:(?!(?:to|at|has|have|had|is|was|were|are|been|reached|rose|in|on|and|by)\s)[\w-]+\s+){0,6}?(?:dead|deaths|killed|victims|fatalities|martyrs))\b"
    # the stretch of time between may hold dates: "from Friday March 27 2015 to Friday April 10 2015 has reached"
    r"(?:[^.;\d]|(?:19|20)\d\d\b|\b\d{1,2}(?=\s+(?:19|20)\d\d\b)){0,100}?"
    r"\b(?:to|at|of|reached|reach|hit|is|was|be|exceeded|exceed|stood\s+at|stands\s+at|now|as|"
    r"(?:var(?:y|ies|ied)|rang(?:e|es|ed))\s+from)\s+$",
    re.IGNORECASE,
)
_TOLL_GROUP = re.compile(r"\bnumber\s+of\s+(?:(?:those|the)\s+)?(?P<noun>[a-z]+)\b(?=.*\b(?:killed|dead|deaths)\b)", re.I)
_INJURED_TOLL = re.compile(
    r"number\s+of\s+(?:the\s+)?(?:wounded|injured|injuries)\b[^.;]{0,40}?\b(?:to|at|reached|is|was)\s+$", re.I)
_DISPLACED_TOLL = re.compile(
    r"number\s+of\s+(?:the\s+)?(?:(?:internally\s+)?displaced(?:\s+people|\s+persons)?|refugees|evacuees|idps)\b[^.;\d]{0,40}?\b(?:to|at|reached|is|was)\s+$", re.I)
_SUBGROUP = FoldedSearch(re.compile(
    r"(?:including|among\s+them|among\s+whom|of\s+whom|mostly|most\s+of\s+them|the\s+majority\s+of\s+them|"
    # "among the wounded in al-Baath city were four members of the same family"
    r"(?P<among>(?:^|\bthe\s+)(?:dead|victims)\s+(?:were|are)|among\s+the\s+(?:dead|victims|killed|wounded|injured)\s+(?:(?:in|at|from)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+)?(?:were|are|was)|"
    r"(?:those|people)\s+(?:killed|dead|wounded|injured)\s+(?:included|include)|"
    r"(?:death\s+)?toll\s+(?:includes|included|include)|"
    r"the\s+(?:dead|victims)\s+(?:included|include)|(?:victims|dead)\b[^.;]{0,60}?\binclud(?:ed|e)))\s+$",
    re.IGNORECASE,
))
_NUMBER_WORD = "|".join(list(UNITS) + list(TENS) + ["several", "dozens", "scores", "hundreds", "thousands", "a", "an"])
# (not "two children and their mother": the mother is a count of her own)
_MIXED_NOUN = re.compile(rf"\s+(?:and|or)\s+(?!(?:her|his|their)\s+{RELATIVE}\b)"
                         rf"(?:(?!\d|(?:{_NUMBER_WORD})\b)\w+\s+)?(?P<noun>{_NOUN_WORDS})\b",
                         re.IGNORECASE)
_MEMBERS_OF = re.compile(r"\s+of\s+(?:the\s+|a\s+|an\s+)?(?P<what>(?!(?:were|was|had|have|who|and\s+(?:its|their)|killed|died|perished|wounded|injured|fled)\b)[\w-]+"
                         r"(?:\s+(?!(?:were|was|had|have|who|and\s+(?:its|their)|killed|died|perished|wounded|injured|fled)\b)[\w-]+){0,4})", re.IGNORECASE)
_BEFORE_FAR = re.compile(
    r"\b(?:(?P<k>kill(?:ed|ing|s)?)|wound(?:ed|ing|s)?|injur(?:ed|ing|es))\s+"
    r"(?:(?P<near>(?:(?!and\b)[\w'-]+\s+){1,4})|[^.;]{1,120}?\s)and\s+$", re.IGNORECASE)
# "killed 45 civilians in and around Aleppo and 22 in Idlib": a breakdown by place.
_IN_PLACE_AFTER = re.compile(r"\s+(?:others?\s+|more\s+)?(?:in|at|near)\s+(?:the\s+)?(?:(?-i:[a-z]+)\s+){0,2}(?-i:[A-Z])")
_MIXED_BEFORE = re.compile(r"\b(?:kill(?:ed|ing)|wound(?:ed|ing)|injur(?:ed|ing))\s+(?:or|and)\s+$|"
                           r"(?-i:\b(?:Kills?|Killed|Wounds?|Wounded|Injures?|Injured))\s+$", re.I)  # "Army Kills Wounds Dozens"
_ALSO = re.compile(r"\s+(?:more|others?|other\s+people|(?:were|was|have\s+been)\s+also|also)\b", re.I)
_KIND_ADJECTIVE = re.compile(r"\b(?:wounded|injured|dead|killed|displaced)\b", re.I)
_ADJECTIVE_KIND = {"wounded": "injured", "injured": "injured", "dead": "killed", "killed": "killed",
                  "displaced": "displaced"}
_JOINED = re.compile(r"\s*(?:,\s*|-\s*)?(?:and|as\s+well\s+as|including|among\s+them|with|,)?\s*(?:(?:her|his|their)\s+)?",
                     re.I)
# ... also a headline's two title-case participles side by side: "Dozens Killed Injured"
_AND_OTHER_KIND = re.compile(r"\s+(?:and|or)\s+(?:wounded|injured|dead|killed|missing)\b|"
                             r"(?-i:(?<=[A-Z][a-z]{5})\s+(?:Wounded|Injured|Killed)\b)", re.I)
# "two residents said": the people who told of it, not a count of what happened to anyone.
_NATIONALITY = re.compile(r"(?-i:[A-Z][a-z]+(?:ese|ian|ish|i|an))")
_ALIVE = re.compile(r"\b(?:live|alive|living|survivors?|surviving)\b", re.I)
_PART_BY_PLACE = re.compile(r"(?P<of>\s+of\s+(?:them|whom))\s+(?:(?:were|was)\s+)?(?:(?:killed|wounded|injured)\s+)?"
                            r"(?:in|at|near)\s+(?:the\s+)?(?-i:[A-Z])", re.I)
_SAYERS = re.compile(r"\s+(?:said|say|says|told|reported|added)\b", re.I)
_ADDED_ON = re.compile(r"(?:\s*\([^()]{0,80}\))?\s*,?\s*(?:as\s+well\s+as|along\s+with|together\s+with|in\s+addition\s+to)\s+", re.I)
_DASH_AFTER = re.compile(r"(?:\s+of\s+them)?\s*-\s*(?=(?:were|was|had|have|are|died|killed|wounded|injured|fled)\b)", re.I)
_DASH_BEFORE = re.compile(rf"\b(?P<noun>{_NOUN_WORDS})\s*-\s*$", re.I)
_HOSPITAL_RECEIVED = re.compile(r"\b(?:hospitals?|clinics?|medical\s+(?:centres?|centers?|points?))\b(?:\s+[\w'-]+){0,4}?"
                                r"\s+(?:received|admitted|treated|has\s+received|had\s+received)\s+$", re.I)
_UPPER_ASIDE = re.compile(r"\s*,?\s+(?:up\s+to|as\s+many\s+as)\s+\d[\d,]*(?:\s*,?\s+(?:according\s+to|by)\s+"
                          r"(?:[\w'-]+,?\s+){1,6}?(?=(?:were|was|had|have)\s))?\s*,?", re.I)
# the upper bound itself: "hundreds of people, up to 1,429": part of the vague count's range, no figure of its own
_VAGUE_BEFORE = re.compile(r"\b(?:dozens|scores|hundreds|thousands|millions)\s+of\s+(?:[\w-]+\s+){0,2}?[\w-]+\s*,?\s*$", re.I)
# A headline in title case has no full stop: "Shelling Kills 3 Wounds 20 Militants of X fired shells ...";
# a capitalised noun after its verb that runs on as lowercase prose starts the next sentence.
_ACCORDING_ASIDE = re.compile(r"\s*,\s*according\s+to\s+[^,.;:()]{3,50},\s*$|"
                              # unbracketed only when it names a toll: "killing according to the latest toll 44"
                              r"\s+according\s+to\s+(?:[a-z]{2,5}\s+)?(?:latest|last|new|updated|final|initial)\s+"
                              r"(?:toll|count|tally|figures?|reports?)\s+$", re.I)
# An aside between a count and its verb: "22 people, according to the monitor, were killed", "22 people, the
# monitor said, were killed" (commas may be lost in the copy: then the verb must follow the aside at once).
_ASIDE_AFTER = re.compile(r"\s*,?\s*(?:according\s+to\s+(?:[\w'-]+\s+){0,6}?[\w'-]+|,\s*(?:[\w'-]+\s+){1,5}?said)\s*,?\s+"
                          r"(?=died\b|(?:were|was|have\s+been|had\s+been|are)\s+(?:[a-z]+\s+)?"
                          r"(?:killed|wounded|injured|dead|displaced|missing|trapped)\b)", re.I)
_TITLE_PARTICIPLE = re.compile(r"(?-i:\b(?:Killed|Wounded|Injured|Dead|killed|wounded|injured))\s+$")
_TITLE_CUE = re.compile(r"(?-i:Killed|Wounded|Injured|Dead|Displaced|Missing|Trapped)\b")
_TITLE_WORD_BEFORE = re.compile(r"(?-i:[A-Z][a-z]+)\s+$")
# "opposition-held areas under siege where at least 250,000 people live": a besieged population
_SIEGE_WHERE = re.compile(r"\b(?:under\s+(?:a\s+)?(?:[\w-]+\s+)?siege|besieged)\s+(?:[\w-]+\s+){0,4}?(?:where|in\s+which)\s+$", re.I)
_HOME_TO = re.compile(r"\bhome\s+to\s+$", re.I)
_SIEGE_SAID = re.compile(r"\bsiege|\bbesieged\b", re.I)
_LIVE_AFTER = re.compile(r"\s+(?:still\s+)?(?:live|are\s+living|reside|remain)\b", re.I)
_ONE_WAS = re.compile(r"\s+(?:was|has\s+been)\s+(?:also\s+)?(?:killed|wounded|injured)\b", re.I)
_TITLE_VERB = re.compile(r"(?-i:\b(?:Kills?|Killed|Wounds?|Wounded|Injures?|Injured))\s+$")
_FUNCTION_WORDS = {"of", "in", "at", "on", "near", "and", "the", "for", "to", "as", "after", "by", "from", "a", "an",
                   "with", "amid", "over", "into", "outside", "inside", "across"}


def _runs_on_as_prose(sentence, at):
    words = re.findall(r"[\w'-]+", sentence[at:at + 80])[:5]
    return sum(1 for w in words if w[:1].islower() and w.lower() not in _FUNCTION_WORDS) >= 2


_OPEN_ASIDE = re.compile(r"\s*\(")
_AGED = re.compile(r"\s*,?\s+aged\s+(?:between\s+)?\d{1,2}(?:\s*(?:and|to|-|,)\s*\d{1,2}){0,3}(?:\s+(?:years?|months?)(?:\s+old)?)?\s*,?", re.I)
_AGES_OLD = re.compile(r"\s*,?\s+(?:between\s+(?:the\s+ages\s+of\s+)?)?\d{1,2}(?:\s*(?:and|to|-)\s*\d{1,2})?\s+"
                       r"(?:years?|months?)[\s-]+old\b\s*,?", re.I)
_AGED_BEFORE = re.compile(r"\baged\s+(?:between\s+)?(?:\d{1,2}\s*(?:and|to|-|,)\s*){0,3}$", re.I)
_THOSE_BEFORE = re.compile(r"\b(?:those|the)\s+$", re.I)
_BROUGHT_TO = re.compile(r"\b(?:brought|bringing|brings|bring|raised|raising|raises|pushed|pushing|took|taking|takes|take)"
                         r"\s+to\s+$", re.I)
_NUMBER_AFTER = re.compile(r"\s+the\s+(?:total\s+)?(?:number|toll|tally|count)\s+(?:of\s+)?(?:(?:those|the)\s+)?"
                           r"(?:(?P<noun>[a-z]+)\s+)?"
                           r"(?:(?:killed|dead|deaths|victims|fatalities|martyrs)|(?P<injured>wounded|injured|injuries))\b", re.I)
_STAFF = {"staff", "doctors", "doctor", "nurses", "nurse", "medics", "medic", "paramedics", "employees", "workers"}
_SINGULAR_ONLY = re.compile(r"^(?:a|an|one)$", re.I)


class Candidate:
    """One count in one sentence, before it is known whether it is a figure."""
    __slots__ = ("active", "noun_end", "start", "end", "value", "qualifier", "low", "high", "group", "unit", "kind",
                 "subgroup", "quote_start", "quote_end", "bare", "stock", "slow")


# Every figure needs one of these words in its sentence: a cheap test that spares most sentences the
# full reading.
_KIND_WORDS = re.compile(
    r"kill|dead|die|death|dying|wound|injur|hurt|missing|trap|besieg|siege|displac|fled|flee|evacu|quit|"
    r"left|leav|toll|bod(?:y|ies)|corpse|lives|execut|massacr|slain|slaughter|martyr|refugee|strand|encircl|"
    r"uproot|homeless|abduct|kidnap|disappear|murder|behead|perish|shot|gunned|buried|suffoc|harm|fatalit|"
    r"victim|recover|retriev|pull|rubble|debris|ruins|bused|bussed|destroy|annihilat|liquidat|neutrali|wiped|wiping|hostage|refuge|succumb|drown|alive|eliminat|respirator|breathing|forced\s+(?:from|out)|their\s+(?:homes|houses)|sealed|unaccounted|lost|losing|injury|injuries|count|stoned|passage")


# The same test without the regular expression's alternation tried at every position: the plain stems by
# substring search, the two phrases with white space by a small pattern (same answer, a fraction of the time).
_KIND_STEMS = tuple(stem for stem in _KIND_WORDS.pattern.replace("bod(?:y|ies)", "body|bodies").split("|")
                    if stem.isalpha())
_KIND_PHRASES = re.compile(r"forced\s+(?:from|out)|their\s+(?:homes|houses)")


def _has_kind_word(lowered):
    for stem in _KIND_STEMS:
        if stem in lowered:
            return True
    return _KIND_PHRASES.search(lowered) is not None


def has_kind_word(sentence):
    return _has_kind_word(sentence.lower())


def sentence_figures(sentence, offset, before=None):
    """Figures of one sentence (working-copy text), as Candidates with absolute offsets.

    `before`: the figures of the sentence just before, whose group a count with no noun of its own
    takes ("30 civilians were killed. Scores were also injured.")."""
    found = []
    lowered = sentence.lower()
    # Most sentences hold no count or no word of what happened: they are spared every figure pattern.
    if not _has_kind_word(lowered) or not has_number(lowered):  # (the rarer first: fewer searches)
        return found
    WORK["sentences_read"] += 1
    carried = [c for c in before or [] if not c.subgroup]
    groups_found, groups_carried = _Groups(), None
    facts = _SentenceFacts(sentence)
    for match in mentions(sentence):
        WORK["mentions"] += 1
        previous = groups_found
        if not found and carried and (_ALSO.match(sentence, match.end())
                                      or match.group().strip().lower() == "one" and _ONE_WAS.match(sentence, match.end())):
            if groups_carried is None:
                groups_carried = _Groups(carried)
            previous = groups_carried  # "Two women were stoned to death. One was killed on Friday ..."
        candidate = _read(sentence, match, previous, facts)
        if candidate is not None:
            # "seven civilians including a child and a woman were killed and 13 others injured": the woman
            # is the child's fellow in the list, not a head whose group the others take
            last_head = groups_found.last_head
            if found and found[-1].subgroup and not candidate.subgroup and not candidate.bare \
                    and last_head is not None and candidate.kind in (None, last_head.kind) \
                    and _JOINED.fullmatch(sentence, found[-1].noun_end, candidate.start):
                candidate.subgroup = True
            found.append(candidate)
            groups_found.add(candidate)
    # "Five children and four medical staff killed", "five civilians including three children were
    # killed": a count with no kind of its own shares the kind of the count joined to it.
    for here, there in zip(reversed(found[:-1]), reversed(found[1:])):
        if here.kind is None and there.kind and _JOINED.fullmatch(sentence, here.noun_end, there.start):
            here.kind = there.kind
            here.quote_end = max(here.quote_end, there.quote_end)
    for here, there in zip(found, found[1:]):
        if there.kind is None and here.subgroup and _JOINED.fullmatch(sentence, here.noun_end, there.start):
            there.subgroup = True
        # "strikes killed 50 militants and eight civilians": both are objects of the verb.
        if there.kind is None and here.active and here.kind and not there.bare \
                and _JOINED.fullmatch(sentence, here.noun_end, there.start):
            there.kind, there.active = here.kind, True
            there.quote_start = here.quote_start
    # "20 fighters were killed as well as dozens of passengers": the count added on shares the verb.
    # (Counts inside a bracketed aside naming the members are stepped over: "2 women (a nurse and a
    # cook) as well as 2 soldiers".)
    bracketed = "(" in sentence
    outside = _outside_brackets(sentence, found) if bracketed else found
    # ... and those in an aside right after a count are its members: "2 women (a nurse and ...)"
    if bracketed:
        _mark_aside_members(sentence, outside, found)
    for here, there in zip(outside, outside[1:]):
        if there.kind is None and here.kind and not there.subgroup \
                and _ADDED_ON.fullmatch(sentence, here.quote_end, there.start):
            there.kind = here.kind
            there.quote_start = here.quote_start
    if ":" in sentence or "follows" in sentence:
        _breakdown_list(sentence, found)
    if "nd " in sentence:
        found = _one_article_list(sentence, found)
    figures = []
    head = None
    for candidate in found:
        if candidate.subgroup and head is not None and head.kind:
            candidate.kind = head.kind
            candidate.quote_start = min(candidate.quote_start, head.quote_start)
            candidate.quote_end = max(candidate.quote_end, head.quote_end)
        elif not candidate.subgroup or (head is None and candidate.kind):
            head = candidate  # "the dead included 109 evacuees, 13 of whom were women"
        if candidate.kind:
            figures.append(candidate)
    for candidate in figures:
        candidate.start += offset
        candidate.end += offset
        candidate.quote_start += offset
        candidate.quote_end += offset
    return figures


# "236 individuals as follows: 82 gunmen, 154 civilians including 54 children": a total broken down in a list
# without verbs after a colon (or "as follows"); each listed count is of the total's kind.
_LIST_OPENS = re.compile(r"(?:\s*,?\s*(?:(?:distributed|divided|broken\s+down)\s+)?as\s+follows\s*:?|\s*,?\s*(?:namely|they\s+(?:are|were))?\s*:)\s*",
                         re.I)
_LIST_JOINS = re.compile(r"\s*(?:[,;]\s*)?(?:(?:and|in\s+addition\s+to|as\s+well\s+as|plus)\s+)?", re.I)


def _breakdown_list(sentence, found):
    for i, head in enumerate(found):
        if not head.kind or head.subgroup:
            continue
        if i + 1 >= len(found):
            break
        # the list opens after the count's noun ("236 individuals as follows:") or after its verb
        # ("40 people were killed: 25 soldiers and 15 civilians")
        if not any(_LIST_OPENS.match(sentence, at) and _LIST_OPENS.match(sentence, at).end() == found[i + 1].start
                   for at in (head.noun_end, head.quote_end)):
            continue
        previous = head
        for j in range(i + 1, len(found)):  # (an index, not a slice: a copy per head would be quadratic)
            member = found[j]
            if member.kind is not None or member.bare:
                break
            if previous is not head and not _LIST_JOINS.fullmatch(sentence, previous.noun_end, member.start):
                break
            if not member.subgroup:
                member.kind = head.kind
                member.subgroup = False
                member.quote_start = min(member.quote_start, member.start)
            previous = member


_PERSON = r"(?:man|woman|child|boy|girl|baby|infant)"
# "A man woman and child died": one article for a list of single persons (commas lost in the copy).
_ONE_ARTICLE_LIST = re.compile(
    rf"\b(?:an?|one)\s+(?P<n1>{_PERSON})\s*,?\s+(?P<n2>{_PERSON})\s*,?\s+and\s+(?:an?\s+)?(?P<n3>{_PERSON})"
    r"\s+(?:(?:were|have\s+been|had\s+been)\s+)?(?P<cue>killed|died|dead|wounded|injured)\b", re.I)


def _one_article_list(sentence, found):
    """Each single person of a list under one article is a count of one, sharing the list's verb."""
    match = _ONE_ARTICLE_LIST.search(sentence)
    if not match:
        return found
    groups = [GROUP_NOUNS[match.group(n).lower()] for n in ("n1", "n2", "n3")]
    if len(set(groups)) < 3:
        return found  # "a woman boy and girl": two children would read as one count of one
    inside = bool(_SUBGROUP.search(sentence[max(0, match.start() - 130):match.start()]))
    kept = [c for c in found if not (match.start() <= c.start < match.end())]
    kind = "injured" if match.group("cue").lower() in ("wounded", "injured") else "killed"
    for name in ("n1", "n2", "n3"):
        c = Candidate()
        c.stock = c.slow = False
        c.start, c.end = match.start(name), match.end(name)
        c.value, c.qualifier, c.low, c.high = 1, "exact", 1, 1
        c.kind, c.group, c.unit = kind, GROUP_NOUNS[match.group(name).lower()], "people"
        c.subgroup, c.bare, c.active = inside, False, False
        c.quote_start = match.start() if name == "n1" else match.start(name)
        c.quote_end = c.noun_end = match.end()
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)




_FAMILY_PHRASE = re.compile(r"\s+(?:from|of)\s+(?:the\s+|one\s+|a\s+)?(?:same\s+|single\s+)?(?:family|tribe|clan|household)\b", re.I)
_TOLD_BY = re.compile(r"\b(?:according\s+to|quoting|quoted\s+by)\s+$", re.I)
_PLACE_WORDS = {"in", "at", "of", "near", "from", "on", "to", "into", "across", "outside", "inside", "around", "elsewhere"}


def _NAMED_BEFORE(before):
    """True when a person's name (two or more capitalised words not after a preposition) ends `before`."""
    words = before.split()
    names = 0
    while names < len(words) and words[-1 - names][:1].isupper():
        names += 1
    if names < 2 or any(w.lower() in _PLACE_WORDS for w in words[len(words) - names:]):
        return False
    return names == len(words) or words[-1 - names].lower() not in _PLACE_WORDS


_NUMBER_WORDS = set(UNITS) | set(TENS) | {"hundred", "thousand", "million", "several", "dozens", "scores",
                                           "hundreds", "thousands", "millions"}


_TOLL_NOUN = r"(?P<kind>dead|killed|victims|fatalities|wounded|injured)"
# "five of the dead were children"
# ... "two of the killed in the town were medical staff": a place between, a modifier before the noun
_SHARE_AFTER = re.compile(rf"\s+of\s+(?:the|those)\s+(?:people\s+)?{_TOLL_NOUN}"
                          r"(?:\s+(?:in|at)\s+(?:the\s+)?[\w-]+(?:\s+(?-i:[A-Z])[\w-]*)?)?\s+(?:were|are|was)\s+(?:also\s+)?"
                          r"(?P<noun>[A-Za-z]+)\b(?:\s+(?P<noun2>[A-Za-z]+)\b)?", re.I)
# "Of those killed, six were children"
_SHARE_BEFORE = re.compile(rf"\bof\s+(?:the|those)\s+(?:\d[\d,]*\s+)?(?:people\s+)?{_TOLL_NOUN}\s*,?\s*$", re.I)
_SHARE_NOUN = re.compile(r"\s+(?:were|are|was)\s+(?:also\s+)?(?P<noun>[A-Za-z]+)\b", re.I)


_SLAIN_FOUND = re.compile(r"\s+of\s+the\s+(?:slain|dead|bodies|victims|killed)\s+(?:were|was|had\s+been|have\s+been)\s+"
                          r"(?:\w+\s+)?(?:found|recovered|retrieved|identified|buried|pulled\s+out|exhumed)\b", re.I)


def _share_of_toll(sentence, start, end):
    """(kind, group, quote_start, quote_end) for a part of a toll told elsewhere, named by its group:
    "five of the dead were children", "of those killed six were children"; else None."""
    found = _SLAIN_FOUND.match(sentence, end) if " of the " in sentence[end:end + 8] else None
    if found:
        return "killed", "people", start, found.end()  # "35 of the slain were found in a mass grave"
    after = _SHARE_AFTER.match(sentence, end)
    if after:
        kind_word, noun, quote_start, quote_end = after.group("kind"), after.group("noun"), start, after.end("noun")
        if noun.lower() not in GROUP_NOUNS and (after.group("noun2") or "").lower() in GROUP_NOUNS:
            noun, quote_end = after.group("noun2"), after.end()  # "were medical staff"
    else:
        before = _SHARE_BEFORE.search(sentence, max(0, start - 40), start)
        noun_match = _SHARE_NOUN.match(sentence, end) if before else None
        if not noun_match:
            return None
        kind_word, noun, quote_start, quote_end = before.group("kind"), noun_match.group("noun"), before.start(), noun_match.end()
    group = GROUP_NOUNS.get(noun.lower())
    if group in (None, "families"):
        return None
    joined = _MIXED_NOUN.match(sentence, quote_end)
    if joined and GROUP_NOUNS.get(joined.group("noun").lower(), group) != group:
        group, quote_end = "people", joined.end()  # "five of the dead were women and children": a mixed count
    kind = "injured" if kind_word.lower() in ("wounded", "injured") else "killed"
    return kind, group, quote_start, quote_end


def _bad_modifiers(mods):
    # "10 IS members": IS in capitals is the Islamic State, not the verb.
    words = [w.lower() for w in mods.split() if w != "IS"]
    # "killing 17 and sending residents fleeing": a second verb, not a modifier of the noun
    if any(a == "and" and b.endswith("ing") for a, b in zip(words, words[1:])):
        return True
    return any(w in _MODIFIER_STOP or w in _NUMBER_WORDS or w[:1].isdigit() for w in words)


def _refine_group(group, noun, mods, sentence, after, value=None, before=""):
    mixed = _MIXED_NOUN.match(sentence, after) if value != 1 else None
    if mixed and group in ("children", "women", "civilians", "combatants", "people"):
        other = GROUP_NOUNS.get(mixed.group("noun").lower())
        if other and other != group and (other != "families" or _THEIR_FAMILIES(mixed)):
            return "people"
    if noun in ("members", "member", "workers", "worker", "employees"):
        members_of = _MEMBERS_OF.match(sentence, after)
        what = (members_of.group("what") if members_of else "") + " " + mods
        if not members_of and re.search(r"\b(?:armed|rebel|jihadist|militant|terrorist|islamist)\s+(?:group|faction|"
                                        r"brigade|militia|organi[sz]ation)\b", before, re.I):
            return "combatants"  # "... a rebel group, killing its leader and several other members"
        if _CIVILIAN_MODIFIERS.search(what):
            return "civilians"
        if _COMBATANT_MODIFIERS.search(what) or re.search(r"forces|group|militia|brigade|faction|army", what, re.I):
            return "combatants"
        return "people"
    if group in ("people", "civilians") and re.search(r"\bfemale\b", mods or "", re.I):
        return "women"  # "seven female civilians"
    if noun in ("officers", "officer") and re.search(r"\bpolice\b", mods or "", re.I):
        return "people"  # police officers, like policemen, are neither group the contract names
    if group == "people" and _CIVILIAN_MODIFIERS.search(mods or ""):
        return "civilians"
    if group == "people" and mods and _COMBATANT_MODIFIERS.search(mods) and noun in ("men", "leaders", "leader"):
        return "combatants"
    return group


def _THEIR_FAMILIES(mixed):
    """"hundreds of rebels and their families": the people counted are of every kind."""
    return re.match(r"\s+and\s+their\s+famil", mixed.group(), re.I) is not None


class _Groups:
    """The groups of the counts read so far, kept as each is read, so that a count with no noun of its own
    ("two civilians were killed and three others injured") finds the group of the count before in constant
    time: rescanning every earlier count made a sentence listing thousands of counts quadratic.

    The group is that of the last head count (not a subgroup: "including 11 children" is not what "dozens"
    beside it count; failing heads, the last count with a group); counts of different groups before ("2 women
    as well as 2 soldiers, wounding several others") or one person before leave others of any group."""
    __slots__ = ("head_groups", "last_head", "any_groups", "last_any")

    def __init__(self, candidates=()):
        self.head_groups, self.any_groups = set(), set()
        self.last_head = self.last_any = None
        for candidate in candidates:
            self.add(candidate)

    def add(self, candidate):
        if not candidate.group:
            return
        if candidate.unit == "people":
            self.any_groups.add(candidate.group)
        self.last_any = candidate
        if not candidate.subgroup:
            if candidate.unit == "people":
                self.head_groups.add(candidate.group)
            self.last_head = candidate

    def group(self):
        WORK["group_lookups"] += 1
        WORK["group_examined"] += 1
        if self.last_head is not None:
            groups, last = self.head_groups, self.last_head
        else:
            groups, last = self.any_groups, self.last_any
        if last is None or len(groups) > 1 or last.unit != "people" or last.value == 1:
            return "people"
        return last.group


class _SentenceFacts:
    """What a whole sentence says, searched once per sentence (and only when a count asks), never once
    per count: a search of the whole sentence per count is quadratic in a long list."""
    __slots__ = ("sentence", "_siege_said")

    def __init__(self, sentence):
        self.sentence = sentence
        self._siege_said = None

    @property
    def siege_said(self):
        if self._siege_said is None:
            WORK["sentence_searches"] += 1
            self._siege_said = bool(_SIEGE_SAID.search(self.sentence))
        return self._siege_said


def _outside_brackets(sentence, found):
    """The counts not inside a bracketed aside (the last "(" before them is closed), in one pass."""
    outside, last_open, last_close, at = [], -1, -1, 0
    for candidate in found:  # in order of start: the brackets before each are read once
        for i in range(at, candidate.start):
            char = sentence[i]
            if char == "(":
                last_open = i
            elif char == ")":
                last_close = i
        at = max(at, candidate.start)
        if last_open <= last_close:
            outside.append(candidate)
    return outside


def _mark_aside_members(sentence, outside, found):
    """Counts with no kind inside an aside opened right after a count with one are its members
    ("2 women (a nurse and a cook) as well as 2 soldiers"). The asides are merged into spans first and
    the counts walked once, so a list of thousands of unclosed brackets stays linear."""
    spans = []
    closes = [i for i, char in enumerate(sentence) if char == ")"]
    k = 0
    for here in outside:
        if not here.kind or not _OPEN_ASIDE.match(sentence, here.noun_end):
            continue
        while k < len(closes) and closes[k] < here.noun_end:
            k += 1
        close = closes[k] if k < len(closes) else len(sentence) + 1
        spans.append((here.noun_end, close))
    if not spans:
        return
    spans.sort()
    merged = [list(spans[0])]
    for a, b in spans[1:]:
        if a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    # a member lies in a span when after its opening count and ending by its close; spans that overlap
    # are merged, which can only widen them where one aside runs into another already open
    s = 0
    for member in found:
        while s < len(merged) and merged[s][1] < member.end:
            s += 1
        if s < len(merged) and member.kind is None and merged[s][0] < member.start:
            member.subgroup = True


# Reading one count, stage by stage (the patterns they use are all defined above).
_MORE_AFTER = re.compile(r"\s+(?:more|other|others|additional|further)\b", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")
_UP_TO = re.compile(r"(?:up\s+to|as\s+many\s+as)\b", re.I)
_DAY_OF_MONTH = re.compile(r"\d{1,2}")
_OF_THE_BEFORE = re.compile(r"\b(?:of|from)\s+(?:the\s+)?$", re.I)
_FLEE_WORD = re.compile(r"\bfle(?:e|d|eing)\b", re.I)
_JOINED_BEFORE = re.compile(r"(?:\band|\bor|,|\bwere|\bwas|\bare)\s*$", re.I)
_NOUN_WORD_HEADS = ("members", "member", "commander", "commanders", "leader", "leaders")


def _read(sentence, match, previous, facts):
    """One count read in four stages: what rules it out, its noun phrase, the kind after it, the kind
    before it. A Candidate with a kind is a figure; one without may still be a subgroup or share the
    kind of a count joined to it (sentence_figures decides); None is no count at all."""
    read = read_mention(match)
    if read is None:
        return None
    start, end = match.span()
    before = sentence[max(0, start - 90):start]
    if _ruled_out(sentence, match, before, read):
        return None
    c = Candidate()
    c.stock = c.slow = False
    c.start, c.end = start, end
    c.value, c.qualifier, c.low, c.high = read
    c.kind, c.subgroup, c.bare = None, False, False
    c.group, c.unit = None, "people"
    share = _share_of_toll(sentence, start, end)
    if share is not None:
        c.kind, c.group, c.subgroup, c.active = share[0], share[1], True, False
        c.quote_start, c.quote_end = share[2], share[3]
        c.noun_end = share[3]
        return c
    noun = _noun_phrase(sentence, match, c, before)
    if noun is None:
        return None
    noun_end, noun_word, noun_kind = noun
    kind, quote_end, tail, among = _kind_after(sentence, c, noun_end, noun_kind)
    before_kind = _kind_before(sentence, match, c, before, noun, kind, quote_end, tail, among, facts)
    if before_kind is None:
        return None
    kind, quote_start, quote_end = before_kind
    if kind in ("trapped", "killed") and _under_rubble(sentence, c, noun_end, kind, quote_end, tail, before):
        return None  # people under rubble or pulled out of it: no besieged population, and not known dead
    if c.group is None:
        c.group = previous.group() if c.bare else "people"
    c.kind = kind
    if not kind and c.bare and not c.subgroup:
        return None
    if not kind and not c.subgroup and _SAYERS.match(sentence, noun_end) \
            and not _JOINED_BEFORE.search(sentence[max(0, start - 12):start]):
        return None  # "two residents said": they told of it; no verb of their own makes them a count
    c.quote_start, c.quote_end = quote_start, quote_end
    c.noun_end = noun_end
    c.stock = kind == "displaced" and _displaced_population(sentence, c, before)
    c.slow = kind == "killed" and _DEPRIVATION.match(sentence, quote_end) is not None
    return c


# Displaced people counted where they stay are a population, not one day's flight: "thousands of displaced
# Syrians", "Idlib, a haven for 20,000 displaced", "tens of thousands displaced from Aleppo have found refuge in
# Idlib" (the contract's cumulative: no incident of the report's days). "50,000 people fled" is the flight.
_DISPLACED_WORD = re.compile(r"\bdisplaced\b", re.I)
_STAYING_AFTER = re.compile(r"[^.;]{0,80}?\b(?:(?:have|has|had)\s+)?(?:found|sought|taken|take|took|taking|seeking)\s+"
                            r"(?:refuge|shelter)|[^.;]{0,40}?\b(?:are|were)\s+(?:now\s+|still\s+)?(?:living|sheltering|"
                            r"staying|housed|hosted)\b|[^.;]{0,40}?\blive\s+(?:in|at)\b", re.I)
_STAYING_BEFORE = re.compile(r"\b(?:haven|home|refuge|shelter)\s+(?:for|to)\s+(?:[\w-]+\s+){0,4}$|\bhost(?:s|ed|ing)?\s+"
                             r"(?:[\w-]+\s+){0,3}$", re.I)


def _displaced_population(sentence, c, before):
    return _DISPLACED_WORD.search(sentence, c.end, c.noun_end) is not None \
        or _STAYING_AFTER.match(sentence, c.quote_end) is not None \
        or _STAYING_BEFORE.search(before, max(0, len(before) - 50)) is not None


# Deaths of hunger, cold or want of care come over days, from no one strike: "two infants had died of
# malnutrition" (no incident unless the sentence names its day).
_DEPRIVATION = re.compile(r"\s*(?:,\s*)?(?:[\w-]+\s+){0,3}?(?:of|from|due\s+to|because\s+of|as\s+a\s+result\s+of)\s+"
                          r"(?:[\w-]+\s+){0,2}?(?:malnutrition|hunger|starvation|dehydration|cold|disease|"
                          r"(?:a\s+)?lack\s+of\s+(?:food|medicine|medical|care|treatment|water))\b", re.I)


# People under rubble or pulled out of it are no trapped population (the contract): "remain trapped under the
# rubble", "still buried beneath the debris", "pulled 10 people alive from the rubble".
_UNDER_RUBBLE = re.compile(r"\s*(?:(?:under|beneath|in|inside|among|below)\s+)?(?:the\s+|a\s+)?(?:rubble|debris|ruins|"
                           r"wreckage|(?:collapsed|destroyed|bombed|flattened)\s+(?:buildings?|houses?|homes?))\b", re.I)
_RUBBLE_CUE = re.compile(r"buried|stuck", re.I)


def _under_rubble(sentence, c, noun_end, kind, quote_end, tail, before):
    """True for a count of people under rubble or pulled out of it, which the contract makes no figure:
    trapped under it (any trapped cue followed by rubble, or buried/stuck), or pulled or dug out of it
    ("pulled out 10 people from the rubble": found, not known dead; "10 bodies" keep their kind by noun)."""
    if kind == "trapped":
        cue = tail.group("trapped") if tail is not None and tail.end() == quote_end else None
        return bool(cue and _RUBBLE_CUE.search(cue)) or _UNDER_RUBBLE.match(sentence, quote_end) is not None \
            or _UNDER_RUBBLE.match(sentence, noun_end) is not None
    # killed: only when the kind came from "pulled out" before the count, not from a noun or a verb after
    return c.active and _FROM_RUBBLE.match(sentence, noun_end) is not None \
        and _PULLED_BEFORE.search(before, max(0, len(before) - 40)) is not None


def _ruled_out(sentence, match, before, read):
    """True when the number is no count of people: negated, planned, a share, a date, an age, a year,
    a unit of time, distance or money after it, the one who told of it."""
    start, end = match.span()
    # The patterns read backwards from the count and end at it ($): searching only the last words
    # spares trying every start position in the window.
    tail60 = max(0, len(before) - 60)
    if _NEGATED.search(before, max(0, len(before) - 12)) or _PLANNED.search(before, tail60) \
            or _FRACTION_OF.search(before, tail60) \
            or (_DAY_OF_MONTH.fullmatch(match.group().strip()) and _MONTH_BEFORE.search(before)):
        return True
    if _NOT_A_COUNT_AFTER.match(sentence, end) and not (_VERB_BEFORE.search(before) and _TIME_AFTER.match(sentence, end)):
        return True
    value, qualifier = read[0], read[1]
    if match.group("single") and _TOLD_BY.search(before, max(0, len(before) - 20)):
        return True  # "according to a local medic": who told of it
    if (match.group("single") or "").lower() == "another" and _NAMED_BEFORE(before):
        return True  # "Karam Ammoun another terrorist leader was also killed": a named person, no count
    if "aged" in before[-30:] and _AGED_BEFORE.search(before, max(0, len(before) - 30)):
        return True  # an age, not a count
    if _UP_TO.match(match.group("qual") or "") and _VAGUE_BEFORE.search(before, tail60):
        return True
    return value <= 0 or (qualifier == "exact" and bool(_YEAR.fullmatch(match.group().strip())))  # a year


def _noun_phrase(sentence, match, c, before):
    """(noun_end, noun_word, noun_kind) of the words after the count that say who (setting the
    candidate's group, unit, and whether it is bare or a subgroup), or None when they make it no count."""
    start, end = match.span()
    post = _POST.match(sentence, end)
    if post and not post.group("noun2") and post.group("noun1").lower() in KIND_NOUNS \
            and post.group("noun1").lower() not in GROUP_NOUNS \
            and post.group("mods").strip().lower() not in ("", "civilian") \
            and not _NATIONALITY.fullmatch(post.group("mods").strip()):
        post = None  # "killing 14 and leaving injured ...": the word is another clause's verb
    if post and c.value > 1 and not post.group("noun2") and not post.group("of") \
            and post.group("noun1").lower() in _SINGULAR_NOUNS and _THING_AFTER.match(sentence, post.end()):
        post = None  # "Three Terrorist Attacks": a singular noun after a plural count qualifies another noun
    if post and not post.group("mods").strip() and _TITLE_VERB.search(before, max(0, len(before) - 12)) \
            and post.group("noun1")[:1].isupper() and _runs_on_as_prose(sentence, post.end()):
        post = None  # "... Kills 3 Wounds 20 Militants of the group fired ...": the next sentence's subject
    if post and not _bad_modifiers(post.group("mods")):
        return _named_noun(sentence, start, c, post, before)
    if "-" in sentence[end:end + 12] and _DASH_AFTER.match(sentence, end) \
            and _DASH_BEFORE.search(before, max(0, len(before) - 40)):
        # "most of the victims - 14 - died": the count set apart between dashes; the noun is before it
        noun_word = _DASH_BEFORE.search(before, max(0, len(before) - 40)).group("noun").lower()
        group = GROUP_NOUNS.get(noun_word, "people")
        c.group = "people" if group == "families" else group
        return _DASH_AFTER.match(sentence, end).end(), noun_word, None
    return _bare_count(sentence, match, c, before)


def _named_noun(sentence, start, c, post, before):
    """The noun phrase of a count followed by its noun ("12 people", "14 dead", "women and children")."""
    noun = (post.group("noun2") or post.group("noun1")).lower()
    post_end = post.end()
    second_kind = None
    noun_kind = None
    if post.group("noun2") and noun not in GROUP_NOUNS:  # "people killed": the noun is "people"
        second_kind = KIND_NOUNS.get(noun) if noun == "lives" else None  # "civilian lives"
        noun, post_end = post.group("noun1").lower(), post.end()
    noun_word = noun
    if noun in KIND_NOUNS and noun not in GROUP_NOUNS:
        if post.group("of") and post.group("of").lower().split()[-1] == "the":
            return None  # "one of the wounded": part of a count told elsewhere
        noun_kind = KIND_NOUNS[noun]
        if noun in ("dead", "killed", "wounded", "injured", "missing") and _AND_OTHER_KIND.match(sentence, post.end()):
            return None  # "several dozen dead and wounded": both kinds in one count
        second = KIND_NOUNS.get((post.group("noun2") or "").lower())
        if second and second != noun_kind and post.group("noun1").lower() in KIND_NOUNS \
                and post.group("noun1")[:1].isupper() and post.group("noun2")[:1].isupper():
            return None  # "Dozens Killed Injured": a headline's two kinds for one count
        mods = post.group("mods").strip().lower()
        if mods == "civilian":  # "hundreds of civilian lives"
            c.group = "civilians"
        elif mods:
            c.group = "people"  # "6 Lebanese martyrs": people of a nation, of no group the text says
        c.bare = True  # "12 soldiers were killed and 30 wounded": the 30 are soldiers too
    else:
        group = GROUP_NOUNS[noun]
        first = (post.group("noun1") or "").lower()
        if post.group("noun2") and GROUP_NOUNS.get(first) not in (None, "people", "families") and group == "people":
            group = GROUP_NOUNS[first]  # "civilian residents", "child victims"
        c.group = _refine_group(group, noun, post.group("mods"), sentence, post_end, c.value,
                                sentence[max(0, start - 80):start])
        # "115 wounded persons", "hundreds of badly injured civilians", "20 dead soldiers"
        adjective = _KIND_ADJECTIVE.search(post.group("mods") + " " + (post.group("noun1") if post.group("noun2") else ""))
        if adjective and adjective.group().lower() == "displaced" and _BEFORE.search(before, max(0, len(before) - 60)):
            pass  # "killed 26 displaced people": displaced describes who, the verb says what happened
        elif adjective:
            noun_kind = _ADJECTIVE_KIND[adjective.group().lower()]
        elif second_kind:
            noun_kind = second_kind
        elif post.group("noun2") and post_end == post.end() and noun != (post.group("noun2") or "").lower():
            post_end = post.end("noun1")  # "people killed": the verb is read as the tail
        # The noun phrase runs on: "women and children", "members of the same family".
        mixed = _MIXED_NOUN.match(sentence, post_end) if c.value != 1 else None
        if mixed and (GROUP_NOUNS.get(mixed.group("noun").lower(), "families") != "families" or _THEIR_FAMILIES(mixed)):
            post_end = mixed.end()
        elif noun in _NOUN_WORD_HEADS:
            members_of = _MEMBERS_OF.match(sentence, post_end)
            if members_of:
                post_end = members_of.end()
        if c.group == "families":
            if _OF_THE_BEFORE.search(sentence[max(0, start - 10):start]) \
                    and (c.value == 1 or "the" in sentence[max(0, start - 5):start].lower()):
                return None  # "fourteen members of one family", "13 rebels from the six families": which, not how many
            c.group, c.unit = "people", "families"
    of = (post.group("of") or "").lower()
    if "them" in of or "whom" in of:
        c.subgroup = True
    return post_end, noun_word, noun_kind


def _bare_count(sentence, match, c, before):
    """The noun phrase of a count with no noun of its own ("and 30 wounded", "killing 14 and ..."):
    it ends at the count (or at "more"/"others"), when what follows can end a noun phrase."""
    end = match.end()
    noun_end = end
    more = _MORE_AFTER.match(sentence[end:end + 20])
    if more:
        noun_end = end + more.end()
    elif not (_BARE_AFTER.match(sentence, end) or _TO_FLEE.match(sentence, end)
              or _VERB_BEFORE.search(before) and _TIME_AFTER.match(sentence, end)
              or _HEADLINE_VERB.search(before) and _CAPITAL_AFTER.match(sentence, end)):
        return None
    c.bare = True
    part = _PART_BY_PLACE.match(sentence, end)
    if part:
        # "19 people were killed, eleven of them in Douma": a breakdown by place (not "two of
        # them seriously", a severity subset)
        c.subgroup = True
        noun_end = part.end("of")
    number_text = (match.group("num") or "").strip()
    if _SINGULAR_ONLY.match(number_text) and not more and not _ONE_WAS.match(sentence, end):
        return None  # a bare "one" is a count only as the subject of a kind: "and one was wounded"
    if _YEAR.fullmatch(number_text):
        return None
    return noun_end, None, None


# A transitive verb in the perfect with no "been" is active: "has killed", "had wounded" (not "have died").
_ACTIVE_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:killed|wounded|injured|hurt|executed|slain|massacred|murdered|"
                             r"beheaded|evacuated|displaced|uprooted)$", re.I)


def _kind_after(sentence, c, noun_end, noun_kind):
    """(kind, quote_end, tail, among): what happened to them, said after the noun phrase ("were killed",
    "among the dead"), stepping over asides ("including five children", "according to the monitor")."""
    quote_end = noun_end
    tail_from = noun_end
    upper = _UPPER_ASIDE.match(sentence, tail_from) if c.qualifier == "vague" else None
    if upper:
        tail_from = upper.end()  # "hundreds of people, up to 1,429 by one count, were killed": one range, its lower bound
    aged = _AGED.match(sentence, tail_from) if "aged" in sentence[tail_from:tail_from + 9] else None
    if aged is None and ("year" in sentence[tail_from:tail_from + 40] or "month" in sentence[tail_from:tail_from + 40]):
        aged = _AGES_OLD.match(sentence, tail_from)  # "eight students between 7 and 12 years old"
    if aged:
        tail_from = aged.end()  # "two girls aged 7 and 9 were killed"
        ages = [int(a) for a in re.findall(r"\d{1,2}", aged.group())]
        if c.group in ("people", "civilians") and ages and (max(ages) < 18 or "month" in aged.group().lower()):
            c.group = "children"  # people all under 18 are children
    skip = _PARENTHETICAL.match(sentence, tail_from)
    if not skip and (" of " in sentence[tail_from:tail_from + 6] or " from " in sentence[tail_from:tail_from + 6]):
        # "eight people from the same family, including five children, were killed"
        whose = _FAMILY_PHRASE.match(sentence, tail_from)
        skip = _PARENTHETICAL.match(sentence, whose.end()) if whose else None
    if skip:
        tail_from = skip.end()
    if "ccording" in sentence[tail_from:tail_from + 14] or "said" in sentence[tail_from:tail_from + 60]:
        aside_after = _ASIDE_AFTER.match(sentence, tail_from)
        if aside_after:
            tail_from = aside_after.end()  # "22 people, according to the monitor, were killed"
    tail = _TAIL.match(sentence, tail_from)
    if tail and _ACTIVE_PERFECT.search(tail.group()):
        tail = None  # "a volunteer militia has killed 70 fighters": the count did the killing, no one was killed
    kind = noun_kind
    among = _AMONG_AFTER.match(sentence, noun_end) if not noun_kind else None
    if kind:
        quote_end = noun_end
    elif among and not c.bare:
        c.subgroup = True
        kind = "injured" if among.group("injured") else "killed"
        quote_end = among.end()
    elif tail and not tail.group("mixed"):
        kind = next(k for k, _ in _CUES if tail.group(k))
        quote_end = tail.end()
    return kind, quote_end, tail, among


def _kind_before(sentence, match, c, before, noun, kind, quote_end, tail, among, facts):
    """(kind, quote_start, quote_end) with what the words before the count say happened ("an air strike
    killed 14", "raising the death toll to 14", "forced thousands to flee"), or None when they make it no
    count ("killed and wounded hundreds")."""
    start, end = match.span()
    noun_end, noun_word, noun_kind = noun
    quote_start = start
    before_text = sentence[max(0, start - 130):start]
    aside = _ACCORDING_ASIDE.search(before_text, max(0, len(before_text) - 70)) if "ccording" in before_text else None
    if aside:
        # "killing, according to the latest toll, 44 civilians": the aside blanked (same length, so
        # offsets hold) lets the verb before it reach the count
        before_text = before_text[:aside.start()] + " " * (len(before_text) - aside.start())
    active = _BEFORE.search(before_text, max(0, len(before_text) - 60)) if not noun_kind else None
    if active and active.group().split()[0].lower() in ("killed", "wounded", "injured") \
            and _THOSE_BEFORE.search(before_text, 0, active.start()):
        active = None  # "As well as those killed, at least 160 people were injured": a noun phrase, not the verb
    mixed = _MIXED_BEFORE.search(before_text, 0, active.start()) if active else None
    if mixed and not (active.group("killed") and mixed.group().lower().startswith("kill")):
        return None  # "killed and wounded hundreds": dead and hurt in one count ("killed and executed 270": dead)
    if active and kind and not among and not (_TITLE_PARTICIPLE.search(before_text, max(0, active.start() - 1))
                                               and _TITLE_CUE.match(sentence, tail.start(kind) if tail else end)
                                               and _TITLE_WORD_BEFORE.search(sentence, max(0, start), tail.start(kind) if tail else end)):
        # "a bomber killed 30 people injured 90": the verb before the count is its kind (but in a headline
        # without punctuation, "Child Killed 9 Civilians Injured", each title-case participle is its own)
        kind = None
        quote_end = noun_end
    sub = _SUBGROUP.search(before_text)
    if sub:
        c.subgroup = True
        if sub.group("among"):
            word = sub.group("among").lower()
            kind = kind or ("injured" if ("wounded" in word or "injured" in word) else "killed")
    c.active = False
    if active and active.group("lost") and c.bare:
        active = None  # "lost 5" alone may be anything; "lost three fighters" is a toll
    if not kind:
        if active:
            c.active = True
            kind = next(k for k in ("killed", "injured", "displaced", "trapped", "missing") if active.group(k))
            quote_start = start - (len(before_text) - active.start())
            # "recovered a live baby", "pulled 10 people alive": found living, not dead
            if kind == "killed" and _ALIVE.search(sentence, start, min(len(sentence), noun_end + 8)):
                kind, c.active = None, False
        else:
            kind, quote_start, quote_end = _toll_before(sentence, c, before_text, start, end, quote_start, quote_end)
    if not kind and not c.subgroup:
        kind, quote_start = _verb_far_before(sentence, match, c, before_text, quote_start)
    if not kind:
        kind, quote_start, quote_end = _other_kind_before(sentence, c, before, before_text, noun, quote_start,
                                                          quote_end, facts)
    if kind == "displaced" and noun_word in _STAFF and _FLEE_WORD.search(sentence[noun_end:quote_end]):
        return None  # "prompting a dozen medical staff to flee": out of a building under attack, not displaced
    return kind, quote_start, quote_end


def _toll_before(sentence, c, before_text, start, end, quote_start, quote_end):
    """(kind, quote_start, quote_end) of a count told as a toll's value: "the death toll rose to 14",
    "brought to 49 the number killed", "the number of displaced has risen to 50,000"."""
    toll = _TOLL.search(before_text)
    injured_toll = _INJURED_TOLL.search(before_text)
    brought = _BROUGHT_TO.search(before_text, max(0, len(before_text) - 30)) if "to" in before_text[-6:] else None
    number_after = _NUMBER_AFTER.match(sentence, end) if brought else None
    if number_after:
        # "brought to 49 the number killed": the toll is named after its new value
        named = GROUP_NOUNS.get((number_after.group("noun") or "").lower())
        if c.bare and named and named != "families":
            c.group = named  # "took to 30 the number of civilians killed"
        return ("injured" if number_after.group("injured") else "killed",
                start - (len(before_text) - brought.start()), number_after.end())
    if toll:
        named = _TOLL_GROUP.search(toll.group()) if c.bare else None
        noun = named.group("noun").lower() if named else ""
        if GROUP_NOUNS.get(noun, "families") != "families":
            # "brought the number of members of the militia killed ... to 63"
            c.group = _refine_group(GROUP_NOUNS[noun], noun, "", toll.group(), named.end(), c.value)
        return "killed", start - (len(before_text) - toll.start()), quote_end
    if injured_toll:
        return "injured", start - (len(before_text) - injured_toll.start()), quote_end
    if "number of" in before_text:
        displaced = _DISPLACED_TOLL.search(before_text)
        if displaced:
            return "displaced", start - (len(before_text) - displaced.start()), quote_end  # "the number of displaced has risen to 50,000"
    return None, quote_start, quote_end


_OTHERS_AFTER = re.compile(r"\s+(?:others|other\s+people|more)\b", re.I)


def _verb_far_before(sentence, match, c, before_text, quote_start):
    """(kind, quote_start) of a count whose verb is further back, joined by "and": "killing its leader and
    several other members"; "killed 19 people in X and another 23 in Y"."""
    end = match.end()
    qual = (match.group("qual") or "").lower()
    in_place = c.bare and _IN_PLACE_AFTER.match(sentence, end)
    others = c.bare and _OTHERS_AFTER.match(sentence, end)  # "wounding a teacher and 19 others"
    far = _BEFORE_FAR.search(before_text) if not c.bare or qual or in_place or others else None
    if far and (far.group("near") or qual.startswith(("another", "a further", "an additional")) or in_place):
        return "killed" if far.group("k") else "injured", match.start() - (len(before_text) - far.start())
    return None, quote_start


def _other_kind_before(sentence, c, before, before_text, noun, quote_start, quote_end, facts):
    """(kind, quote_start, quote_end) for the rarer ways of saying it before the count: fighters
    "destroyed", "forced thousands to flee", "home to 350,000" under siege, the hospital "received three
    victims", "thousands of evacuees"."""
    start = c.start
    noun_end, noun_word, _ = noun
    if not c.bare and c.group == "combatants" and "destroy" in before_text and c.value > 1 \
            and noun_word not in _SINGULAR_NOUNS and not _GEAR_AFTER.match(sentence, noun_end):
        destroyed = _DESTROYED_BEFORE.search(before_text, max(0, len(before_text) - 70))
        if destroyed:
            # "the army destroyed over 80 terrorists": fighters destroyed are killed
            return "killed", start - (len(before_text) - destroyed.start()), quote_end
    forced = _FORCED_BEFORE.search(before_text, max(0, len(before_text) - 20))
    flee = _TO_FLEE.match(sentence, noun_end) if forced else None
    if flee:
        # "the fighting forced thousands to flee their homes"
        return "displaced", start - (len(before_text) - forced.start()), flee.end()
    if not c.subgroup and "home to" in before_text[-20:]:
        home = _HOME_TO.search(before_text, max(0, len(before_text) - 20))
        if home and facts.siege_said:
            # "Eastern Ghouta, still home to an estimated 350,000 people, has endured years of siege"
            return "trapped", start - (len(before_text) - home.start()), quote_end
    if "where" in before_text and _LIVE_AFTER.match(sentence, noun_end):
        siege = _SIEGE_WHERE.search(before_text, max(0, len(before_text) - 80))
        if siege:
            return "trapped", start - (len(before_text) - siege.start()), _LIVE_AFTER.match(sentence, noun_end).end()
    if not c.subgroup and noun_word in ("victims", "patients", "cases"):
        received = _HOSPITAL_RECEIVED.search(before, max(0, len(before) - 70))
        if received:
            # "the hospital received three victims": brought in hurt, for care
            return "injured", start - (len(before) - received.start()), quote_end
    if not c.subgroup and noun_word in ("evacuees", "evacuee"):
        return "displaced", quote_start, quote_end  # "thousands of evacuees waited to enter the city"
    return None, quote_start, quote_end
