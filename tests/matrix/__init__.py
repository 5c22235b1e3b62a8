"""
Rows of the permission matrix (tests/test_permission_matrix.py), one module per app.

Each module has `MATRIX` (URL name -> rows) and `objects(cast)`, which creates what its URLs need and returns,
for each name a row's `kwargs` may use, the keyword arguments that fill the URL. The vocabulary below keeps rows
short: LOGIN means a redirect to the login page; `members`, `internal` and `nfp_only` give the usual answers of
the seven roles, with overrides.
"""

from dataclasses import dataclass, field

from tests.cast import ROLES

LOGIN = "login"
ADMIN_LOGIN = "admin-login"


def expect(anonymous=LOGIN, nfp=200, own=200, other=200, facilitator=200, donor=200, outsider=404) -> dict:
    return dict(
        anonymous=anonymous, nfp=nfp, own=own, other=other, facilitator=facilitator, donor=donor, outsider=outsider
    )


def members(status=200, **overrides) -> dict:
    """Every member of the process gets `status`."""
    return expect(**{role: status for role in ("nfp", "own", "other", "facilitator", "donor")} | overrides)


def internal(status=200, **overrides) -> dict:
    """Members who see internal work (all but development partners)."""
    return members(status, **{"donor": 403} | overrides)


def nfp_only(status=200, **overrides) -> dict:
    return members(403, **{"nfp": status} | overrides)


class RepeatableUpload:
    """A file the test client can send again and again: each role's POST gets the same bytes (a real uploaded file
    would be read empty from the second role on)."""

    def __init__(self, name="nomination-letter.txt", content=b"The Ministry of Health designates its focal point."):
        self.name = name
        self.content = content

    def read(self, *args):
        return self.content


def everyone(status) -> dict:
    return {role: status for role in ROLES}


@dataclass
class Row:
    kwargs: str  # which objects of the cast fill the URL: see MatrixTests.url_kwargs
    get: dict
    post: dict
    data: dict = field(default_factory=dict)
    label: str = ""
