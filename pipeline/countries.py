"""Chinese names of the world's countries and territories with their English names, from pycountry.

pycountry ships ISO 3166-1 with the Debian iso-codes translations; its ``zh_CN`` catalogue names every
country in simplified Chinese (卡塔尔 Qatar, 阿联酋 United Arab Emirates, 韩国 / 大韩民国 Korea). Both the
short and the official name are keys; the English value is the common name where ISO has one (Iran,
South Korea is "Korea, Republic of" in ISO: its common name is used when given, else the short name).
"""
from __future__ import annotations

import gettext
import re
from functools import lru_cache

_HAN = re.compile(r"^[\u3400-\u9fff·]{2,}$")


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Simplified Chinese name -> English name, for every ISO 3166-1 country and territory."""
    import pycountry

    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    names: dict[str, str] = {}
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        for field in ("common_name", "name", "official_name"):
            source = getattr(country, field, None)
            chinese = catalogue.gettext(source) if source else ""
            if _HAN.match(chinese):
                names.setdefault(chinese, english)
    return names


def country_english(name: str) -> str | None:
    """The English name of a country or territory named in Chinese (卡塔尔 -> Qatar), None otherwise."""
    return country_names().get(name)
