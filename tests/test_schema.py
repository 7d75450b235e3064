"""The key declaration (explainer/content/schema.py): the README's tables and schema/*.schema.json follow it, and a real
JSON Schema validator (check-jsonschema) accepts what the build accepts and rejects broken content."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from check_jsonschema import main as check_jsonschema
from click.testing import CliRunner

from explainer.content.schema import (
    DOCUMENTS,
    EVENT,
    Document,
    Key,
    Keys,
    example,
    json_schema,
    readme_table,
    schema_files,
    schema_path,
    update_readme,
)
from explainer.errors import BuildFailed

from .edition_sites import EDITION_FILES, FRENCH_ALPHA, FRENCH_EVENTS, FRENCH_SITE
from .history_sites import write_century_site, write_rome_site
from .language_sites import LANGUAGES, language_files
from .photo_sites import photo_files
from .sites import ALPHA_MD, BASE_FILES, EVENTS_YAML, PROJECT, SITE_YAML, STORY_FILES, read_explainer
from .story_sites import STORIES
from .test_brand import BRAND

BY_NAME = {doc.name: doc for doc in DOCUMENTS}


def front_matter(text: str) -> str:
    """The YAML between a section file's two `---` lines."""
    lines = text.split("\n")
    return "\n".join(lines[1 : lines.index("---", 1)]) + "\n"


def documents(root: Path) -> dict[str, list[tuple[str, str]]]:
    """The content of the explainer under `root`, by the schema that checks it: (a name for the file, its YAML)."""
    found: dict[str, list[tuple[str, str]]] = {doc.name: [] for doc in DOCUMENTS}
    found["site"].append(("site.yaml", (root / "site.yaml").read_text(encoding="utf-8")))
    for path in sorted((root / "content").glob("*.md")):
        found["section"].append((path.stem + ".front.yaml", front_matter(path.read_text(encoding="utf-8"))))
    for name in ("events", "updates", "media"):
        path = root / "content" / f"{name}.yaml"
        if path.is_file():
            found[name].append((f"{name}.yaml", path.read_text(encoding="utf-8")))
    for folder in sorted(p for p in (root / "content").iterdir() if p.is_dir() and p.name != "media"):  # editions
        for path in sorted(folder.glob("*.md")):
            found["edition-section"].append(
                (f"{folder.name}-{path.stem}.front.yaml", front_matter(path.read_text(encoding="utf-8")))
            )
        for name in ("site", "events"):
            path = folder / f"{name}.yaml"
            if path.is_file():
                found[f"edition-{name}"].append((f"{folder.name}-{name}.yaml", path.read_text(encoding="utf-8")))
    return found


def validate(doc: Document, files: list[Path]) -> tuple[int, str]:
    """Run check-jsonschema with the project's schema for `doc` on `files`: its exit status and what it printed."""
    result = CliRunner().invoke(check_jsonschema, ["--schemafile", str(PROJECT / schema_path(doc)), *map(str, files)])
    return result.exit_code, result.output


def write_all(folder: Path, named: list[tuple[str, str]]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in named:
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name, _ in named]


# The declaration and what is generated from it ------------------------------------------------------------------


def test_the_readme_tables_are_generated_from_the_declaration():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert update_readme(readme) == readme, (
        "the README's key tables differ from explainer/content/schema.py: run `make schema`"
    )
    for doc in DOCUMENTS:
        assert f"<!-- schema:{doc.name} -->\n{readme_table(doc)}<!-- /schema -->" in readme


def test_the_schema_files_are_current():
    for rel, text in schema_files().items():
        assert (PROJECT / rel).read_text(encoding="utf-8") == text, (
            f"{rel} differs from explainer/content/schema.py: run `make schema`"
        )
    assert sorted(p.name for p in (PROJECT / "schema").iterdir()) == sorted(Path(rel).name for rel in schema_files())


def test_the_schema_command_writes_the_files(tmp_path, run_cli):
    status, out, err = run_cli("schema", "--project", str(tmp_path))
    assert (status, err) == (0, "")
    assert out == f"wrote {len(DOCUMENTS)} JSON Schemas into {tmp_path / 'schema'}\n"
    assert {
        p.relative_to(tmp_path).as_posix(): p.read_text(encoding="utf-8") for p in (tmp_path / "schema").iterdir()
    } == schema_files()


def test_the_readme_option_rewrites_only_the_marked_tables(tmp_path, run_cli):
    marked = "".join(
        f"Prose about {doc.name}.\n<!-- schema:{doc.name} -->\n| old |\n<!-- /schema -->\nMore prose.\n"
        for doc in DOCUMENTS
    )
    (tmp_path / "README.md").write_text(marked, encoding="utf-8")
    status, out, err = run_cli("schema", "--readme", "--project", str(tmp_path))
    assert (status, err) == (0, "")
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "".join(
        f"Prose about {doc.name}.\n<!-- schema:{doc.name} -->\n{readme_table(doc)}<!-- /schema -->\nMore prose.\n"
        for doc in DOCUMENTS
    )


def test_the_readme_option_needs_the_markers(tmp_path, run_cli):
    (tmp_path / "README.md").write_text("# A README without tables\n", encoding="utf-8")
    status, out, err = run_cli("schema", "--readme", "--project", str(tmp_path))
    assert status == 1
    assert (
        err
        == f"error: {tmp_path / 'README.md'}: the README has no '<!-- schema:site -->' line for the site.yaml table\n"
    )
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "# A README without tables\n"


def test_the_schema_command_needs_the_project_folder(tmp_path, run_cli):
    status, out, err = run_cli("schema", "--project", str(tmp_path / "absent"))
    assert (status, out) == (1, "")
    assert err == f"error: {tmp_path / 'absent'} is not a folder; name the explainer's folder with --project\n"
    assert not (tmp_path / "absent").exists()


def test_only_schema_takes_readme(run_cli):
    with pytest.raises(SystemExit) as info:
        run_cli("check", "--readme")
    assert info.value.code == 2


def test_the_schema_files_are_deterministic():
    assert schema_files() == schema_files()
    for doc in DOCUMENTS:
        assert json.loads(json_schema(doc))["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def all_keys(keys: Keys, prefix: str = "") -> list[tuple[str, Key]]:
    found = []
    for key in keys.keys:
        found.append((prefix + key.name, key))
        if key.keys is not None:
            found.extend(all_keys(key.keys, f"{prefix}{key.name}."))
    return found


def test_every_key_has_help_and_an_example_its_schema_accepts():
    for doc in DOCUMENTS:
        schema = json.loads(json_schema(doc))
        jsonschema.Draft202012Validator.check_schema(schema)
        for name, key in all_keys(doc.keys):
            assert key.help.strip() and "\n" not in key.help, name
            prop = _property_schema(schema, name)
            assert prop["description"] == prop["markdownDescription"] == key.help
            assert prop["examples"] == [example(key)]
            jsonschema.Draft202012Validator(prop, format_checker=jsonschema.FormatChecker()).validate(example(key))
            if key.default is not None:
                jsonschema.Draft202012Validator(prop).validate(key.default)
                assert prop["default"] == key.default


def _property_schema(schema: dict, dotted: str) -> dict:
    node = schema
    for part in dotted.split("."):
        if node.get("type") == "array" or "array" in node.get("type", []):
            node = node["items"]
        node = node["properties"][part]
    return node


def test_every_schema_is_a_valid_2020_12_schema_for_check_jsonschema():
    for doc in DOCUMENTS:
        result = CliRunner().invoke(check_jsonschema, ["--check-metaschema", str(PROJECT / schema_path(doc))])
        assert (result.exit_code, result.output) == (0, "ok -- validation done\n"), doc.name


# The shipped content, broken copies of it, and every test site ----------------------------------------------------


MODELINE = "# yaml-language-server: $schema="


def named_schemas(root: Path) -> dict[str, Path]:
    """Each YAML file of the explainer under `root` (by schema name) and the schema its first line names, resolved as an editor does."""
    found = {}
    for doc in DOCUMENTS:
        path = root / ("site.yaml" if doc.name == "site" else f"content/{doc.name}.yaml")
        if doc.name != "section" and path.exists():
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            assert first.startswith(MODELINE), f"{path} does not start with '{MODELINE}…'"
            found[doc.name] = (path.parent / first.removeprefix(MODELINE)).resolve()
    return found


def test_the_shipped_yaml_files_name_their_schema():
    named = named_schemas(PROJECT)
    assert {"site", "events", "updates"} <= set(named)
    assert named == {name: (PROJECT / schema_path(BY_NAME[name])).resolve() for name in named}


def test_the_starter_carries_its_schemas_and_its_files_name_them(tmp_path, run_cli):
    assert run_cli("new", str(tmp_path / "next"))[0] == 0
    root = tmp_path / "next"
    assert {rel: (root / rel).read_text(encoding="utf-8") for rel in schema_files()} == schema_files()
    named = named_schemas(root)
    assert set(named) == {"site", "events", "updates"}
    for name, schema in named.items():
        assert schema == (root / schema_path(BY_NAME[name])).resolve()
        path = root / ("site.yaml" if name == "site" else f"content/{name}.yaml")
        result = CliRunner().invoke(check_jsonschema, ["--schemafile", str(schema), str(path)])
        assert (result.exit_code, result.output) == (0, "ok -- validation done\n"), name
    sections = write_all(tmp_path / "front", documents(root)["section"])
    assert len(sections) == 2 and validate(BY_NAME["section"], sections) == (0, "ok -- validation done\n")


def test_the_check_jsonschema_command_accepts_site_yaml():
    """The command an editor runs, as the README gives it."""
    command = [
        str(Path(sys.executable).parent / "check-jsonschema"),
        "--schemafile",
        "schema/site.schema.json",
        "site.yaml",
    ]
    run = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True)
    assert (run.returncode, run.stdout) == (0, "ok -- validation done\n"), run.stdout + run.stderr


def test_check_jsonschema_accepts_the_shipped_content(tmp_path):
    """Each shipped file as it is; the section files' front matter extracted as YAML."""
    for doc in DOCUMENTS:
        if doc.name == "section":
            files = write_all(tmp_path, documents(PROJECT)["section"])
        else:
            files = [
                path
                for path in (PROJECT / ("site.yaml" if doc.name == "site" else f"content/{doc.name}.yaml"),)
                if path.exists()
            ]
        if files:
            assert validate(doc, files) == (0, "ok -- validation done\n"), doc.name


def _first(keys: Keys, data: object, kinds: tuple[str, ...]) -> tuple[dict, str] | None:
    """The first mapping within `data` and its key of one of `kinds`, found by the declaration."""
    if isinstance(data, list):
        return next((found for item in data if (found := _first(keys, item, kinds))), None)
    if not isinstance(data, dict):
        return None
    for key in keys.keys:
        if key.name in data and key.kind in kinds and not (key.kind == "text" and (key.pattern or key.choices)):
            return data, key.name
    for key in keys.keys:
        if key.keys is not None and key.name in data and (found := _first(key.keys, data[key.name], kinds)):
            return found
    return None


def broken_copies(doc: Document, text: str) -> dict[str, tuple[dict, str]]:
    """Copies of a valid file, each with one mistake, by the mistake: (the broken data, what the validator says)."""
    data = yaml.safe_load(text)
    copies = {}
    for mistake, kinds, value, says in (
        ("misspelled-key", ("text", "id", "date", "partial-date"), None, "Additional properties are not allowed"),
        ("wrong-type", ("text",), {"a": "mapping"}, "is not of type"),
        ("bad-date", ("date", "partial-date"), "April 2021", "does not match"),
        ("bad-id", ("id",), "Not An Id", "does not match '^[a-z0-9]+(?:-[a-z0-9]+)*$'"),
    ):
        broken = copy.deepcopy(data)
        found = _first(doc.keys, broken, kinds)
        if found is None:
            continue
        mapping, key = found
        if value is None:
            mapping[key + key[-1]] = mapping.pop(key)  # `title` written `titlee`
            says += f" ('{key + key[-1]}' was unexpected)"
        else:
            mapping[key] = value
        copies[mistake] = (broken, says)
    return copies


def content_bases(tmp_path: Path) -> dict[str, str]:
    """A valid file for each schema: the shipped one, or else the photo or edition test site's (the shipped explainer has neither)."""
    shipped = {name: named[0][1] for name, named in documents(PROJECT).items() if named}
    photos = documents(write_content(tmp_path / "photos", photo_files()))
    editions = documents(write_content(tmp_path / "editions", EVERY_EDITION_KEY))
    return {doc.name: shipped.get(doc.name) or (photos[doc.name] or editions[doc.name])[0][1] for doc in DOCUMENTS}


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[doc.name for doc in DOCUMENTS])
def test_check_jsonschema_rejects_broken_copies(doc, tmp_path):
    copies = broken_copies(doc, content_bases(tmp_path)[doc.name])
    kinds = {key.kind for _, key in all_keys(doc.keys)}
    expected = (
        {"misspelled-key", "wrong-type"}
        | ({"bad-date"} if kinds & {"date", "partial-date"} else set())
        | ({"bad-id"} if "id" in kinds else set())
    )
    assert set(copies) == expected
    for mistake, (data, says) in copies.items():
        path = tmp_path / f"{mistake}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        status, output = validate(doc, [path])
        assert status == 1, (mistake, output)
        assert says in output, (mistake, output)


def test_the_broken_copies_are_valid_before_they_are_broken(tmp_path):
    """The mutations above start from files the validator accepts once written back the same way."""
    for doc in DOCUMENTS:
        data = yaml.safe_load(content_bases(tmp_path)[doc.name])
        path = tmp_path / f"{doc.name}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        assert validate(doc, [path]) == (0, "ok -- validation done\n"), doc.name


def write_content(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """The base test site plus `files`, as tests/sites.py merges them, without templates and static (the content is what is read here)."""
    for rel, data in {**BASE_FILES, **files}.items():
        if data is not None:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root


# The keys no other test site uses: a brand with its files, interface strings with plural forms, a framed map, a straight route.
EVERY_KEY = {
    "site.yaml": SITE_YAML
    + """\
map:
  extent: [60, 25, 80, 40]
  projection: equal-area
  detail_inset: false
routes:
  - id: road
    label: The road
    theme: alpha
    places: [islamabad, kabul]
    line: straight
"""
    + BRAND
    + """\
strings:
  Contents: In this explainer
  "{n} event shown":
    one: "{n} item"
    other: "{n} items"
""",
    "content/alpha.md": ALPHA_MD.replace(
        "places: [islamabad]\n", "places: [islamabad]\nnote: A note under the section.\nsummary:\n"
    ),
    "static/images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 30"/>\n',
    "static/fonts/IslandSans.woff2": b"wOF2",
    "static/fonts/IslandSerif.woff2": b"wOF2",
}


# An English site with French and Urdu editions, and every key an edition's files may give.
EVERY_EDITION_KEY = {
    **EDITION_FILES,
    "site.yaml": f"{EDITION_FILES['site.yaml']}"
    + """routes:
  - id: road
    label: The road
    theme: alpha
    places: [islamabad, kabul]
people:
  - id: sela
    name: Sela Vake
    role: Volcanologist
    description: Measured the plume.
""",
    "content/fr/site.yaml": FRENCH_SITE
    + """source:
  name: Un article de test
  description: Écrit pour les tests.
routes:
  - id: road
    label: La route
people:
  - id: sela
    name: Sela Vake
    role: Volcanologue
    description: A mesuré le panache.
strings:
  Contents: Sommaire
""",
    "content/fr/alpha.md": FRENCH_ALPHA.replace(
        "theme: alpha\n", "theme: alpha\nnote: Une note.\nplaces: [islamabad]\npeople: []\ntranslates: 0123456789ab\n"
    ),
    "content/fr/events.yaml": FRENCH_EVENTS.replace("    title:", "    translates: 0123456789ab\n    title:"),
}


def every_test_site(tmp_path: Path) -> dict[str, Path]:
    """Every explainer the tests build (the fixture, the base site, the stories, the photo, language and history sites), written into `tmp_path`."""
    sites = {"fixture": PROJECT / "tests" / "fixture" / "site"}
    files: dict[str, dict[str, str | bytes | None]] = {
        "base": {},
        "every-key": EVERY_KEY,
        "story": {**{name: None for name in BASE_FILES}, **STORY_FILES},
        "photos": photo_files(),
        "editions": EVERY_EDITION_KEY,
        **{f"story-{name}": {**{f: None for f in BASE_FILES}, **story} for name, story in STORIES.items()},
        **{f"language-{language}": language_files(language) for language in LANGUAGES},
    }
    for name, site_files in files.items():
        sites[name] = write_content(tmp_path / name, site_files)
    sites["history-rome"] = write_rome_site(tmp_path / "history-rome")  # EDTF dates: BCE years, ?, ~ and %
    sites["history-century"] = write_century_site(tmp_path / "history-century")  # decades (193X)
    return sites


def used_keys(keys: Keys, data: object, prefix: str) -> set[str]:
    """The declared keys `data` gives, dotted as all_keys names them."""
    if isinstance(data, list):
        return set().union(*(used_keys(keys, item, prefix) for item in data))
    found = set()
    for key in keys.keys:
        if isinstance(data, dict) and key.name in data:
            found.add(prefix + key.name)
            if key.keys is not None:
                found |= used_keys(key.keys, data[key.name], f"{prefix}{key.name}.")
    return found


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        ("site.yaml", "title: Test explainer", "title: 1979"),  # a number is text as written
        (
            "site.yaml",
            "source:\n  name: A test article",
            "source:\n  name: A test article\n  kind:\n  date: 2021",
        ),  # empty, a year alone
        ("site.yaml", "base_url:", "map:\nroutes: []\npeople:\nbase_url:"),  # empty optional mappings and lists
        (
            "content/events.yaml",
            "  - id: one",
            "  - id: 2021\n    approximate:\n    end:",
        ),  # a number as id; empty optional keys
        ("content/events.yaml", "date: 2021-04-06", "date: 2021-04-06T09:30Z"),
        ("content/alpha.md", "places: [islamabad]", "places:\nsummary: true"),
    ],
)
def test_what_the_build_accepts_in_unusual_writing_the_schemas_accept(tmp_path, rel, old, new):
    base = BASE_FILES[rel]
    assert isinstance(base, str) and old in base
    root = write_content(tmp_path / "site", {rel: base.replace(old, new, 1)})
    read_explainer(root)
    for doc_name, named in documents(root).items():
        if named:
            assert validate(BY_NAME[doc_name], write_all(tmp_path / doc_name, named)) == (
                0,
                "ok -- validation done\n",
            ), doc_name


def test_what_the_build_accepts_the_schemas_accept(tmp_path):
    sites = every_test_site(tmp_path / "sites")
    assert len(sites) == 10 + len(LANGUAGES)
    used: set[str] = set()
    for name, root in sites.items():
        try:
            read_explainer(root)
        except BuildFailed as exc:
            pytest.fail(f"the test site {name} does not build: {exc}")
        for doc_name, named in documents(root).items():
            if named:
                files = write_all(tmp_path / "checked" / name / doc_name, named)
                assert validate(BY_NAME[doc_name], files) == (0, "ok -- validation done\n"), (name, doc_name)
                used |= {
                    f"{doc_name}:{key}"
                    for _, text in named
                    for key in used_keys(BY_NAME[doc_name].keys, yaml.safe_load(text), "")
                }
    declared = {f"{doc.name}:{name}" for doc in DOCUMENTS for name, _ in all_keys(doc.keys)}
    assert declared - used == set(), "keys no test site gives, so that no check shows the schema accepts them"


def test_the_help_for_an_event_time_gives_an_example_the_build_accepts_and_shows_as_it_says(make_site, run_cli):
    help_text = EVENT["date"].help
    match = re.search(r'`(\d{4}-\d\d-\d\dT[^`]+)` is shown as "([^"]+)"', help_text)
    assert match, help_text
    written, shown = match.groups()
    root = make_site({"content/events.yaml": EVENTS_YAML.replace("2021-04-06", written)})
    status, _, err = run_cli("--project", str(root), "--out", str(root / "_site"))
    assert status == 0, err
    page = (root / "_site" / "index.html").read_text(encoding="utf-8")
    assert f'<time datetime="{written}">{shown}</time>' in page.replace("\u202f", " ")  # CLDR's narrow space before pm
