"""Body rules narrowed after the generalisation audit (issue 10): a how-to step or tip that signs
the reader up for another's service is the story's, not a promo. The lines are our own."""

import pytest

from newsflow.extract import body


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for a free account on the streaming service's site.",  # a how-to step
        "If you just want the film channel, you can sign up for a free 7-day trial.",
        "Some courses are free, but you'll need to sign up for a premium plan for full access.",
        "Subscribe today for more data like this, with much more depth.",  # not "subscribe to"
        "Landing pages, surveys and sign up forms",  # not "sign up for"
        "Residents can sign up for flood alerts at the town hall.",
    ],
)
def test_a_sign_up_for_another_service_is_the_storys(line: str) -> None:
    assert not body._is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Start your day with the Morning Brief. Sign up for the free daily newsletter.",
        "Subscribe To The Monthly Newsletter!",
        "Sign up for our weekly briefing.",
        "Please subscribe to my channel for more videos.",
    ],
)
def test_a_sign_up_for_a_newsletter_or_the_sites_own_is_a_promo(line: str) -> None:
    assert body._is_boilerplate(line)
