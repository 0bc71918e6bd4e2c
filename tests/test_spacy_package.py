"""A pipeline saved by `zhpipe export-pipeline` loads with `spacy.load` in a fresh process (through zhpipe's entry
points) and gives the same entities and claims as `pipeline.load`; `spacy package` accepts the folder."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import pipeline
from pipeline.cli import main
from pipeline.normalise import normalise

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = {"zh": ROOT / "corpus" / "aliyun.txt", "en": ROOT / "corpus" / "alibaba-cloud-en.txt"}

# run in a fresh interpreter: it never imports `pipeline` itself, spaCy does through the entry points
FRESH = """
import json, sys
assert "pipeline" not in sys.modules
import spacy
out = {}
for lang, path, text in json.load(sys.stdin):
    nlp = spacy.load(path)
    doc = nlp(text)
    out[lang] = {"pipe_names": nlp.pipe_names, "ents": [[e.start_char, e.end_char, e.label_] for e in doc.ents],
                 "claims": doc.user_data.get("claims", [])}
print(json.dumps(out, ensure_ascii=False, default=str))
"""


def annotations(nlp, text: str) -> dict:
    doc = nlp(text)
    found = {"pipe_names": nlp.pipe_names, "ents": [[e.start_char, e.end_char, e.label_] for e in doc.ents],
             "claims": doc.user_data.get("claims", [])}
    return json.loads(json.dumps(found, ensure_ascii=False, default=str))


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("exported")
    out = {}
    for lang in SAMPLES:
        out[lang] = base / lang
        result = CliRunner().invoke(main, ["export-pipeline", str(out[lang]), "--lang", lang])
        assert result.exit_code == 0, result.output
    return out


def test_export_writes_a_spacy_pipeline_with_package_meta(exported):
    meta = json.loads((exported["zh"] / "meta.json").read_text(encoding="utf-8"))
    assert (meta["lang"], meta["name"], meta["version"]) == ("zh", "zhpipe", pipeline.__version__)
    assert meta["pipeline"] == ["zhpipe_bounded_sentences_v1", "zhpipe_entities_v1", "zhpipe_claims_v1"]
    assert f"zhpipe>={pipeline.__version__}" in meta["requirements"]
    assert '@tokenizers = "zhpipe.JiebaTokenizer.v1"' in (exported["zh"] / "config.cfg").read_text(encoding="utf-8")


def test_export_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["export-pipeline", str(tmp_path)])
    assert result.exit_code != 0
    assert "not an empty folder" in result.output
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_spacy_load_in_a_fresh_process_gives_what_pipeline_load_gives(exported, tmp_path):
    texts = {lang: normalise(path.read_text(encoding="utf-8"), convert=lang == "zh").text
             for lang, path in SAMPLES.items()}
    job = [[lang, str(exported[lang]), texts[lang]] for lang in SAMPLES]
    proc = subprocess.run([sys.executable, "-c", FRESH], input=json.dumps(job), capture_output=True, text=True,
                          encoding="utf-8", cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    fresh = json.loads(proc.stdout)
    for lang, text in texts.items():
        expected = annotations(pipeline.load(lang), text)
        assert expected["ents"] and expected["claims"], f"the {lang} sample has entities and claims"
        assert fresh[lang] == expected, lang


def test_spacy_package_builds_the_exported_folder(exported, tmp_path):
    import tarfile

    proc = subprocess.run([sys.executable, "-m", "spacy", "package", str(exported["zh"]), str(tmp_path),
                           "--name", "zhpipe", "--version", pipeline.__version__], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    sdist = tmp_path / f"zh_zhpipe-{pipeline.__version__}" / "dist" / f"zh_zhpipe-{pipeline.__version__}.tar.gz"
    with tarfile.open(sdist) as tar:
        names = {Path(n).name for n in tar.getnames()}
        requires = next(tar.extractfile(m).read().decode() for m in tar.getmembers() if m.name.endswith("requires.txt"))
    assert {"config.cfg", "meta.json", "setup.py"} <= names
    assert f"zhpipe>={pipeline.__version__}" in requires
