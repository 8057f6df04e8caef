"""The static files survive collectstatic with the manifest storage used in production (a vendored
file pointing at a missing source map would make it fail), and the pages name only vendored files."""

import pytest
from django.core.management import call_command
from django.test import override_settings

MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
VENDORED = [
    "vendor/chart.js-4.6.1/chart.umd.min.js",
    "vendor/chartjs-adapter-date-fns-3.0.0/chartjs-adapter-date-fns.bundle.min.js",
    "vendor/leaflet-1.9.4/leaflet.js",
    "vendor/leaflet-1.9.4/leaflet.css",
    "js/timeline.js",
    "js/districts.js",
    "js/provenance.js",
    "css/sitrep.css",
]


def test_collectstatic_with_the_manifest_storage_hashes_every_vendored_file(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST):
        call_command("collectstatic", interactive=False, verbosity=0)
        manifest = (tmp_path / "staticfiles.json").read_text()
    for name in VENDORED:
        assert f'"{name}"' in manifest, name
    # Leaflet's stylesheet points at its images; the manifest rewrote those references to hashed names.
    hashed_css = next(tmp_path.glob("vendor/leaflet-1.9.4/leaflet.*.css"))
    assert "images/layers." in hashed_css.read_text() and "url(images/layers.png)" not in hashed_css.read_text()


@pytest.mark.parametrize("name", [n for n in VENDORED if n.startswith("vendor/")])
def test_vendored_files_name_no_source_map(name):
    from django.conf import settings

    text = (settings.BASE_DIR / "static" / name).read_text(encoding="utf-8")
    assert "sourceMappingURL" not in text


@pytest.mark.parametrize("folder", ["chart.js-4.6.1", "chartjs-adapter-date-fns-3.0.0", "leaflet-1.9.4"])
def test_each_vendored_package_ships_its_licence(folder):
    from django.conf import settings

    assert list((settings.BASE_DIR / "static" / "vendor" / folder).glob("LICENSE*")), folder
