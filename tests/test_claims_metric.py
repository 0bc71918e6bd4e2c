"""Claims, metric: what a figure measures, from the text; its English from the glossary, else CC-CEDICT."""
from __future__ import annotations

import pytest

from pipeline.claims.metric import metric_english
from tests.claims_helpers import claims_of


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        # the noun after the measure word
        ("长和拥有3,100万名流动电讯客户。", "流动电讯客户"),
        ("卓悦在香港有250间零售店。", "零售店"),
        ("截至2017年顺丰拥有110家直属分公司。", "直属分公司"),
        # the noun phrase before 为/是/达到/超过 or right before the figure
        ("河南生产总值达到6.66万亿元。", "生产总值"),  # 河南: an entity (below)
        ("常住人口城镇化率60%。", "常住人口城镇化率"),
        ("城镇新增就业603.7万人。", "城镇新增就业"),
        ("耕地面积净增212万亩。", "耕地面积"),
        # a transaction's verb
        ("美团融资5亿美元。", "融资"),
        ("长和斥资24.5亿欧元。", "斥资"),
        # a share named after 的
        ("台湾有9成的顾客会自带食材。", "顾客"),
        # a list item's label
        ("- 印尼分店：1间", "印尼分店"),
        # a holdings list
        ("腾讯：20.1363%", "持股"),
        # a count's noun phrase may hold verbs and localisers; it ends on a noun
        ("顺丰拥有5间分拨中心。", "分拨中心"),
        ("顺丰拥有200个中转场。", "中转场"),
        ("集团拥有超过100个独家代理国际品牌。", "独家代理国际品牌"),
        # a name in quotes before the figure
        ("全球“灯塔工厂”3家。", "灯塔工厂"),
        # what the words right before a figure say it is: share prices, exchange ratios
        ("股份收市报72.65元。", "收市价"),
        ("股份最高报74元。", "最高价"),
        ("比亚迪发行价格为每股港币10.95元。", "发行价"),
        ("美团以每股69元定价上市。", "每股"),
        ("电能实业会以1股换取1.04股长江基建股份。", "换股比例"),
        # a verb alone before a figure names it; a verb relating it to another does not
        ("股份全日成交达1.16亿股。", "成交"),
        ("中欧班列累计开行1.7万列。", "中欧班列累计开行"),
        ("事件累计金额高达11亿元人民币。", "事件累计金额"),
        ("顺丰速运比去年高出5.3%。", None),  # a verb relating the figure to another names nothing
        # an average annual change is its own metric
        ("脱贫地区农民收入年均增长7.9%。", "脱贫地区农民收入年均增长"),
        # a stake named right after its share; a transaction verb before its amount
        ("明德控股将持有新公司64.58%股权。", "股权"),
        ("卓悦合共捐了100万予香港红十字会。", "捐款"),
        ("快件丢失只能赔100元。", "赔偿"),
        # the head a measure word counts, not what is done to it (企业 of 家, 学校 of 所, people of any)
        ("实现中原化工、河南建投等12家企业混合所有制改革。", "企业"),
        ("全省改善3000多所乡村学校办学条件。", "乡村学校"),
        ("该厂5名工人因违规被处罚。", "工人"),
        ("据统计有8成的会员自带购物袋入场。", "会员"),
        ("顺丰在全国设有10家客户服务中心。", "客户服务中心"),  # a head that modifies the noun after it stays
        ("全省建成3家化工企业。", "化工企业"),
        # a share: X占Y(的)比重/比例 -> X占Y比重, in points too; 占比/占据/占到 are not 占Y
        ("研发投入占营业收入的比例为8%。", "研发投入占营业收入比例"),
        ("出口占全国的30%。", "出口占全国比重"),
        ("服务业增加值占生产总值比重提高2个百分点。", "服务业增加值占生产总值比重"),
        ("北美洲占据全球52.1%的公有云市场规模。", "公有云市场规模"),
        ("公司共有员工约12万人，其中研发人员占45%。", "研发人员占比"),
        ("公司共有员工约12万人。", "员工"),
        # a milestone is no metric
        ("公司营收首次突破千亿元大关。", "营收"),
        # a short attributive before the counted noun
        ("市场上出现了超过30家类似的网购平台。", "网购平台"),
        # a count named by what it is recognised as
        ("全省8个村被评为全国乡村旅游重点村。", "全国乡村旅游重点村"),
        # a compound measure word's noun; a count of people
        ("美团业务覆盖20个国家。", "国家"),
        ("代表来自30个国家和地区。", "国家"),
        ("全省建成5个国家重点实验室。", "国家重点实验室"),  # 国家 qualifies the noun after it
        ("创立时团队只有8个人。", "人数"),
        # a length measures what is before it, not the verb phrase after it
        ("南水北调干渠450公里全线通水。", "南水北调干渠"),
        # a date between a metric and its figure
        ("自营门店截至2020年底为120家。", "自营门店"),
        # a promotion's price cut
        ("全线产品低至3折发售。", "折扣"),
        # a change of nothing named is the change
        ("今年双方的合作比去年提升了15%。", "提升"),
        # a duration: what lasted (less a generic head)
        ("打破了长达20年的行业垄断局面。", "行业垄断"),
        ("亏损状况扩大超过3倍。", "亏损"),
        # nouns of money jieba tags as verbs
        ("新用户可获得20元返利；", "返利"),
    ],
)
def test_metric_from_the_text(text, metric):
    ents = names_in(text)
    assert claims_of(text, ents)[-1]["metric"] == metric


def names_in(text: str) -> list[tuple[str, str]]:
    """The names of NAMES in ``text``, less those only inside a longer one (香港 in 顺丰香港)."""
    return [(name, label) for name, label in NAMES
            if name in text and not any(name != other and name in other and other in text for other, _ in NAMES)]


NAMES = [("腾讯", "ORG"), ("河南", "LOC"), ("长和", "ORG"), ("卓悦", "ORG"), ("顺丰", "ORG"), ("美团", "ORG"),
         ("台湾", "LOC"), ("香港", "LOC"), ("阿里云", "ORG"),
         ("明德控股", "ORG"), ("王卫", "PER"), ("顺丰香港", "ORG"), ("敦豪", "ORG"), ("香港红十字会", "ORG")]


@pytest.mark.parametrize(
    ("text", "metrics"),
    [
        # a change after another figure measures that figure's change
        ("阿里云营收为776亿，增速为7.2%。", ["营收", "营收增速"]),
        ("顺丰收入达473亿元，按年升23.6%。", ["收入", "收入增长"]),
        # a restatement in brackets measures what its figure measures
        ("长和斥资24.5亿欧元（约222.46亿港元）。", ["斥资", "斥资"]),
        # restatements after slashes share what follows the last one
        ("顺丰香港以7亿欧元/55亿元人民币/62亿港元现金收购敦豪。", ["收购", "收购", "收购"]),
        # shareholders with their stakes in brackets
        ("股东变成明德控股（34.4%），王卫（20%）。", ["持股", "持股"]),
        # a noun followed by a figure of its own is that figure's metric
        ("拥有仓库合计50个面积近30万平方米。", ["仓库", "面积"]),
        # an amount restated in another currency (折合) measures what the first one measures
        ("交易涉资约50亿澳元，折合约280亿港元。", ["交易", "交易"]),
        # a change compared with an earlier figure (较…之…增两成) is that figure's change
        ("盈利5亿元，较去年之4亿元增两成。", ["盈利", "盈利", "盈利增长"]),
    ],
)
def test_metric_carried_within_the_sentence(text, metrics):
    ents = names_in(text)
    assert [c["metric"] for c in claims_of(text, ents)] == metrics


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("In 2011, the unemployment rate dropped to 2.6%.", "unemployment rate"),
        ("The manufacturing sector accounted for about 40% of Macau's GDP.", "share of GDP"),
        ("Hong Kong dollar accounts for 45% of the total deposits in Macau's banks.", "share of total deposits"),
        ("Macau had 84,000 residents.", "residents"),
        ("ELECTRICITY – CONSUMPTION: 1.899 billion kWh", "electricity consumption"),
        ("Total imports for the same period reached US$8.926 billion.", "imports"),
        # a change verb after its noun
        ("Alibaba Cloud revenue rose 7.2% in 2022.", "revenue growth"),
        ("Its economy grew 13.1% a year.", "economic growth"),
        # a preposition after a count does not name what it counts
        ("Macau was a village with a population of about 400 before the Portuguese arrived.", "population"),
        ("The number of imported labours stands at 75,391 (Q2 2007).", "imported labours"),
        # a clause naming nothing: the sentence's first glossary term
        ("Macau's Gini coefficient, a measure of inequality, rises from 0.43 in 1998 to 0.48 in 2006.",
         "Gini coefficient"),
        # a change noun: growth or decline (of an acronym's figure)
        ("During 2007, Macau registered year-on-year GDP increases of 31.4%.", "GDP growth"),
        ("In 2015, the economy saw a sharp decrease (-26.4% year-on-year).", "decline"),
        # the words after a count stop at a bracket: a label names it
        ("ELECTRICITY – CONSUMPTION: 1.899 billion kWh (2004) ELECTRICITY – EXPORTS: 0 kWh (2004)",
         "electricity consumption"),
        # a currency pegged at a rate; a participle next to its figure, by its noun
        ("The lari is pegged to the euro at a rate of 1.95 per euro.", "exchange rate"),
        ("The currency is 100 percent backed by gold reserves.", "backing"),
        ("Public transport is also subsidized by 40%.", "subsidy"),
        # a duration of something; what was held for a duration
        ("The state offers 12 years of free schooling to all children.", "years of free schooling"),
        ("The family had held a salt monopoly for the previous 30 years.", "salt monopoly"),
        # a share of a possessive's count
        ("Over 60% of the city's 50,000 workers were employed in mining.", "share of workers"),
        # a participle or a demonym before the counted noun
        ("There are fifteen other registered banks.", "registered banks"),
        ("The prize was voted by 12,000 French tourism professionals.", "tourism professionals"),
        # a common noun opening the sentence is no name; a possessive holder is left to the subject
        ("Exports rose 12% in 2021.", "exports growth"),
        ("Unemployment fell to 4.5% in 2019.", "unemployment"),
        ("The country's GDP grew by 5.2% in 2023.", "GDP growth"),
        # the glossary's whole term, not its last word
        ("GDP per capita was US$78,000 in 2019.", "GDP per capita"),
        # a unit of measure: what it measures comes after it; a transaction verb names its amount
        ("The port handled 20 million tonnes of cargo in 2020.", "cargo"),
        ("The government spent 2.5 billion on healthcare.", "spending on healthcare"),
        # a plain-text table: the column's header
        ("Rates are given below.\n\n  MOP per USD   Period\n8.01          2000\n7.99          1999", "MOP per USD"),
    ],
)
def test_english_metrics(text, metric):
    assert claims_of(text, lang="en")[0]["metric"] == metric


# letters re.IGNORECASE takes for ASCII ones (ſ, ı, İ) in the glossary's words, a fraction or a quarter used to
# raise KeyError in the table lookups after the match
@pytest.mark.parametrize(
    ("text", "value", "period"),
    [("In 2011, total exportſ were US$1.1 billion.", 1.1e9, "2011"),
     ("In the ſecond quarter of 2007, GDP grew by 12%.", 12.0, "2007Q2"),
     ("More than a thİrd of the ımports came from China in the fİrst quarter of 2010.", None, None)],
)
def test_case_folded_letters_never_break_a_lookup(text, value, period):
    claims = claims_of(text, lang="en")
    if value is not None:
        assert (claims[0]["value"], claims[0]["period"]) == (value, period)


@pytest.mark.parametrize(
    ("term", "english"),
    [("营收", "revenue"), ("营收增速", "revenue growth rate"), ("revenue growth rates", "revenue growth rate"),
     ("城镇化率", "urbanization rate"), ("unemployment rate", "unemployment rate"),
     ("合营公司Wind Tre", "operate jointly company Wind Tre")],  # a Latin name in a metric stays whole
)
def test_metric_english(term, english):
    assert metric_english(term) == english


@pytest.mark.parametrize("term", ["直属分公司", "流动电讯客户", "经营主体", "零售店"])
def test_metric_english_never_empty(term):
    english = metric_english(term)
    assert english and english.isascii()


def test_figures_in_brackets_after_names_take_the_metric_of_the_sentence_before():
    claims = claims_of("The unemployment rate reached 5.1% in 2010. It is higher than in other economies, such as Japan "
                       "(4.2%) and Korea (3.7%).", lang="en")
    assert [c["metric"] for c in claims] == ["unemployment rate"] * 3


def test_a_short_clause_in_a_list_of_like_figures_takes_their_metric():
    claims = claims_of("亚马逊AWS和微软Azure的市场份额分别是40%和21.5%，而排名第三的阿里云，仅有7.7%。",
                       [("亚马逊", "ORG"), ("AWS", "ORG"), ("微软", "ORG"), ("Azure", "ORG"), ("阿里云", "ORG")])
    assert [(c["subject"], c["metric"]) for c in claims][-1] == ("阿里云", "市场份额")
