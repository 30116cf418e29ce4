"""The follow-your-turn page in a real browser: Debian's chromium, headless, phone-sized.

Open the page from a ticket's QR address, watch the people ahead go down as calls are
made, see the call (and the phone vibrate), in Spanish and Quechua. Screenshots of the
phone pages (360x800) go to docs/screenshots/ through scripts/screenshots.sh.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from support import RunningServer, device_client, login
from support.screenshots import ARTIFACTS, docs_dir

from macturnos.server.db.survey_models import Rating
from macturnos.server.main import PUBLIC_SHUTDOWN_S
from macturnos.server.public.app import create_public_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
PHONE = (360, 800)

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="Debian's chromium and chromium-driver are installed by scripts/setup.sh",
)


@pytest.fixture
def public(ctx) -> Iterator[RunningServer]:  # noqa: ANN001
    srv = RunningServer(ctx, create_public_app(ctx))
    srv.server.config.timeout_graceful_shutdown = PUBLIC_SHUTDOWN_S
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def phone() -> Iterator[webdriver.Chrome]:
    """A headless chromium the size of a cheap phone's screen, driven by chromedriver."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--window-size={PHONE[0]},{PHONE[1]}",
    ):
        options.add_argument(arg)
    # A phone set up in Peru: its browser asks for Spanish.
    options.add_experimental_option("prefs", {"intl.accept_languages": "es-PE,es"})
    # An explicit driver: Selenium Manager would try to download one.
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_window_size(*PHONE)
    yield driver
    driver.quit()


def shoot(driver: webdriver.Chrome, name: str) -> None:
    """Save the page as the README shows it, and as an artifact to look at."""
    for folder in (docs_dir(), ARTIFACTS):
        folder.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(folder / name))


def card_text(driver: webdriver.Chrome) -> str:
    return driver.find_element(By.ID, "card").text


def test_a_phone_follows_its_ticket_to_the_call(server, public, staff, phone):
    kiosk = device_client(server, "kiosk", "K1")
    first = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).json()
    mine = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).json()
    # What the ticket's QR holds.
    phone.get(f"{public.url}/t/{mine['code']}?l=es")
    number = mine["ticket"]["number"]
    assert number in card_text(phone)
    assert "1 persona delante de usted" in card_text(phone)
    # The live channel is up (the script replaced the "reload" hint), and the
    # phone's vibration is recorded instead of shaking the test machine.
    # The card is rewritten by the live channel and the page by the rating's redirect:
    # an element read at that instant is stale, and read again.
    wait = WebDriverWait(phone, 10, ignored_exceptions=(StaleElementReferenceException,))
    wait.until(lambda d: "se actualiza sola" in d.find_element(By.ID, "how").text)
    phone.execute_script("navigator.vibrate = function (p) { window.vibrated = p; return true; };")
    shoot(phone, "citizen-phone-waiting.png")
    page_width = phone.execute_script("return document.documentElement.scrollWidth")
    assert page_width <= PHONE[0], "the page scrolls sideways on a phone"

    staff("ana", "advisor")
    ana = login(server, "ana")
    assert ana.post("/api/v1/modules/2/session").status_code == 200
    assert ana.post("/api/v1/modules/2/call-next").json()["id"] == first["ticket"]["id"]
    wait.until(lambda d: "Nadie delante de usted" in card_text(d))
    ana.post("/api/v1/modules/2/start")
    ana.post("/api/v1/modules/2/finish")
    assert ana.post("/api/v1/modules/2/call-next").json()["id"] == mine["ticket"]["id"]
    wait.until(lambda d: "¡Es su turno!" in card_text(d))
    assert "Acérquese al módulo 2" in card_text(phone)
    assert phone.execute_script("return window.vibrated") is not None
    shoot(phone, "citizen-phone-called.png")

    # After the attention the page asks for a rating: a reason, then a face.
    ana.post("/api/v1/modules/2/start")
    ana.post("/api/v1/modules/2/finish")
    wait.until(lambda d: "¿Cómo le atendimos?" in card_text(d))
    assert phone.execute_script("return document.documentElement.scrollWidth") <= PHONE[0]
    phone.execute_script("document.querySelector('.faces').scrollIntoView({block: 'end'})")
    shoot(phone, "citizen-phone-survey.png")
    phone.find_element(By.CSS_SELECTOR, 'input[name="reason"][value="trato"]').click()
    phone.find_element(By.CSS_SELECTOR, 'button[name="score"][value="4"]').click()
    wait.until(lambda d: "¡Gracias por su calificación!" in card_text(d))
    with server.ctx.db.read() as s:
        rating = s.get(Rating, mine["ticket"]["id"])
        assert rating is not None and (rating.score, rating.reason) == (4, "trato")
    shoot(phone, "citizen-phone-thanks.png")


def test_the_page_in_quechua_and_a_tampered_code(server, public, phone):
    kiosk = device_client(server, "kiosk", "K1")
    mine = kiosk.post("/api/v1/tickets", json={"service": "BN-PAGO"}).json()
    phone.get(f"{public.url}/t/{mine['code']}?l=qu")
    assert "Manam pipas ñawpaqniykipichu" in card_text(phone)
    assert phone.find_element(By.CSS_SELECTOR, "html").get_attribute("lang") == "qu"
    # The language buttons are large enough to touch (>= 48 CSS px).
    for link in phone.find_elements(By.CSS_SELECTOR, "nav a"):
        assert link.size["height"] >= 48 and link.size["width"] >= 48
    shoot(phone, "citizen-phone-quechua.png")
    phone.get(f"{public.url}/t/{mine['code'][:-2]}ZZ")
    assert "no corresponde a un ticket de este centro" in phone.page_source
    shoot(phone, "citizen-phone-invalid.png")
