"""The metadata's rewritten XPath finds the node-set of the expression it replaces."""

from __future__ import annotations

import lxml.html
from lxml import etree

from newsflow.extract.metadata import _WITH_DATE_ATTRIBUTE

_WRITTEN_AS = etree.XPath(
    "//body//*[@*[starts-with(name(), 'data-') and (contains(name(), 'date') or "
    "contains(name(), 'publish') or substring(name(), string-length(name()) - 2) = '-dt')]]"
)


def test_elements_with_a_date_attribute_are_the_per_element_xpath_s() -> None:
    page = (
        '<html><head><meta data-date="2024-01-02"></head><body data-published="x">'
        '<div data-date="1" data-updated-date="2" id="a"><span data-deploy-dt="3">s</span>'
        '<span data-dt="7">t</span><span date="no" data-x="no">u</span></div>'
        '<p data-publish-time="4">p</p><p data-first-date="5" data-last-date="6">q</p>'
        "</body></html>"
    )
    tree = lxml.html.document_fromstring(page)
    found = _WITH_DATE_ATTRIBUTE(tree)
    assert found == _WRITTEN_AS(tree)
    assert [e.tag for e in found] == ["div", "span", "span", "p", "p"]  # each once, in order
