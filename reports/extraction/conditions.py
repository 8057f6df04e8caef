"""Conditions: the state of a sector (water, food, health, electricity, communications, shelter, access).

Severity, by the contract: 3 damage, shortages, reduced service; 4 a service cut off or collapsed, no
supply for a population, hospitals out of service; 5 starvation, famine, deaths for lack of food, water
or care. A hospital that was only the site of a strike is not a health condition: the text must say it
was damaged, closed or out of service. "Besieged" describing a place is not an access condition; a siege
someone lives under, a blockade or blocked aid is.
"""

import bisect
import functools
import re

import ahocorasick

_W = r"(?:water|drinking\s+water|clean\s+water|running\s+water|water\s+supplies|water\s+supply)"
_FOOD = r"(?:food|bread|flour|food\s+supplies|foodstuffs|wheat|milk|baby\s+formula)"
_MED = r"(?:medicines?|medications?|medical\s+supplies|medical\s+care|medical\s+treatment|treatment|blood|doctors|medical\s+staff|medical\s+equipment|fuel\s+for\s+(?:the\s+)?hospitals?)"
_POWER = r"(?:electricity|power|electric\s+power|electrical\s+power)"
_COMMS = r"(?:communications?|telephone|phone|mobile|cellular|internet|telecommunications?)"
_HOSPITAL = r"(?:hospitals?|clinics?|medical\s+(?:centres?|centers?|facilities|facility|points?)|health\s+(?:centres?|centers?|facilities|facility))"
_DAMAGED = (r"(?:damaged|devastated|hit\s+and\s+damaged|partially\s+destroyed|badly\s+damaged|"
            # damage said as what the strike did: "hitting it twice inflicting severe damage"
            r"(?:inflicting|inflicted|causing|caused)\s+(?:severe|heavy|extensive|major|serious|significant|considerable)\s+damage)")
_OUT = (r"(?:destroyed|out\s+of\s+(?:service|action|commission)|closed|shut(?:\s+down)?|(?:forced|had)\s+to\s+(?:close|shut)|"
        r"stopped\s+working|no\s+longer\s+function\w*|not\s+function\w*|non-?function\w*|razed|levelled|leveled|"
        r"put\s+out\s+of\s+service|knocked\s+out|(?:completely\s+|totally\s+)?(?:ruined|wrecked)|reduced\s+to\s+(?:rubble|ruins)|unable\s+to\s+(?:function|operate|work)|ceased\s+(?:to\s+function|operating|operations))")
_CUT = r"(?:cut(?:\s+off)?|shut\s+off|stopped|halted|severed|down|unavailable|disrupted|interrupted)"
_SHORT = r"(?:shortages?|short|scarce|scarcity|lack|lacking|rationed|running\s+out|running\s+low)"
_BE = r"(?:(?:are|is|were|was|have\s+been|has\s+been|remain|remained)\s+)?"
# a count of homes: "two homes", "dozens of houses", "most of the homes"
_MANY = (r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|"
         r"several|many|dozens|scores|hundreds|thousands|numerous|a\s+number|a\s+dozen|most|all|entire|whole|multiple|countless)")
_NONE = r"(?:no|without|deprived\s+of|lack\s+of\s+any|no\s+access\s+to|ran\s+out\s+of|run\s+out\s+of|runs\s+out\s+of)"



def _present_before(word):
    """Lookbehinds, read at the end of `word`, for a present or present perfect before it ("has been under")."""
    tenses = (r"has\sbeen", r"have\sbeen", r"also\sbeen", r"long\sbeen", r"is", r"are", r"remains", r"remain",
              r"remained", r"still", r"now", r"been\sliving", r"has\slived", r"have\slived", r"is\sliving", r"are\sliving",
              r"is\salso", r"are\salso")
    return "|".join(rf"(?<=\b{tense}\s{word})" for tense in tenses)


# (sector, severity, pattern). Lists joined by "and" share a predicate ("food and medical shortages").
RULES = [
    # a fear or risk of starvation is no stated disruption
    # nor is starvation named as a tactic ("a surrender-or-starve strategy", "starvation as a weapon of war",
    # "starving the population out")
    ("food", 5, r"(?<!fears\sof\s)(?<!fear\sof\s)(?<!risk\sof\s)(?<!threat\sof\s)(?<!danger\sof\s)(?<!using\s)(?<!surrender-or-)(?<!surrender\sor\s)"
                r"starv\w*\b(?!\s+as\s+an?\s+(?:weapon|tactic|method|means))(?!\s+(?:the\s+)?(?:\w+\s+)?(?:out|into)\b)(?!-or-)(?!\s+or\s+surrender)|famine|(?:died|dying|die|dies)\s+(?:of|from)\s+(?:hunger|malnutrition)|hunger\s+deaths?|"
                r"malnutrition\s+deaths?"),
    ("water", 5, r"(?:died|dying|die|dies)\s+(?:of|from)\s+(?:thirst|dehydration)"),
    ("health", 5, r"died\s+(?:of|from|for|due\s+to)\s+(?:a\s+)?lack\s+of\s+(?:medical\s+care|treatment|medicines?|medication)"),
    ("water", 4, rf"{_NONE}\s+(?:\w+\s+)?(?:{_POWER}\s+(?:and|or)\s+)?{_W}\b"
                 rf"|\b{_W}\s+(?:\w+\s+){{0,3}}?(?:(?:was|were|is|are|has\s+been|have\s+been|remained|remains|been)\s+)?{_CUT}\b"
                 rf"|(?:cut|cutting|cuts)\s+(?:off\s+)?(?:the\s+)?{_W}\b"
                 # "water pumping to the eastern districts stopped", "the water station ... out of service"
                 rf"|\bwater\s+(?:pumping|supply|supplies|flow|deliveries)\s+(?:to|into|for)\s+(?:[\w'-]+\s+){{1,4}}?(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+)?{_CUT}\b"
                 rf"|\b(?:water|pumping)\s+(?:pumping\s+)?(?:station|plant)s?\b[^.;]{{0,50}}?\b(?:out\s+of\s+(?:service|action)|knocked\s+out|stopped\s+working|no\s+longer\s+function\w*)"),
    ("food", 4, rf"{_NONE}\s+(?:\w+\s+)?{_FOOD}\b|{_NONE}\s+(?:\w+\s+){{1,3}}?(?:or|and)\s+{_FOOD}\b|"
                rf"cut\s+off\s+from\s+(?:\w+\s+and\s+)?{_FOOD}\b|nothing\s+(?:left\s+)?in\s+the\s+markets|{_FOOD}\s+(?:supplies\s+|stocks\s+)?(?:have\s+|has\s+|had\s+)?(?:run|ran)\s+out"
                # hunger past shortage: "eating trash", "fainting from hunger", "eating on alternate days"
                r"|\beat(?:s|ing)?\s+(?:\w+\s+)?(?:trash|garbage|rubbish|grass|leaves|weeds|animal\s+(?:feed|fodder))\b"
                r"|\bfaint(?:s|ed|ing)?\s+(?:from|of|with)\s+hunger|\beat\s+(?:only\s+)?(?:on\s+)?alternate\s+days"
                r"|\b(?:go|went|going|gone)\s+(?:for\s+)?(?:\w+\s+)?days\s+without\s+(?:food|eating)"),
    ("health", 4, rf"\b{_HOSPITAL}\b[^.;]{{0,80}}?\b{_OUT}|\b(?:destroyed|closed|shut\s+down|knocked\s+out|put\s+out\s+of\s+(?:service|action))\s+(?:the\s+|a\s+|two\s+|three\s+|several\s+)?(?:[\w']+\s+){{0,2}}?{_HOSPITAL}\b"
                  rf"|{_NONE}\s+(?:\w+\s+){{0,2}}(?:{_HOSPITAL}|{_MED})\b|cut\s+off\s+from\s+(?:\w+\s+and\s+)?medical"
                  # "cut off half a million people from access to health care"
                  r"|\bcut(?:ting)?\s+off\s+(?:[\w,-]+\s+){0,5}?from\s+(?:(?:any\s+)?access\s+to\s+)?(?:health\s*care|medical|hospitals?|treatment|medicines?)\b"
                  rf"|(?:run|ran|running)\s+out\s+of\s+(?:\w+\s+){{0,3}}?(?:{_MED}|anaesthetics?|anesthetics?|painkillers|antibiotics|insulin)\b"),
    ("electricity", 4, rf"{_NONE}\s+(?:\w+\s+)?{_POWER}\b|\b{_POWER}\s+(?:\w+\s+){{0,2}}?(?:(?:was|were|is|are|has\s+been|have\s+been|remained|remains)\s+)?(?:cut(?:\s+off)?|shut\s+off|unavailable)\b|(?<!media\s)(?<!news\s)(?<!information\s)blackouts?"
                       rf"|\b(?:electricity|power)\s+(?:supply|supplies|lines?)\s+(?:to|into|for)\s+(?:[\w'-]+\s+){{1,4}}?(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+)?{_CUT}\b"
                       r"|\bplunged\s+(?:\w+\s+)?into\s+(?:total\s+|complete\s+)?darkness"
                       rf"|(?:knocked\s+out|destroyed|put\s+out\s+of\s+service)\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:power|electricity)\s+(?:station|plant|grid)s?\b"
                       rf"|(?:power|electricity)\s+(?:station|plant|grid)s?\s+(?:\w+\s+){{0,2}}?(?:were|was|is|are|has\s+been|have\s+been)\s+(?:\w+\s+)?(?:destroyed|knocked\s+out|out\s+of\s+(?:service|action))"
                       # no grid left: "electricity produced only by generators", "rely on generators"
                       rf"|{_POWER}\s+(?:\w+\s+){{0,2}}?only\s+(?:by|from|through|with)\s+(?:private\s+|diesel\s+)?generators"
                       rf"|(?:rely|relies|relied|relying|depend|depends|depended|depending)\s+(?:\w+\s+)?on\s+(?:private\s+|diesel\s+|small\s+)?generators"),
    ("communications", 4, rf"(?:cut|severed|cutting)\s+(?:off\s+)?(?:the\s+|all\s+)?{_COMMS}\s+(?:lines|networks?|services?|links?)"
                          rf"|\b{_COMMS}\s+(?:lines|networks?|services?|links?)\s+(?:(?:were|was|are|is|have\s+been|has\s+been)\s+)?{_CUT}"
                          rf"|\b(?:tele)?communications?\s+(?:with\s+(?:\w+\s+){{1,3}}?)?(?:were|was|have\s+been|has\s+been)\s+(?:\w+\s+)?(?:cut|severed|lost|down)\b"
                          r"|\b(?:internet|mobile|cellular|telephone|phone)(?:\s+(?:access|connections?|coverage|services?|lines|networks?))?\s+(?:\w+\s+){0,2}?"
                          r"(?:was|were|has\s+been|have\s+been|is|are|remains?|remained)\s+(?:\w+\s+)?(?:cut|severed|down|lost|blocked|disrupted|interrupted)\b"
                          rf"|lack\s+(?:functioning\s+|working\s+)?{_COMMS}|{_NONE}\s+(?:\w+\s+)?{_COMMS}\b"),
    # a siege since a year long past is the place's history, not a state the report tells of
    # (each alternative starts at its rarest word, the tense before it read by lookbehinds from there: tried
    # at every position, an alternative starting at "is" or "to", or at a lookbehind, costs far more)
    ("access", 4, rf"under(?:{_present_before('under')})(?<!had\sbeen\sunder)(?<!had\sbeen\sliving\sunder)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){{0,2}}siege\b|"
                  # an aim to end a siege says it stands: "an offensive to break the government siege"
                  r"(?<=\bto\s)(?:break|lift|end|ease)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w'-]+\s+){0,2}?siege\b|"
                  rf"subject(?:ed)?(?:{_present_before('subject')}|{_present_before('subjected')})(?<!had\sbeen\ssubjected)"
                  r"\s+to\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}siege\b|"
                  # what the siege does to its people: "a siege that has left thousands trapped"
                  r"\bsiege\b[^.;]{0,40}?\b(?:is|are|has|have|had|which|that)\s+(?:has\s+|have\s+|is\s+|are\s+)?(?:left|trapped|starv(?:ed|ing)|cut\s+off)\b|"
                  r"(?<!had\slived\s)(?<!had\sbeen\s)under\s+(?:a\s+)?(?:[\w-]+\s+){0,2}siege(?!\s+since\s+(?:19|20)\d\d)|"
                  # a siege laid or kept: "forces besieging the town", "besieged by government troops",
                  # "the siege of Madaya" (not one lifted or broken, nor a siege years ago)
                  r"\bbesieging\b|\b(?:has|have|had)\s+(?:\w+\s+)?besieged\b|\bbesieged\s+by\b(?<!long\sbesieged\sby)(?<!once\sbesieged\sby)(?<!formerly\sbesieged\sby)|\b(?:is|are|was|were|been|remains?|remained)\s+(?:\w+ly\s+)?besieged\b(?!\s+(?:area|district|town|city|village|neighbou?rhood|enclave|suburb))|"
                  r"\bsiege\s+(?:of|on|around|imposed)\b(?<!(?:19|20)\d\d\ssiege\sof)(?<!(?:19|20)\d\d\ssiege\son)(?![^.;]{0,40}\b(?:19|20)\d\d\b)|"
                  r"(?:impos|lay|laid|tighten|maintain|keep|kept)(?:ed|ing|s)?\s+(?:a\s+|the\s+|their\s+|its\s+)?(?:[\w-]+\s+)?siege\b|"
                  r"\bencircl(?:e|es|ed|ing)\s+(?:the\s+|an?\s+)?(?:(?:some|about|around|nearly|an\s+estimated|at\s+least)\s+)?(?:[\d,]+\s+|thousands\s+of\s+)?(?:[\w-]+\s+)?(?:town|city|village|district|neighbou?rhoods?|enclave|people|residents|civilians|families)\b|(?:town|city|village|district|neighbou?rhoods?|enclave|people|residents|civilians|families)\s+(?:\w+\s+){0,3}?encircled\s+by\b|(?:has|have|had)\s+(?:\w+\s+)?encircled\s+(?:the\s+)?(?:[\w-]+\s+)?(?:town|city|village|district|neighbou?rhoods?|enclave|people|residents|civilians)\b|\bencirclement\s+of\b|"
                  # the way in or out cut: "the only road into the town was cut", "cutting the last supply route"
                  r"(?:only|last|sole|single)\s+(?:remaining\s+)?(?:supply\s+)?(?:road|route|corridor|way|lifeline|crossing)\b[^.;]{0,60}?\b(?:cut|severed|closed|blocked)\b|"
                  r"(?:cut|cutting|cuts|severed|severing|closed|closing|blocked|blocking)\s+(?:off\s+)?(?:the\s+|its\s+|their\s+)?(?:only|last|sole)\s+(?:remaining\s+)?(?:supply\s+)?(?:road|route|corridor|lifeline|access\s+route|way)\b|"
                  r"\b(?:completely\s+|totally\s+|effectively\s+)?(?:cut\s+off|sealed\s+off)\s+(?:from\s+the\s+outside|entirely|completely)|"
                  r"(?<!to\sthe\s)(?<!to\s)(?<!for\sthe\s)(?<!of\sthe\s)(?:town|city|area|district|village|enclave|neighbou?rhoods?|people|residents|civilians)\s+(?:\w+\s+){0,2}(?:was|were|is|are|has\s+been|have\s+been|remain(?:s|ed)?)\s+(?:\w+ly\s+)?(?:cut\s+off|sealed\s+off|encircled|surrounded)\b(?!\s+(?:from|with)\s+(?:\w+\s+)?(?:water|power|electricity|food|communications))|"
                  # evacuations stopped: "the evacuation was suspended", "halted the evacuation"
                  r"\bevacuations?\s+(?:\w+\s+){0,4}?(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+(?:\w+\s+)?(?:halted|stopped|suspended|blocked|cancelled|canceled|frozen)\b|"
                  r"(?:halt|stop|suspend|block|cancel)(?:ed|led|ped|ing|s)?\s+(?:the\s+)?evacuations?\b|"
                  r"cut\s+off\s+from\s+(?:aid|supplies|the\s+outside\s+world)|"
                  r"\baid\s+(?:\w+\s+){0,2}?(?:has|have|had)\s+not\s+(?:reached|entered|been\s+delivered|been\s+allowed)|"
                  # people kept in: "checkpoints prevent civilians from leaving"
                  r"(?:prevent|block|bar|stop)(?:s|ed|ing|ped|red|ring)?\s+(?:\w+\s+){0,3}?(?:civilians|people|residents|families|inhabitants|population|"
                  r"them|wounded|sick|aid|convoys?|trucks|food|medicines?|supplies)\s+from\s+(?:leaving|fleeing|entering|reaching)\b|"
                  r"no\s+aid\s+(?:has|have|had)\s+(?:entered|reached)|aid\s+(?:convoys?|deliveries|trucks)\s+"
                  r"(?:have|has|had)\s+not\s+been\s+allowed|barred\s+from\s+entering|cut\s+off\s+from\s+(?:\w+\s+and\s+)?"
                  r"(?:medical\s+)?aid|"
                  # the wounded kept from care: "prevented the evacuation of the wounded"
                  r"(?:prevent(?:ed|ing|s)?|block(?:ed|ing|s)?|bar(?:red|ring|s)?|stopp(?:ed|ing))\s+(?:the\s+)?"
                  r"(?:evacuation|transfer|exit)\s+of\s+(?:the\s+)?(?:wounded|injured|sick)|"
                  r"(?:wounded|injured|sick)\s+(?:were|are|have\s+been)\s+(?:\w+\s+)?(?:prevented|barred|stopped)\s+from\s+"
                  r"(?:leaving|being\s+evacuated)|"
                  # supplies kept out: "prevented the entry of any materials into the city"
                  r"(?:prevent(?:ed|ing|s)?|block(?:ed|ing|s)?|bar(?:red|ring|s)?)\s+(?:the\s+)?(?:entry|entrance|delivery|arrival|passage)\s+of\s+"
                  r"(?:any\s+|all\s+)?(?:\w+\s+)?(?:aid|food|materials|supplies|goods|medicines?|humanitarian)"),
    ("shelter", 4, r"\bhomeless\b|without\s+(?:a\s+)?(?:shelter|homes?|a\s+roof)\b|no\s+shelter|\bsleep(?:s|ing)?\s+in\s+the\s+(?:open|streets)|\bslept\s+in\s+the\s+(?:open|streets)|"
                   r"lack\s+of\s+shelter|\blost\s+their\s+(?:homes|houses)\b"),
    # Homes destroyed in numbers, not damage to "houses and properties" in passing (the contract).
    ("shelter", 3, r"(?:massive|widespread|extensive|large-scale|huge|great|wholesale|total)\s+destruction\s+(?:in|of|to)\s+(?:the\s+)?"
                   r"(?:residential\s+)?(?:areas?|neighbou?rhoods?|buildings?|districts?|quarters?|homes|houses)\b|"
                   r"\bdestruction\s+(?:in|of|to)\s+(?:the\s+)?residential\s+(?:areas?|neighbou?rhoods?|buildings?|districts?|quarters?)|"
                   rf"\b{_MANY}\s+(?:of\s+(?:the\s+)?)?(?:[\w-]+\s+){{0,2}}?(?:houses|homes|residences|dwellings|residential\s+buildings)\s+"
                   r"(?:\w+\s+){0,3}?(?:were|was|have\s+been|had\s+been|are|being)\s+(?:\w+\s+)?(?:destroyed|flattened|razed|levell?ed|demolished|"
                   r"reduced\s+to\s+(?:rubble|ruins)|uninhabitable)|"
                   r"\b(?:houses|homes|dwellings)\s+(?:were|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:flattened|razed|levell?ed|reduced\s+to\s+(?:rubble|ruins)|"
                   r"(?:completely|totally|entirely)\s+destroyed|rendered\s+uninhabitable)|"
                   r"(?<!can\s)(?<!could\s)(?<!would\s)(?<!will\s)(?<!may\s)(?<!might\s)(?<!to\s)"
                   rf"(?:destroy|flatten|raz|level|demolish)(?:ed|ing|es|e|s)?\s+(?:at\s+least\s+|more\s+than\s+|nearly\s+|about\s+)?{_MANY}\s+(?:of\s+(?:the\s+)?)?(?:[\w-]+\s+){{0,2}}?(?-i:houses|homes|dwellings|residential\s+buildings)\b|"
                   rf"\b{_MANY}\s+(?:of\s+(?:the\s+)?)?(?:[\w-]+\s+){{0,2}}?(?-i:houses|homes|dwellings)\s+(?:\w+\s+){{0,3}}?(?:destroyed|flattened|razed|levell?ed)\b|"
                   r"\b(?:neighbou?rhoods?|quarters?|districts?|village|town)\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:flattened|razed|levell?ed|"
                   r"reduced\s+to\s+(?:rubble|ruins)|wiped\s+out)|(?:flattened|razed|levell?ed)\s+(?:the\s+|entire\s+|whole\s+)+(?:neighbou?rhoods?|quarters?|districts?|village|town)\b|"
                   r"\bcamps?\s+(?:\w+\s+){0,2}?(?:are|were|is|was|have\s+been|has\s+been)\s+(?:\w+\s+)?(?:overwhelmed|overcrowded|overflowing|beyond\s+capacity)|"
                   r"\b(?:much|most|large\s+parts?|parts?|swathes?|whole\s+swathes?|entire\s+(?:blocks|streets))\s+of\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?"
                   r"(?:has\s+been|have\s+been|had\s+been|was|were|is|are|lies?|lay|stands?|remains?)\s+(?:\w+\s+)?"
                   r"(?:reduced\s+to\s+(?:rubble|ruins)|in\s+ruins|flattened|razed|levell?ed|destroyed)|"
                   r"\b(?:huge|massive|heavy|extensive|widespread)\s+(?:material\s+)?damage\s+(?:to|in)\s+(?:the\s+|a\s+|one\s+)?(?:[\w-]+\s+)?"
                   r"(?:district|neighbou?rhood|quarter|residential\s+(?:areas?|neighbou?rhoods?|districts?|quarters?))s?\b|"
                   r"\bdestruction\s+of\s+(?:the\s+)?(?:\w+\s+)?(?:houses|homes|dwellings)\b|"
                   # homes brought down on people: "trapped under the rubble of their homes"
                   r"(?:rubble|ruins|debris)\s+of\s+(?:their|the)\s+(?:own\s+|destroyed\s+|collapsed\s+)?(?:homes|houses)\b"),
    ("water", 3, rf"{_W}\s+(?:and\s+(?:\w+\s+)?)?{_BE}{_SHORT}|{_SHORT}\s+of\s+(?:\w+\s+)?{_W}\b"
                 # water unsafe to drink: "contaminated water", "water is often dirty"
                 rf"|(?:contaminated|polluted|dirty|unsafe|undrinkable|brackish|untreated)\s+(?:drinking\s+)?water\b"
                 rf"|\bwater\s+{_BE}(?:\w+\s+)?(?:contaminated|polluted|dirty|unsafe|undrinkable|untreated)\b"
                 rf"|(?:water|pumping)\s+(?:pumping\s+)?stations?\s+(?:(?:were|was|has\s+been|had\s+been)\s+)?(?:{_DAMAGED}|destroyed)|damage\s+to\s+(?:the\s+)?water|"
                 # "damaging the water station that supplies the town"
                 rf"(?:damag|destroy)(?:ed|ing|es|s)\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:water|pumping)\s+(?:station|plant|network|pipe|tank|supply|pumping)|"
                 rf"\bwater\s+(?:network|system|pipes?|pipelines?|infrastructure|tanks?|plants?)\s+{_BE}(?:\w+\s+)?{_DAMAGED}"),
    ("food", 3, rf"\b{_FOOD}\s+(?:and\s+(?:\w+\s+)?)?{_BE}{_SHORT}|{_SHORT}\s+of\s+(?:\w+\s+)?{_FOOD}\b|malnutrition|"
                # shortage said of people: "besieged 20000 people lacking food and medicine"
                rf"\b(?:lacking|lacks|lacked|lack|short\s+of)\s+(?:basic\s+)?{_FOOD}\b|"
                # markets emptied, food prices soaring, meals skipped
                r"\bmarkets?\s+(?:shelves\s+|stalls\s+)?(?:\w+\s+){0,2}?(?:are|were|is|was|have\s+been|has\s+been|stand|stood|lay|lie)\s+(?:\w+\s+)?(?:empty|emptied|bare)\b|"
                r"\b(?:empty|bare)\s+(?:market\s+)?(?:shelves|markets|stalls)\b|"
                rf"\b(?:{_FOOD}|food\s+and\s+fuel)\s+prices\s+(?:\w+\s+){{0,2}}?(?:soar\w*|sky-?rocket\w*|tripl\w*|doubl\w*|quadrupl\w*|jump\w*|spik\w*|surg\w*|rose|risen|rise|rising)|"
                r"\bprices\s+of\s+(?:food|bread|flour|basic\s+(?:food|goods|foodstuffs))\w*\s+(?:\w+\s+){0,2}?(?:soar\w*|sky-?rocket\w*|tripl\w*|doubl\w*|jump\w*|spik\w*|surg\w*|rose|risen|rising)|"
                r"\b(?:one|a\s+single)\s+meal\s+a\s+day\b|\bskipp\w*\s+meals\b|"
                r"\bprices?\s+of\s+(?:a\s+|one\s+)?(?:kilo|kilogram|bag|bundle|loaf|packet|sack)\s+of\s+[\w-]+\s+(?:\w+\s+){0,2}?"
                r"(?:soar\w*|sky-?rocket\w*|tripl\w*|doubl\w*|jump\w*|surg\w*|rose|risen|increased|multiplied)|"
                r"hunger|(?:bakery|bakeries|kitchens?|markets?)\s+(?:\w+\s+){0,6}?(?:were|was|have\s+been|has\s+been)\s+(?:closed|damaged|destroyed)"),
    ("health", 3, rf"\b(?:lacking|lacks|lacked|lack|short\s+of)\s+(?:(?:basic\s+)?\w+\s+(?:and|or)\s+)?{_MED}\b|"
                  rf"medical\s+(?:and\s+(?:\w+\s+)?)?{_SHORT}|(?:food|water)\s+and\s+medical\s+{_SHORT}|"
                  rf"{_SHORT}\s+of\s+(?:\w+\s+){{0,3}}?{_MED}\b|\b{_MED}\s+{_BE}{_SHORT}|\b{_HOSPITAL}\b[^.;]{{0,80}}?"
                  rf"\b{_DAMAGED}|damage\s+to\s+(?:the\s+)?{_HOSPITAL}|{_DAMAGED}\s+(?:a\s+|the\s+)?(?:\w+\s+)?{_HOSPITAL}"
                  rf"|(?:destroy|damag)(?:ed|ing|es|s)\s+(?:a\s+)?part\s+of\s+(?:the\s+)?(?:\w+\s+)?{_HOSPITAL}"
                  rf"|\b{_HOSPITAL}\b[^.;]{{0,60}}?\bdamaging\s+(?:its|part\s+of\s+it|the\s+building)\b"
                  r"|\bambulances?\s+(?:\w+\s+){0,2}?(?:were|was|have\s+been|has\s+been)\s+(?:\w+\s+)?(?:destroyed|damaged|put\s+out\s+of\s+service)"
                  # "a rocket slammed into a hospital ... destroying part of the building"
                  rf"|\b{_HOSPITAL}\b[^.;]{{0,120}}?\b(?:destroy|damag)(?:ed|ing)\s+(?:a\s+)?part\s+of\s+(?:the\s+|its\s+)?building"),
    ("electricity", 3, rf"{_POWER}\s+(?:cuts|outages?|shortages?|rationing)|(?:power|electricity)\s+(?:station|plant|grid)s?\s+(?:were\s+|was\s+)?{_DAMAGED}"),
    ("communications", 3, rf"(?:spotty|patchy|intermittent|limited|sporadic)\s+(?:satellite\s+)?{_COMMS}"),
    ("access", 3, r"aid\s+(?:convoys?|deliveries|access)\s+(?:\w+\s+){0,3}?(?:blocked|denied|halted|suspended|prevented|delayed)|"
                  # convoys attacked, crossings closed, evacuations delayed, a supply road cut
                  r"(?:aid|humanitarian|relief|UN|U\.N\.|Red\s+Crescent)\s+(?:\w+\s+)?convoys?\s+(?:\w+\s+){0,3}?(?:attacked|hit|struck|targeted|bombed|shelled|ambushed)\b|"
                  r"(?:attack|strike|raid|air\s*strike)s?\s+on\s+(?:an?\s+|the\s+)?(?:aid|humanitarian|relief|UN)\s+convoys?\b|"
                  r"(?:attack|hit|struck|strike|target|bomb|shell|ambush)(?:s|ed|ing|ped)?\s+(?:an?\s+|the\s+)?(?:[\w\[\]-]+\s+){0,2}?"
                  r"(?:aid|humanitarian|relief|UN|U\.N\.|UN-Red|Red\s+Crescent|SARC|ICRC)(?:[\w\[\]-]*\s+){0,3}?convoys?\b|"
                  r"(?:suspend|halt|stop|block|freez|froze)(?:s|ed|ing|ped|e)?\s+(?:all\s+|the\s+)?(?:aid|humanitarian|relief)\s+(?:convoys?|deliveries|operations)\b|"
                  r"\broads?\s+(?:(?:to|into|from|out\s+of|linking|leading\s+to|connecting)\s+(?:[\w-]+\s+){1,3}?)?(?:was|were|has\s+been|have\s+been|remain(?:s|ed)?|is|are)\s+(?:\w+\s+)?(?:cut|closed|blocked|severed)\b|"
                  r"\bcrossings?\s+(?:\w+\s+){0,3}?(?:was|were|has\s+been|have\s+been|is|are|remain(?:s|ed)?)\s+(?:\w+\s+)?(?:closed|shut)\b|"
                  r"(?:closed|closing|shut|shutting)\s+(?:the\s+|its\s+)?(?:\w+\s+){0,2}?(?:border\s+)?crossings?\b|"
                  r"\bevacuations?\s+(?:\w+\s+){0,4}?(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+(?:\w+\s+)?(?:delayed|postponed)\b|"
                  r"(?:supply|access)\s+(?:roads?|routes?|lines?)\s+(?:\w+\s+){0,3}?(?:was|were|has\s+been|have\s+been|is|are)\s+(?:\w+\s+)?(?:cut|severed|closed|blocked)\b|"
                  r"(?:cut|cutting|severed|severing)\s+(?:off\s+)?(?:the\s+|a\s+|its\s+|their\s+)?(?:\w+\s+)?(?:supply\s+(?:roads?|routes?|lines?))\b|"
                  r"(?:blocked|denied|prevented)\s+(?:\w+\s+){0,2}(?:aid|humanitarian)\s+(?:convoys?|access|deliveries)|"
                  r"(?:closed|sealed|shut)\s+(?:its|the|their)\s+borders?\b|\bborders?\s+(?:\w+\s+){0,3}?(?:was|were|has\s+been|have\s+been|is|are|remain(?:s|ed)?)\s+(?:\w+\s+)?(?:closed|sealed|shut)\b|"
                  # aid let in at last: "aid entered the town for the first time since October"
                  r"(?:aid|convoys?|trucks|deliveries|supplies)\b[^.;]{0,80}?\bfor\s+the\s+first\s+time\s+(?:in|since)\b|"
                  r"\bfirst\s+(?:aid\s+|humanitarian\s+)?(?:convoy|delivery|deliveries)\s+(?:\w+\s+){0,4}?(?:in|since)\s+(?:\w+\s+){0,2}?(?:months|weeks|years|a\s+year)\b|"
                  r"\bblockade\b|(?:humanitarian\s+)?access\s+(?:\w+\s+){0,6}?(?:limited|restricted|blocked|denied)|"
                  # "humanitarian agencies have been denied access", "the UN could not deliver aid"
                  r"\bdenied\s+(?:humanitarian\s+)?access\b|(?:could\s+not|cannot|can't|unable\s+to)\s+(?:deliver|bring|get)\s+(?:\w+\s+)?aid\b"),
]

# A rule runs only on sentences holding one of its sector's words: most sentences hold none, and the
# patterns are far slower than a substring test.
TRIGGERS = {
    "water": ("water", "thirst", "dehydrat"),
    "food": ("food", "bread", "flour", "starv", "famine", "hunger", "malnutrition", "market", "baker",
             "kitchen", "wheat", "milk", "formula", "meal", "price", r"\beat", "faint"),
    "health": ("hospital", "clinic", "medic", "health", "doctor", "treatment", "blood", "care", "ambulance"),
    "electricity": ("electric", "power", "blackout", "generator", "darkness"),
    "communications": ("communication", "phone", "internet", "mobile", "cellular"),
    "access": ("siege", "besieg", "encircl", "surrounded", "sealed off", "road", "route", "corridor", "lifeline",
               "crossing", "evacuation", "convoy", "blockade", "first time",
               # a border closed (not every "near the Turkish border")
               "closed its border", "sealed its border", "shut its border", "closed the border", "sealed the border",
               "closed their border", "border was", "border is", "border has", "borders were", "borders are",
               "borders have", "border remain", "been closed", "been sealed", "been shut", "was closed", "were closed", "from leaving", "from fleeing",
               "from entering", "from reaching", "cut off", r"\baid", "access", "barred", "entry of", "entrance of", "of the wounded", "of the injured",
               "of the sick", "of wounded", "of injured", "wounded were", "injured were", "wounded have", "wounded are"),
    "shelter": ("homeless", "shelter", "sleep", "slept", "house", "home", "residential", "residence", "dwelling", "destruction", "flatten",
                "razed", "levelled", "leveled", "wiped out", "camp", "roof", "rubble", "ruins", "damage"),
}
# One automaton over every cue word of every sector: one pass over a report says which sectors each
# sentence can hold. A word given as r"\b..." keeps its boundary ("aid", not the "aid" of every "said").
_CUES = ahocorasick.Automaton()
for _sector, _words in TRIGGERS.items():
    for _word in _words:
        _bounded = _word.startswith("\\b")
        _word = _word[2:] if _bounded else _word
        _entries = _CUES.get(_word) if _word in _CUES else []
        _CUES.add_word(_word, _entries + [(_sector, _bounded, len(_word))])
_CUES.make_automaton()


def _alternatives(pattern):
    """The top-level alternatives of a pattern."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


# Every alternative starts at a word boundary: tried at every position of a sentence, an alternative
# fails at once inside a word (this halves the time the rules take).
_BOUNDED = [(sector, severity, "|".join(alt if alt.startswith("\\b") else "\\b" + alt for alt in _alternatives(pattern)))
            for sector, severity, pattern in RULES]


@functools.cache
def _ignoring_case(pattern):
    return re.compile(pattern, re.IGNORECASE)


def _lowercase(pattern):
    """The pattern compiled case-sensitively for a lowercased ASCII sentence (same offsets), or None when
    that would not find the same matches: a part that keeps case ("(?-i:houses)") or an upper-case escape."""
    if "(?-i" in pattern or re.search(r"\\[A-Z]|\(\?P[<=]", pattern):
        return None
    return re.compile(pattern.lower())


# A rule runs case-sensitively over the lowercased sentence when the sentence is ASCII (nearly all are):
# `re` skips an alternative whose first letter differs in one test only without IGNORECASE, where with it
# it tries each alternative in turn. Otherwise the rule runs with IGNORECASE over the sentence as written
# (compiled when first needed).
_COMPILED = [(sector, severity, pattern, _lowercase(pattern)) for sector, severity, pattern in _BOUNDED]
_CLAUSE_BREAK = re.compile(r"[,;:]\s+(?:(?:while|but|whereas|and)\s+)?|\s(?:while|but|whereas)\s|\s-\s")
_UNDONE = re.compile(r"\b(?<!to\s)(?:break|breaks|broke|broken|breaking|breach\w*|lift\w*|end|ended|ending|ease\w*|threaten\w*|"
                     r"(?:would|could|might)(?!\s+not)|if|(?:aim\w*|hop\w*|seek\w*|sought|plan\w*|attempt\w*|try\w*|tried|bid)\s+(?:to|at)"
                     r"(?!\s+(?:break|breach|lift|end|ease|tighten|maintain|keep)\b)|(?:to|and)\s+(?:complete|impose|lay|encircle|besiege)|"
                     r"(?:managed|succeeded|able)\s+(?:in\s+|to\s+)(?:break|breach|lift|end)\w*|"
                     # a siege lived through: "residents who survived the siege", "after the siege of Homs"
                     r"surviv\w*|(?<!months\s)(?<!years\s)(?<!weeks\s)after\s+(?:a\s+|the\s+|its\s+)?(?:[\w-]+\s+){0,2}siege|"
                     # an aim to cut or close: "the aim of the operation was to cut rebel supply lines"
                     r"(?<!managed\s)(?<!succeeded\s)(?<!able\s)to\s+(?:cut|sever|encircle|besiege|close|block|seal))\b", re.I)
# "For almost two years residents were trapped in a siege": told in the past with its length, it ended.
_OVER = re.compile(r"\bfor\s+(?:almost\s+|nearly\s+|about\s+|around\s+|more\s+than\s+|over\s+)?(?:\w+\s+)?(?:years?|months?|weeks?)\b"
                   r"(?=[^.;]*\b(?:was|were)\b)(?![^.;]*\b(?:has|have|is|are|remains?)\b)", re.I)
_MILITARY_SITE = re.compile(r"\b(?:airport|air\s*base|airbase|military\s+(?:base|academy|college|post|positions?)|barracks|garrison)\b", re.I)
_NEGATION = re.compile(r"\b(?:no\s+longer\s+suffer|not|never|denied|deny|denies)\s+(?:\w+\s+){0,2}$|\bno\s+$", re.I)
# Said but not stated: a future, a condition, a fear or a risk of it ("at risk from water shortages"
# states the shortages), or "not" before the match's own verb ("the hospital was not closed"; "is not
# functioning" is a state).
_NOT_STATED = re.compile(r"\b(?:will|would|could|might|may)\s+(?:soon\s+|also\s+|still\s+|then\s+)?(?:be|have|face|run|cause|leave|cut|suffer|lose|close)\b|"
                         r"\b(?:if|unless|fears?|feared|danger|threat|warn\w*\s+(?:of|against|about))\b|\brisk\w*\b(?!\s+from)", re.I)
_NOT_IN_MATCH = re.compile(r"\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+not\s+(?!function|work|operat|in\s+service|accessible|able|allowed|permitted)|"
                           r"\b(?:wasn't|weren't|isn't|aren't|hasn't|haven't)\s+(?!function|work|operat|been\s+allowed)", re.I)
_POPULATION = re.compile(r"\b(?:people|civilians|residents|families|inhabitants|population)\b", re.I)


# "a siege that began on July 17": the day a condition started, not a day it is reported on
_A_START = re.compile(r"\b(?:began|begun|started|imposed|launched)\b", re.I)


def tells_a_start(sentence):
    """Whether the sentence dates the start of something rather than a day the condition holds."""
    return _A_START.search(sentence) is not None


def sectors_by_sentence(lowered, spans):
    """For each sentence span, the sectors whose words it holds: one pass over the whole text."""
    starts = [a for a, _ in spans]
    present = [set() for _ in spans]
    for last, entries in _CUES.iter(lowered):
        for sector, bounded, length in entries:
            start = last - length + 1
            if bounded and start > 0 and lowered[start - 1].isalnum():
                continue
            i = bisect.bisect_right(starts, start) - 1
            if i >= 0 and start < spans[i][1]:
                present[i].add(sector)
    return present


def _sectors(lowered):
    return {sector for last, entries in _CUES.iter(lowered) for sector, bounded, length in entries
            if not (bounded and last - length >= 0 and lowered[last - length].isalnum())}


def sentence_conditions(sentence, offset, present=None):
    """[(sector, severity, quote_start, quote_end)] stated in one sentence (absolute offsets).
    `present`: the sectors whose words the sentence holds, when already known."""
    found = []
    if present is None:
        present = _sectors(sentence.lower())
    if not present:
        return found
    lowered = sentence.lower() if sentence.isascii() else None
    for sector, severity, pattern, lowercase in _COMPILED:
        if sector not in present:
            continue
        if lowered is not None and lowercase is not None:
            matches = lowercase.finditer(lowered)
        else:
            matches = _ignoring_case(pattern).finditer(sentence)
        for match in matches:
            if _NEGATION.search(sentence, max(0, match.start() - 40), match.start()) \
                    or _NOT_STATED.search(sentence, max(0, match.start() - 40), match.end()) \
                    or _NOT_IN_MATCH.search(sentence, match.start(), match.end()):
                continue
            # a siege broken, lifted or only threatened is no siege the population lives under
            if sector == "access" and (_UNDONE.search(sentence[max(0, match.start() - 40):match.end()])
                                       or _OVER.search(sentence)
                                       or (_MILITARY_SITE.search(sentence, max(0, match.start() - 40), match.end() + 40)
                                           and not _POPULATION.search(sentence, match.start(), match.end() + 40))):
                continue
            start, end = _clause(sentence, match.start(), match.end())
            found.append((sector, severity, start + offset, end + offset))
            break
    return found


def _clause(sentence, start, end):
    """The clause around a match: from the previous clause break to the next one."""
    left = 0
    for br in _CLAUSE_BREAK.finditer(sentence, 0, start):
        left = br.end()
    right_break = _CLAUSE_BREAK.search(sentence, end)
    right = right_break.start() if right_break else len(sentence)
    while right > left and sentence[right - 1] in " .!?\"'":
        right -= 1
    while left < start and sentence[left] in " \"'":
        left += 1
    return left, max(right, end)
