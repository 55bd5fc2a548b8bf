"""Queries of the home page, the columns, the disclosure section, consultations and 依申请公开."""

from .site import COMMENTS, CONSULTATIONS, DEPARTMENT_DOCUMENTS, DOCUMENTS

CATALOGUE_ROW = '<td class="cell-title">'


# -- home and columns --------------------------------------------------------------------


def test_home_page(measured_get, site):
    html = measured_get("/", warm="/xxgk/")
    assert "<title>示例市人民政府</title>" in html
    assert html.count('<ul class="news-list">') == 2
    assert html.count("次会议的通知</a>") == 12
    assert "通知公告：关于第30次会议的通知" in html
    assert 'alt="党政机关网站标识"' in html
    assert '<ul class="entry-grid">' in html
    assert "<strong>政策解读</strong>" in html


def test_notice_column(measured_get, site):
    html = measured_get(site["notices"].url)
    assert html.count("次会议的通知</a>") == 20
    assert "第 1 / 2 页" in html


def test_notice_column_second_page(measured_get, site):
    html = measured_get(site["notices"].url, page=2)
    assert html.count("次会议的通知</a>") == 10
    assert "第 2 / 2 页" in html


def test_news_item(measured_get, site):
    item = site["news"].get_children().last()
    html = measured_get(item.url)
    assert f"<h1>{item.title}</h1>" in html
    assert '<li><a href="/gzdt/">工作动态</a></li>' in html


def test_generic_column(measured_get, site):
    html = measured_get(site["statutory"].url)
    assert "<h1>法定主动公开内容</h1>" in html
    assert html.count('<li><a href="/xxgk/fdzdgknr/jgzn-') == 12


def test_content_page(measured_get, site):
    content = site["statutory"].get_children().first()
    html = measured_get(content.url)
    assert "<h1>机构职能第1项</h1>" in html
    assert '<li><a href="/xxgk/fdzdgknr/">法定主动公开内容</a></li>' in html


# -- the disclosure section ----------------------------------------------------------------


def test_disclosure_index(measured_get, site):
    html = measured_get(site["disclosure"].url)
    assert "<h1>政府信息公开</h1>" in html
    assert html.count("重点工作的通知</a>") == 10
    assert ">政府信息公开指南</a>" in html
    assert ">政策解读</a>" in html
    assert "查看全部目录" in html


def test_disclosure_guide(measured_get, site):
    html = measured_get(site["guide"].url)
    assert "在线提交政府信息公开申请" in html
    assert "政务公开办公室" in html


def test_catalogue(measured_get, site):
    html = measured_get(site["catalogue"].url)
    assert f"共 <strong>{DOCUMENTS}</strong> 条" in html
    assert html.count(CATALOGUE_ROW) == 20
    assert html.count("信息公开目录</a></li>") == 3


def test_catalogue_one_filter(measured_get, site):
    organisation = site["organisations"][5]
    html = measured_get(site["catalogue"].url, organisation=organisation.pk)
    expected = sum(1 for doc in site["documents"] if doc.organisation_id == organisation.pk)
    assert expected > 1
    assert f"共 <strong>{expected}</strong> 条" in html
    assert html.count(CATALOGUE_ROW) == expected


def test_catalogue_two_filters(measured_get, site):
    subject, genre = site["subjects"][0], site["genres"][0]
    html = measured_get(site["catalogue"].url, subject=subject.pk, genre=genre.pk)
    expected = sum(1 for doc in site["documents"] if doc.subject_id == subject.pk and doc.genre_id == genre.pk)
    assert expected > 1
    assert f"共 <strong>{expected}</strong> 条" in html
    assert "（已选2项）" in html


def test_catalogue_deep_page(measured_get, site):
    html = measured_get(site["catalogue"].url, page=5)
    assert "第 5 / 5 页" in html
    assert html.count(CATALOGUE_ROW) == DOCUMENTS - 80


def test_department_sub_catalogue(measured_get, site):
    department = site["departments"][0]
    html = measured_get(department.url)
    assert f"<h1>{department.title}</h1>" in html
    assert f"共 <strong>{DEPARTMENT_DOCUMENTS}</strong> 条" in html
    assert html.count(CATALOGUE_ROW) == DEPARTMENT_DOCUMENTS
    assert html.count(f">{department.organisation.short_name}</td>") == DEPARTMENT_DOCUMENTS


def test_subject_catalogue(measured_get, site):
    # Subjects are browsed through the catalogue's filter: a top-level subject takes in its children.
    top = site["subjects"][0].parent
    html = measured_get(site["catalogue"].url, subject=top.pk)
    expected = sum(1 for doc in site["documents"] if doc.subject.parent_id == top.pk)
    assert expected > 20
    assert f"共 <strong>{expected}</strong> 条" in html
    assert html.count(CATALOGUE_ROW) == 20


def test_document_page(measured_get, site):
    featured = site["featured"]
    html = measured_get(featured.url)
    assert f"<h1>{featured.title}</h1>" in html
    assert featured.index_number in html
    assert f"<td>{featured.organisation.name}</td>" in html
    assert f"<td>{featured.subject}</td>" in html
    assert html.count('class="file-meta"') == 2
    assert "本文件修改或替代的文件" in html
    assert "被修改：" in html
    assert "一图读懂第1项工作的通知" in html
    assert "公开征求意见情况" in html
    assert "信息公开目录</a></li>" in html


def test_interpretation_column(measured_get, site):
    html = measured_get(site["interpretation_index"].url)
    assert html.count('<span class="tag">') == 20
    assert html.count("局政策解读</a></li>") == 2


def test_interpretation_page(measured_get, site):
    interpretation = site["interpretations"][1]
    html = measured_get(interpretation.url)
    assert f"<h1>{interpretation.title}</h1>" in html
    assert f"解读机构：{interpretation.organisation.name}" in html
    assert html.count("重点工作的通知</a>") == 2


def test_annual_report_list(measured_get, site):
    html = measured_get(site["reports"].url)
    assert html.count("年度</span>") == len(site["annual_reports"])


def test_annual_report_page(measured_get, site):
    report = site["annual_reports"][0]
    html = measured_get(report.url)
    assert f"<h1>{report.title}</h1>" in html
    assert f"报告机关：{report.organisation.name}" in html
    assert "三、收到和处理政府信息公开申请情况" in html


def test_catalogue_rss_feed(measured_get, site):
    body = measured_get(f"{site['catalogue'].url}feed/rss/")
    assert body.count("<item>") == 50
    assert body.count("发布机构：") == 50


def test_catalogue_atom_feed(measured_get, site):
    body = measured_get(f"{site['catalogue'].url}feed/atom/")
    assert body.count("<entry>") == 50


def test_department_feed(measured_get, site):
    body = measured_get(f"{site['departments'][1].url}feed/rss/")
    assert body.count("<item>") == DEPARTMENT_DOCUMENTS


def test_catalogue_csv(measured_get, site):
    body = measured_get(f"{site['catalogue'].url}export/csv/")
    assert len(body.strip().splitlines()) == DOCUMENTS + 1
    assert site["featured"].full_url in body


def test_sitemap(measured_get, site):
    body = measured_get("/sitemap.xml")
    assert body.count("<url>") == site["home"].get_descendants(inclusive=True).live().count()
    assert f"<loc>{site['documents'][0].full_url}</loc>" in body
    assert f"<loc>{site['featured'].full_url}</loc>" in body


# -- consultations -------------------------------------------------------------------------


def test_consultation_list(measured_get, site):
    html = measured_get(site["consultation_index"].url)
    assert html.count('<li class="consultation-item') == 20
    assert "尚未公布意见采纳情况" in html


def test_consultation_list_filtered(measured_get, site):
    html = measured_get(site["consultation_index"].url, status="reported")
    assert html.count('<li class="consultation-item status-reported') == len(range(0, CONSULTATIONS, 4))


def test_consultation_with_its_report(measured_get, site):
    reported = site["reported"]
    html = measured_get(reported.url)
    assert f"<h1>{reported.title}</h1>" in html
    assert f'<td data-count="received">{COMMENTS}</td>' in html
    # Twelve articles and the general comments, each once.
    assert html.count('<tr><th scope="row"><a href="#article-') == 12
    assert html.count("总体意见") == 1
    public = [n for n in range(COMMENTS) if n % 2 == 0 and n % 5 != 3]
    assert html.count('<li class="public-comment">') == len(public)
    assert "与上位法规定不一致。" in html
    assert html.count('class="file-meta"') == 2
    assert "正式发布的文件" in html


def test_open_consultation(measured_get, site):
    html = measured_get(site["open_consultation"].url)
    assert "我要提意见" in html
    assert 'name="body"' in html
    assert html.count('id="article-') == 12


# -- disclosure on request -----------------------------------------------------------------


def test_application_form(measured_get, site):
    organisation = site["organisations"][2]
    html = measured_get("/ysqgk/", to=organisation.pk)
    assert "<h1>政府信息公开申请</h1>" in html
    assert f'<option value="{organisation.pk}" selected>' in html


def test_application_status_form(measured_get, site):
    html = measured_get("/ysqgk/status/")
    assert "<h1>申请办理进度查询</h1>" in html
