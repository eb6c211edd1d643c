# ruff: noqa: E501  (one annotated sentence per line reads better than wrapped)
"""Writes claims_gold.jsonl: hand-annotated claims. Run once; the JSONL is what tests read.

Seeds are annotated for the relation kinds, quantities and times (their many place and actor
mentions are not); the sentences written for this file are annotated for every kind.
Conventions: an event's agent is the grammatical doer stated in the sentence (a pronoun counts,
resolved); nominalisations with no stated doer ("the capture of Ghazni") have agent null.
Time claims are weekdays, day-month dates and relative days (today, yesterday, last night).
"""

import json
from pathlib import Path

HERE = Path(__file__).parent


def ev(agent, action, target):
    return {"kind": "event", "agent": agent, "action": action, "target": target}


def ep(rank, place, attribute="largest"):
    return {"kind": "epithet", "rank": rank, "attribute": attribute, "place": place}


def loc(place, region):
    return {"kind": "located_in", "place": place, "region": region}


def cap(country, place):
    return {"kind": "capital", "country": country, "place": place}


def role(person, r):
    return {"kind": "role", "person": person, "role": r}


def dist(a, b, km):
    return {"kind": "distance", "from": a, "to": b, "km": km}


def qty(value, unit, counts=None):
    return {"kind": "quantity", "value": value, "unit": unit, "counts": counts}


def tm(weekday=None, date=None):
    return {"kind": "time", "weekday": weekday, "date": date}


def pl(name):
    return {"kind": "place", "name": name}


def ac(key):
    return {"kind": "actor", "actor": key}


SEED_KINDS = ["event", "located_in", "capital", "epithet", "role", "distance", "quantity", "time"]
T = "thursday"
SEEDS = {
    "000": ("2021-08-12", [
        ev("taliban", "capture", "Herat"), ep(3, "Herat"), tm(T, "2021-08-12"),
        ev("taliban", "capture", "Herat"), ep(3, "Herat"),
        ev("taliban", "enter", "Kandahar"),
        ep(2, None),
        ev("taliban", "capture", "Kandahar"),
        ev("taliban", "capture", "Ghazni"), tm(T, "2021-08-12"), dist("Ghazni", "Kabul", 130),
        qty(130, "km"),
    ]),
    "001": ("2021-08-12", [
        qty(2, "count", "city"),
        ev(None, "capture", "Kandahar"), ev(None, "capture", "Herat"), tm(T, "2021-08-12"),
        qty(12, "count", "provincial capital"),
        ev(None, "capture", "Ghazni"), cap("AF", "Kabul"), qty(20, "year"),
        ev("taliban", "capture", "Herat"),
        ev("taliban", "capture", "Herat"), ep(3, "Herat"),
        tm(T, "2021-08-12"),
        ev("taliban", "capture", "Herat"),
        qty(150, "km"), role("Ismail Khan", "warlord"),
        ev("taliban", "capture", "Ghazni"),
        ev(None, "capture", "Ghazni"),
        tm(T, "2021-08-12"),
        tm(T, "2021-08-12"),
    ]),
    "002": (None, [
        ev("taliban", "capture", "Kandahar"),
        ev("taliban", "capture", "Kandahar"), ep(2, "Kandahar"), tm("friday"),
        ev("taliban", "capture", "Kandahar"),
        ev("taliban", "capture", "Kandahar"), tm(None),
        ev(None, "capture", "Kandahar"),
        ev("insurgents", "capture", "Herat"), ep(3, "Herat"),
        qty(13, "count", "provincial capital"),
        role("Biden", "president"),
        role("Joe Biden", "president"),
        qty(1e12, "usd"), qty(1000, "count", "soldier"), qty(20, "year"),
        qty(1000, "count", "civilian"),
        qty(1000, "count", "civilian"),
        cap("AF", "Kabul"),
    ]),
    "003": (None, [
        ev("taliban", "capture", "Herat"), ev("taliban", "capture", "Ghazni"),
        qty(11, "count", "provincial capital"), ep(3, "Herat"),
        ev("taliban", "control", "Herat"), ep(3, "Herat"), ev("taliban", "capture", "Ghazni"),
        ev(None, "capture", "Herat"), tm(T), qty(11, "count", "provincial capital"),
        cap("AF", "Kabul"),
        qty(20, "year"),
        role("Semin Barekzai", "lawmaker"),
        ev(None, "capture", "Ghazni"), qty(20, "year"),
        cap("QA", "Doha"),
        tm(T),
        ev("taliban", "capture", "Ghazni"), tm(T), dist("Ghazni", "Kabul", 130), qty(130, "km"),
        loc("Lashkar Gah", "Helmand"),
        tm("wednesday"),
        tm(T), role("Bahir Ahmadi", "spokesperson"), ev("taliban", "enter", "Kandahar"),
        tm(T),
        tm("saturday", "2020-02-29"),
        role("Abdullah Abdullah", "chief negotiator"), tm(T),
        tm(T), qty(3000, "count", "troop"),
        role("John Kirby", "spokesperson"), qty(24, "hour"),
    ]),
    "004": (None, [
        ev("government_forces", "capture", "largest#2#city#AF"), ep(2, None), qty(2, "day"),
        ev("taliban", "capture", "Kandahar"), loc("Kandahar", "Helmand"), cap("AF", "Kabul"),
        role("Ashraf Ghani", "president"),
        ev("taliban", "capture", "Kandahar"),
        ev("taliban", "capture", "Kandahar"),
        tm("friday"),
        qty(100, "count", "weapon"),
        qty(3, "count", "route"),
        qty(14, "count", "provincial capital"),
        ep(3, "Herat"), loc("Herat", "Afghanistan"), tm(T),
        role("Kamran Alizai", "chair"), tm("friday"),
        loc("Qala-I-Naw", "Badghis"), ev("insurgents", "capture", "Qala-I-Naw"), tm(T),
        role("Nasir Ahmad Faqiri", "chair"), ev("insurgents", "capture", "Ghazni"), tm(T),
        dist("Ghazni", "Kabul", 150), qty(150, "km"),
        ev(None, "capture", "Ghazni"),
        ev("taliban", "capture", "Baghlan"),
        qty(30, "day"),
        qty(3000, "count", "troop"), role("John Kirby", "spokesperson"),
        qty(2, "count", "infantry battalion"),
        qty(1000, "count", "troop"),
        role("Ben Wallace", "defense minister"), tm("friday"),
        qty(600, "count", "soldier"), role("Horst Seehofer", "interior minister"),
        tm("friday"),
        ev("taliban", "capture", "Kandahar"), tm("monday"), loc("Kandahar", "Afghanistan"),
        cap("AF", "Kabul"),
        tm(None), tm(None), tm(None), tm(None),  # junk teasers: "Today", "April 3", "today" x2
    ]),
}

# Sentences written for this file: other events, regions and claim kinds. Every kind annotated.
OWN = [
    ("2023-05-12", "Rebels of the M23 movement seized the town of Bunagana on Tuesday, officials said.",
     [ac("insurgents"), ac("m23"), pl("Bunagana"), ev("m23", "capture", "Bunagana"), tm("tuesday", "2023-05-09")]),
    ("2022-11-11", "Ukrainian forces recaptured Kherson, the only regional capital Russia had taken since the invasion.",
     [ac("government_forces"), pl("Kherson"), pl("Russia"), ev("government_forces", "capture", "Kherson")]),
    ("2022-11-11", "Kherson was retaken by Ukrainian troops on Friday after months of occupation.",
     [pl("Kherson"), ac("government_forces"), ev("government_forces", "capture", "Kherson"), tm("friday", "2022-11-11")]),
    ("2017-07-10", "Mosul, Iraq's second-largest city, fell to Iraqi forces after a nine-month battle against Islamic State.",
     [pl("Mosul"), pl("Iraq"), ac("government_forces"), ac("islamic_state"), ep(2, "Mosul"), ev("government_forces", "capture", "Mosul"), qty(9, "month")]),
    ("2017-10-20", "Raqqa, in northern Syria, was captured by the Syrian Democratic Forces in October.",
     [pl("Raqqa"), pl("Syria"), ac("sdf"), loc("Raqqa", "Syria"), ev("sdf", "capture", "Raqqa")]),
    ("2023-04-20", "The Rapid Support Forces attacked the airport in Khartoum, the capital of Sudan, on Saturday.",
     [ac("rsf"), pl("Khartoum"), pl("Sudan"), cap("SD", "Khartoum"), tm("saturday", "2023-04-15")]),
    ("2023-04-20", "Fighting spread to Nyala, about 1,000 kilometres south-west of Khartoum.",
     [pl("Nyala"), pl("Khartoum"), dist("Nyala", "Khartoum", 1000), qty(1000, "km")]),
    ("2024-01-15", "Houthi rebels fired missiles at ships off the port of Hodeidah in western Yemen.",
     [ac("houthis"), pl("Hodeidah"), pl("Yemen"), loc("Hodeidah", "Yemen")]),
    ("2024-01-15", "Aden, Yemen's temporary capital, lies about 170 km east of Mocha.",
     [pl("Aden"), pl("Yemen"), pl("Mocha"), dist("Aden", "Mocha", 170), qty(170, "km")]),
    ("2021-03-25", "Insurgents linked to Islamic State overran the town of Palma in Cabo Delgado province, Mozambique.",
     [ac("insurgents"), ac("islamic_state"), pl("Palma"), pl("Cabo Delgado"), pl("Mozambique"), ev("insurgents", "capture", "Palma"), loc("Palma", "Cabo Delgado")]),
    ("2020-11-28", "Ethiopian troops took control of Mekelle, the capital of the Tigray region, on Saturday.",
     [ac("government_forces"), pl("Mekelle"), pl("Tigray"), ev("government_forces", "capture", "Mekelle"), loc("Mekelle", "Tigray"), tm("saturday", "2020-11-28")]),
    ("2012-11-22", "Goma, the main city of eastern Congo, fell to the rebels on Tuesday.",
     [pl("Goma"), pl("Congo"), ac("insurgents"), ev("insurgents", "capture", "Goma"), tm("tuesday", "2012-11-20")]),
    ("2013-01-15", "French troops and Malian soldiers retook Konna, a town in central Mali.",
     [ac("forces:FR"), ac("government_forces"), pl("Konna"), pl("Mali"), ev("forces:FR", "capture", "Konna"), loc("Konna", "Mali")]),
    ("2022-03-02", "Russian forces have captured the southern city of Kherson, the mayor said on Wednesday.",
     [ac("forces:RU"), pl("Kherson"), ev("forces:RU", "capture", "Kherson"), tm("wednesday", "2022-03-02")]),
    ("2022-03-02", "Kharkiv, Ukraine's second-largest city, has been shelled for days.",
     [pl("Kharkiv"), pl("Ukraine"), ep(2, "Kharkiv"), ev(None, "attack", "Kharkiv")]),
    ("2022-05-20", "Mariupol is about 55 km west of the Russian border and 110 km from Donetsk.",
     [pl("Mariupol"), pl("Donetsk"), dist("Mariupol", "Donetsk", 110), qty(55, "km"), qty(110, "km")]),
    ("2019-10-14", "Kurdish-led fighters withdrew from Ras al-Ain after a Turkish offensive.",
     [pl("Ras al-Ain"), ac("kurdish-led"), ev("kurdish-led", "withdraw", "Ras al-Ain")]),
    ("2021-02-01", "Myanmar's military seized power in the capital Naypyitaw on Monday.",
     [pl("Myanmar"), ac("government_forces"), pl("Naypyitaw"), cap("MM", "Naypyitaw"), tm("monday", "2021-02-01")]),
    ("2021-02-01", "Thousands of protesters marched in Yangon, the country's largest city.",
     [qty(1000, "count", "protester"), ac("civilians"), pl("Yangon"), ep(1, "Yangon")]),
    ("2015-01-08", "Boko Haram militants overran Baga, a town in Borno state, killing as many as 2,000 people.",
     [ac("boko_haram"), pl("Baga"), pl("Borno"), ev("boko_haram", "capture", "Baga"), loc("Baga", "Borno"), qty(2000, "count", "people")]),
    ("2015-01-08", "Maiduguri, the capital of Borno state, is about 180 kilometres from Baga.",
     [pl("Maiduguri"), pl("Borno"), pl("Baga"), loc("Maiduguri", "Borno"), dist("Maiduguri", "Baga", 180), qty(180, "km")]),
    ("2017-10-16", "Iraqi government forces took control of Kirkuk from Kurdish fighters on Monday.",
     [ac("government_forces"), pl("Kirkuk"), ac("kurdish"), ev("government_forces", "capture", "Kirkuk"), tm("monday", "2017-10-16")]),
    ("2016-12-13", "Syrian army troops retook most of eastern Aleppo, Syria's largest city before the war.",
     [ac("government_forces"), pl("Aleppo"), pl("Syria"), ev("government_forces", "capture", "Aleppo"), ep(1, "Aleppo")]),
    ("2016-12-13", "Homs, Syria's third-largest city, lies 160 km north of Damascus.",
     [pl("Homs"), pl("Syria"), pl("Damascus"), ep(3, "Homs"), dist("Homs", "Damascus", 160), qty(160, "km")]),
    ("2014-06-11", "Militants from the Islamic State seized Tikrit on Wednesday, a day after taking Mosul.",
     [ac("insurgents"), ac("islamic_state"), pl("Tikrit"), pl("Mosul"), ev("insurgents", "capture", "Tikrit"), tm("wednesday", "2014-06-11"), ev("insurgents", "capture", "Mosul")]),
    ("2014-06-11", "Tikrit is about 140 kilometres (87 miles) north of Baghdad, the Iraqi capital.",
     [pl("Tikrit"), pl("Baghdad"), dist("Tikrit", "Baghdad", 140), qty(140, "km"), cap("IQ", "Baghdad")]),
    ("2024-02-18", "Ukrainian troops withdrew from Avdiivka, a town in Donetsk region, the army said.",
     [ac("government_forces"), pl("Avdiivka"), pl("Donetsk"), ac("government_forces"), ev("government_forces", "withdraw", "Avdiivka"), loc("Avdiivka", "Donetsk")]),
    ("2023-06-24", "Wagner fighters entered Rostov-on-Don early on Saturday.",
     [ac("wagner"), pl("Rostov-on-Don"), ev("wagner", "enter", "Rostov-on-Don"), tm("saturday", "2023-06-24")]),
    ("2023-06-24", "Voronezh lies about 500 km south of Moscow, the Russian capital.",
     [pl("Voronezh"), pl("Moscow"), dist("Voronezh", "Moscow", 500), qty(500, "km"), cap("RU", "Moscow")]),
    ("2019-04-10", "Forces loyal to Khalifa Haftar advanced on Tripoli, the Libyan capital.",
     [pl("Tripoli"), cap("LY", "Tripoli")]),
    ("2022-08-05", "Israel launched air strikes on Gaza on Friday, killing at least 10 people, the health ministry said.",
     [pl("Israel"), pl("Gaza"), tm("friday", "2022-08-05"), qty(10, "count", "people")]),
    ("2020-11-10", "Azerbaijani forces captured Shusha, the second-largest town in Nagorno-Karabakh.",
     [ac("government_forces"), pl("Shusha"), pl("Nagorno-Karabakh"), ev("government_forces", "capture", "Shusha"), ep(2, "Shusha")]),
    ("2020-11-10", "Armenian Prime Minister Nikol Pashinyan signed the ceasefire deal on Monday night.",
     [role("Nikol Pashinyan", "prime minister"), tm("monday", "2020-11-09")]),
    ("2022-09-30", "Burkina Faso's army chief Paul-Henri Damiba was ousted on Friday.",
     [pl("Burkina Faso"), role("Paul-Henri Damiba", "army chief"), tm("friday", "2022-09-30")]),
    ("2021-08-16", "Al-Shabaab fighters attacked a military base in Lower Shabelle region, Somalia, on Sunday.",
     [ac("al_shabaab"), pl("Lower Shabelle"), pl("Somalia"), tm("sunday", "2021-08-15")]),
    ("2021-08-16", "Mogadishu, Somalia's capital, was not attacked, police said.",
     [pl("Mogadishu"), pl("Somalia"), cap("SO", "Mogadishu"), ac("government_forces")]),
    ("2023-10-09", "Hamas fighters stormed into Sderot, a town near the Gaza border, on Saturday.",
     [ac("hamas"), pl("Sderot"), pl("Gaza"), ev("hamas", "attack", "Sderot"), tm("saturday", "2023-10-07")]),
    ("2023-10-09", "Tel Aviv is about 70 kilometers north of Gaza City.",
     [pl("Tel Aviv"), pl("Gaza City"), dist("Tel Aviv", "Gaza City", 70), qty(70, "km")]),
    ("2021-06-01", "Lyon, France's third-largest city, is about 390 kilometres from Paris.",
     [pl("Lyon"), pl("France"), pl("Paris"), ep(3, "Lyon"), dist("Lyon", "Paris", 390), qty(390, "km")]),
    ("2021-06-01", "Marseille, in southern France, is the country's second-largest city.",
     [pl("Marseille"), pl("France"), loc("Marseille", "France"), ep(2, "Marseille")]),
    ("2021-06-01", "French Interior Minister Gerald Darmanin visited Nice on Tuesday.",
     [role("Gerald Darmanin", "interior minister"), pl("Nice"), tm("tuesday", "2021-06-01")]),
    ("2022-02-24", "Kyiv, the capital of Ukraine, came under missile attack on Thursday.",
     [pl("Kyiv"), pl("Ukraine"), cap("UA", "Kyiv"), tm("thursday", "2022-02-24")]),
    ("2022-02-24", "Ukrainian President Volodymyr Zelensky declared martial law.",
     [role("Volodymyr Zelensky", "president")]),
    ("2022-02-24", "More than 100,000 Russian troops had massed near the border, officials said.",
     [qty(100000, "count", "troop"), ac("forces:RU")]),
    ("2018-08-01", "The army said 25 soldiers were killed in an ambush near Tillaberi, in western Niger.",
     [ac("government_forces"), ac("government_forces"), qty(25, "count", "soldier"), pl("Tillaberi"), pl("Niger"), loc("Tillaberi", "Niger")]),
    ("2018-08-01", "Niamey, the capital of Niger, is 110 km from Tillaberi.",
     [pl("Niamey"), pl("Niger"), pl("Tillaberi"), cap("NE", "Niamey"), dist("Niamey", "Tillaberi", 110), qty(110, "km")]),
    ("2019-03-24", "Kurdish-led fighters said they captured Baghouz, the last village held by Islamic State in Syria.",
     [ac("kurdish-led"), pl("Baghouz"), ac("islamic_state"), pl("Syria"), ev("kurdish-led", "capture", "Baghouz")]),
    ("2020-01-08", "Iran fired more than a dozen missiles at two bases in Iraq, the Pentagon said.",
     [pl("Iran"), qty(12, "count", "missile"), qty(2, "count", "base"), pl("Iraq"), ac("pentagon")]),
    ("2020-01-08", "Pentagon spokesman Jonathan Hoffman said no Americans were killed.",
     [ac("pentagon"), role("Jonathan Hoffman", "spokesperson")]),
    ("2021-07-05", "Mexican police arrested 12 suspects in Culiacan, the capital of Sinaloa state.",
     [ac("government_forces"), qty(12, "count", "suspect"), pl("Culiacan"), pl("Sinaloa"), loc("Culiacan", "Sinaloa")]),
    ("2021-07-05", "Guadalajara is Mexico's second-largest city, with about 1.5 million people.",
     [pl("Guadalajara"), pl("Mexico"), ep(2, "Guadalajara"), qty(1500000, "count", "people")]),
    ("2019-08-05", "India revoked the special status of Kashmir on Monday, deploying thousands of extra troops.",
     [pl("India"), pl("Kashmir"), tm("monday", "2019-08-05"), qty(1000, "count", "troop"), ac("government_forces")]),
    ("2019-08-05", "Srinagar, the main city of Kashmir, was placed under curfew.",
     [pl("Srinagar"), pl("Kashmir")]),
    ("2022-06-23", "An earthquake struck eastern Afghanistan, killing more than 1,000 people in Paktika province.",
     [pl("Afghanistan"), qty(1000, "count", "people"), pl("Paktika")]),
    ("2022-06-23", "Gardez, in Paktia province, is about 100 km east of Ghazni.",
     [pl("Gardez"), pl("Paktia"), pl("Ghazni"), loc("Gardez", "Paktia"), dist("Gardez", "Ghazni", 100), qty(100, "km")]),
    ("2023-02-07", "The earthquake killed over 5,000 people in Turkey and Syria, officials said on Tuesday.",
     [qty(5000, "count", "people"), pl("Turkey"), pl("Syria"), tm("tuesday", "2023-02-07")]),
    ("2023-02-07", "Gaziantep, a city of two million people near the Syrian border, was badly hit.",
     [pl("Gaziantep"), qty(2000000, "count", "people")]),
    ("2023-02-07", "Antakya, the capital of Hatay province, was largely destroyed.",
     [pl("Antakya"), pl("Hatay"), loc("Antakya", "Hatay")]),
    ("2024-05-10", "Sudanese army troops regained control of Omdurman on Thursday.",
     [ac("government_forces"), pl("Omdurman"), ev("government_forces", "capture", "Omdurman"), tm("thursday", "2024-05-09")]),
    ("2024-05-10", "El Fasher, in North Darfur state, has been besieged by the RSF for weeks.",
     [pl("El Fasher"), pl("North Darfur"), ac("rsf"), loc("El Fasher", "North Darfur"), ev("rsf", "attack", "El Fasher")]),
    ("2016-07-15", "A truck drove into crowds in Nice on Thursday night, killing 84 people.",
     [pl("Nice"), tm("thursday", "2016-07-14"), qty(84, "count", "people")]),
    ("2016-07-15", "French President Francois Hollande said the attack was terrorism.",
     [role("Francois Hollande", "president")]),
    ("2018-03-18", "Turkish forces and allied Syrian rebels took full control of Afrin on Sunday.",
     [ac("forces:TR"), ac("insurgents"), pl("Afrin"), ev("forces:TR", "capture", "Afrin"), tm("sunday", "2018-03-18")]),
    ("2018-03-18", "Afrin lies about 40 km north-west of Aleppo.",
     [pl("Afrin"), pl("Aleppo"), dist("Afrin", "Aleppo", 40), qty(40, "km")]),
    ("2021-05-21", "Hamas and Israel agreed to a ceasefire after 11 days of fighting.",
     [ac("hamas"), pl("Israel"), qty(11, "day")]),
    ("2019-11-10", "Bolivian President Evo Morales resigned on Sunday after weeks of protests.",
     [role("Evo Morales", "president"), tm("sunday", "2019-11-10")]),
    ("2019-11-10", "Protesters in La Paz, Bolivia's seat of government, celebrated in the streets.",
     [ac("civilians"), pl("La Paz"), pl("Bolivia")]),
    ("2020-08-05", "The blast in Beirut, the Lebanese capital, killed at least 135 people on Tuesday.",
     [pl("Beirut"), cap("LB", "Beirut"), qty(135, "count", "people"), tm("tuesday", "2020-08-04")]),
    ("2015-11-14", "Gunmen attacked a concert hall in Paris on Friday night, killing 89 people.",
     [ac("insurgents"), pl("Paris"), tm("friday", "2015-11-13"), qty(89, "count", "people")]),
]


def main() -> None:
    seeds_dir = HERE.parent.parent / "seeds"
    with open(HERE / "claims_gold.jsonl", "w", encoding="utf-8") as out:
        for prefix, (published, claims) in SEEDS.items():
            path = next(seeds_dir.glob(f"{prefix}_*.txt"))
            out.write(json.dumps({"id": f"seed-{prefix}", "path": f"seeds/{path.name}",
                                  "published": published, "kinds": SEED_KINDS,
                                  "claims": claims}) + "\n")
        for i, (published, text, claims) in enumerate(OWN):
            out.write(json.dumps({"id": f"own-{i:03d}", "text": text, "published": published,
                                  "kinds": "all", "claims": claims}) + "\n")
    print(f"{len(SEEDS)} seeds, {len(OWN)} sentences")


if __name__ == "__main__":
    main()
