import time
import pytest
from tests.browser.conftest import assert_accessible
pytestmark = pytest.mark.browser

def test_axe_catches(page, transactional_db):
    t=time.time()
    from django.core.management import call_command
    call_command("load_demo", verbosity=0)
    print("load_demo", time.time()-t)
    page.set_content('<html><body><img src="x.png"><button></button><input type="text"></body></html>')
    assert_accessible(page)
