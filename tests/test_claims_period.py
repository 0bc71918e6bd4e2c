"""Claims, period: years, quarters, fiscal years, 当年, spans of five-year plans; English 'in 2019'."""
from __future__ import annotations

import pytest

from tests.claims_helpers import claims_of, only


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2022年第三季度，阿里云的市场份额是36%。", "2022Q3"),
        ("2019财年时，仅上半财年的营收就达到103.7亿元。", "2019"),
        ("2015年6月，项目完成；当年11月，平台支撑了912亿交易额。", "2015"),
        ("2019年3月11日，美团公布，2018全年收入652.27亿元。", "2018"),
        ("截至2017年12月31日，顺丰拥有110家直属分公司。", "2017"),
        # a level at the end of a plan; a flow over it
        ("“十四五”时期，生产总值6.66万亿元。", "2025"),
        ("“十四五”时期，新增经营主体370万户。", "2021-2025"),
        ("2025年工作回顾。过去五年，城镇新增就业603.7万人。", "2021-2025"),
        # 增加值 is a noun, not a flow; a change "to" a figure reaches a level; a flow word after the figure
        ("“十四五”时期，战略性新兴产业占规上工业增加值比重超过25%。", "2025"),
        ("“十四五”时期，跨境电商综试区扩容至7个。", "2025"),
        ("“十四五”时期，71.3万监测对象稳定消除返贫致贫风险。", "2021-2025"),
    ],
)
def test_chinese_periods(text, period):
    assert claims_of(text)[-1]["period"] == period


def test_year_line_heads_a_list():
    assert only("2007\n- 增设3间医学活肤中心")["period"] == "2007"


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        ("The unemployment rate dropped from 6.8% in 2000 to 3.1% in the third quarter of 2007.", ["2000", "2007Q3"]),
        ("As of 2009, 44.9% of labor work in the tourist industry.", ["2009"]),
        ("ELECTRICITY – PRODUCTION: 1.893 billion kWh (2004)", ["2004"]),
        ("In fiscal 2021, revenue was $3 billion.", ["2021"]),
        ("Alibaba Cloud's revenue in 2022 was 77.6 billion yuan.", ["2022"]),
        ("The unemployment rate dropped from 6.8% in 2000 to 3.1% in Qtr 3, 2007.", ["2000", "2007Q3"]),
        ("During the first three quarters of 2007, GDP increases were 31.4%.", ["2007"]),
        # a plain-text table's year column
        ("MOP per USD   Period\n8.01          2000\n7.99          1999", ["2000", "1999"]),
    ],
)
def test_english_periods(text, periods):
    assert [c["period"] for c in claims_of(text, lang="en")] == periods
