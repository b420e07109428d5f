"""A synthetic conference of any size, as a proceedings project (conf.py, index.md, data/).

Realistic shapes for the benchmark of issue 7: N contributions with 3–5 authors each, drawn from a
pool of about 2N people in which some authors recur on many papers; abstracts of 150–300 words;
several days with parallel tracks of oral sessions and poster sessions; invited talks with small
real slide PDFs; a few thousand BibTeX references; Unicode names with particles, accents and CJK.
Everything follows from ``--seed`` and ``--size``: the same arguments write the same bytes.

    python benchmarks/generate.py OUT --size 1000 --seed 7

The project passes ``proceedings check`` with 0 errors.
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as dt
import itertools
import math
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bibtexparser
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import yaml
from bibtexparser.model import Entry, Field

from sphinx_proceedings.data.identifiers import orcid_check_digit
from sphinx_proceedings.data.names import near_duplicates, slugify

EVENT_ID = "synconf2025"
EVENT_START = dt.date(2025, 12, 1)
TIMEZONE = "America/Vancouver"
TALK_MINUTES = 15
INVITED_MINUTES = 30
MAX_TALKS_PER_SESSION = 6

# --- vocabularies -------------------------------------------------------------

GIVEN = [
    "Aarav",
    "Abebe",
    "Adaeze",
    "Adrián",
    "Agnieszka",
    "Ahmed",
    "Aiko",
    "Aisha",
    "Alejandro",
    "Aleksandr",
    "Alexandre",
    "Amara",
    "Amélie",
    "Ana",
    "Anders",
    "Andrés",
    "Anh",
    "Anja",
    "Antoine",
    "Arjun",
    "Astrid",
    "Ayşe",
    "Barış",
    "Beatriz",
    "Benedikt",
    "Bjørn",
    "Bogdan",
    "Camille",
    "Carlos",
    "Catalina",
    "Chiara",
    "Chidi",
    "Chloé",
    "Clément",
    "Dagný",
    "Daniela",
    "Darius",
    "Dmitri",
    "Dorothée",
    "Efua",
    "Eirik",
    "Élodie",
    "Emre",
    "Enrique",
    "Eszter",
    "Fatima",
    "Felipe",
    "Fernando",
    "Florian",
    "François",
    "Gabriel",
    "Gaurav",
    "Giulia",
    "Gonzalo",
    "Grzegorz",
    "Guillermo",
    "Gustavo",
    "Hamza",
    "Hannah",
    "Héctor",
    "Helga",
    "Hiroshi",
    "Ibrahim",
    "Ines",
    "Ingrid",
    "Ioana",
    "Isabel",
    "Ivan",
    "Jakub",
    "Jan",
    "Javier",
    "Jérôme",
    "João",
    "Jörg",
    "José",
    "Juan",
    "Julien",
    "Jürgen",
    "Kamal",
    "Karolina",
    "Kateřina",
    "Kenji",
    "Kofi",
    "Krzysztof",
    "Lars",
    "Laura",
    "Leila",
    "Léon",
    "Liam",
    "Lorenzo",
    "Luca",
    "Łukasz",
    "Magnus",
    "Malik",
    "Manon",
    "María",
    "Marek",
    "Margarida",
    "Mateo",
    "Matthias",
    "Mehmet",
    "Mei",
    "Miguel",
    "Mikael",
    "Mina",
    "Mohammed",
    "Nadia",
    "Naveen",
    "Nikolai",
    "Noémie",
    "Nuria",
    "Oğuz",
    "Olga",
    "Oluwaseun",
    "Omar",
    "Pablo",
    "Patricia",
    "Paweł",
    "Pedro",
    "Petra",
    "Pierre",
    "Priya",
    "Rafael",
    "Ramón",
    "Raúl",
    "Renée",
    "Rodrigo",
    "Rui",
    "Saanvi",
    "Salomé",
    "Santiago",
    "Sebastián",
    "Sergio",
    "Shreya",
    "Sigrún",
    "Siobhán",
    "Søren",
    "Stefan",
    "Sven",
    "Takeshi",
    "Tamás",
    "Teresa",
    "Thảo",
    "Thiago",
    "Tomás",
    "Ulrich",
    "Valentina",
    "Vikram",
    "Wojciech",
    "Xavier",
    "Yasmin",
    "Yusuf",
    "Zeynep",
    "Zoë",
    "Zoltán",
]
FAMILY = [
    "Abramović",
    "Adeyemi",
    "Almeida",
    "Andersson",
    "Araújo",
    "Bakker",
    "Baptiste",
    "Bauer",
    "Becker",
    "Benítez",
    "Bergström",
    "Bianchi",
    "Blanco",
    "Bogdanović",
    "Brandt",
    "Carvalho",
    "Castillo",
    "Çelik",
    "Chatterjee",
    "Chukwu",
    "Costa",
    "Cruz",
    "Dąbrowski",
    "Demir",
    "Dubois",
    "Duarte",
    "Eriksson",
    "Fernández",
    "Ferrari",
    "Fischer",
    "Fontaine",
    "Forsberg",
    "García",
    "Gómez",
    "Gonçalves",
    "Grünewald",
    "Gupta",
    "Haddad",
    "Halvorsen",
    "Hansen",
    "Hartmann",
    "Herrera",
    "Hoffmann",
    "Horváth",
    "Ibáñez",
    "Iyer",
    "Jakobsen",
    "Jiménez",
    "Johansson",
    "Kaczmarek",
    "Kahraman",
    "Kapoor",
    "Kim",
    "Kovačević",
    "Kowalski",
    "Krishnan",
    "Kuznetsov",
    "Lambert",
    "Larsen",
    "Laurent",
    "Lefèvre",
    "Lindqvist",
    "López",
    "Łukasiewicz",
    "Mäkinen",
    "Mancini",
    "Marković",
    "Martínez",
    "Meier",
    "Mendoza",
    "Menon",
    "Mercier",
    "Molina",
    "Moreau",
    "Morales",
    "Mukherjee",
    "Müller",
    "Nagy",
    "Navarro",
    "Nguyễn",
    "Nielsen",
    "Nowak",
    "Núñez",
    "Obi",
    "Okafor",
    "Oliveira",
    "Olsen",
    "Ortega",
    "Østergaard",
    "Özdemir",
    "Papadopoulos",
    "Pereira",
    "Petrović",
    "Pham",
    "Quiroga",
    "Ramírez",
    "Rao",
    "Reddy",
    "Ribeiro",
    "Richter",
    "Rodríguez",
    "Romero",
    "Rossi",
    "Roussel",
    "Ruiz",
    "Sánchez",
    "Santos",
    "Schäfer",
    "Schmidt",
    "Schneider",
    "Silva",
    "Simonsen",
    "Sokolov",
    "Srinivasan",
    "Stojanović",
    "Suárez",
    "Svensson",
    "Szabó",
    "Takahashi",
    "Tanaka",
    "Thorsen",
    "Torres",
    "Tran",
    "Urbański",
    "Vargas",
    "Vasquez",
    "Vogel",
    "Volkov",
    "Wagner",
    "Weiß",
    "Wiśniewski",
    "Yamamoto",
    "Yıldız",
    "Zieliński",
]
PARTICLES = ("van", "van der", "de", "de la", "von", "da", "di", "dos", "ter", "del", "le")
PARTICLE_FAMILY = [
    "Merriënboer",
    "Berg",
    "Heuvel",
    "Leeuwen",
    "Vries",
    "Cruz",
    "Fuente",
    "Moreau",
    "Neumann",
    "Humboldt",
    "Silva",
    "Vinci",
    "Santos",
    "Horst",
    "Castillo",
    "Rosario",
    "Bihan",
    "Roux",
    "Meulen",
    "Linden",
]
# (display name, romanisation for the id)
CJK = (
    [
        (f"{family}{given}", f"{family_r} {given_r}")
        for family, family_r in (
            ("王", "wang"),
            ("李", "li"),
            ("张", "zhang"),
            ("刘", "liu"),
            ("陈", "chen"),
            ("杨", "yang"),
        )
        for given, given_r in (
            ("伟", "wei"),
            ("芳", "fang"),
            ("娜", "na"),
            ("敏", "min"),
            ("静", "jing"),
            ("磊", "lei"),
        )
    ]
    + [
        (f"{family}{given}", f"{family_r} {given_r}")
        for family, family_r in (("山田", "yamada"), ("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"))
        for given, given_r in (("太郎", "taro"), ("花子", "hanako"), ("健", "ken"), ("美咲", "misaki"))
    ]
    + [
        (f"{family}{given}", f"{family_r} {given_r}")
        for family, family_r in (("김", "kim"), ("이", "lee"), ("박", "park"), ("최", "choi"))
        for given, given_r in (("민준", "minjun"), ("서연", "seoyeon"), ("지호", "jiho"), ("하은", "haeun"))
    ]
)
SUFFIXES = ("Jr.", "III")
INSTITUTIONS = [
    "Université de Montréal",
    "ETH Zürich",
    "Tsinghua University",
    "東京大学",
    "KAIST",
    "Universidad de Buenos Aires",
    "Technische Universität München",
    "Sorbonne Université",
    "University of Toronto",
    "Indian Institute of Science",
    "Københavns Universitet",
    "Universitat Politècnica de Catalunya",
    "University of Cape Town",
    "Politecnico di Milano",
    "Seoul National University",
    "Carnegie Mellon University",
    "École Polytechnique Fédérale de Lausanne",
    "Universidade de São Paulo",
    "National University of Singapore",
    "Uniwersytet Warszawski",
    "Google DeepMind",
    "Microsoft Research",
    "Meta AI",
    "NVIDIA",
    "Apple",
    "Instituto Superior Técnico",
    "Aalto-yliopisto",
    "Max-Planck-Institut für Intelligente Systeme",
    "University of Lagos",
    "Universidad Nacional Autónoma de México",
]
TOPICS = [
    "reinforcement learning",
    "graph neural networks",
    "probabilistic inference",
    "optimization",
    "language models",
    "computer vision",
    "causal inference",
    "federated learning",
    "robustness",
    "fairness",
    "generative models",
    "kernel methods",
    "Bayesian deep learning",
    "meta-learning",
    "self-supervised learning",
    "theory",
    "time series",
    "neuroscience",
    "privacy",
    "systems for machine learning",
    "quantization",
    "sparse models",
    "diffusion models",
    "multi-agent systems",
    "active learning",
    "continual learning",
    "interpretability",
    "speech",
    "robotics",
    "scientific machine learning",
]
ADJECTIVES = [
    "Scalable",
    "Efficient",
    "Robust",
    "Provable",
    "Sparse",
    "Adaptive",
    "Hierarchical",
    "Differentiable",
    "Stochastic",
    "Implicit",
    "Contrastive",
    "Equivariant",
    "Variational",
    "Federated",
    "Causal",
    "Structured",
    "Neural",
    "Latent",
    "Bayesian",
    "Distributed",
]
NOUNS = [
    "Transformers",
    "Policies",
    "Embeddings",
    "Kernels",
    "Diffusion",
    "Attention",
    "Estimators",
    "Representations",
    "Priors",
    "Optimizers",
    "Networks",
    "Flows",
    "Operators",
    "Graphs",
    "Agents",
    "Samplers",
    "Gradients",
    "Features",
    "Models",
    "Objectives",
]
TASKS = [
    "Long-Horizon Planning",
    "Protein Design",
    "Out-of-Distribution Detection",
    "Few-Shot Classification",
    "Molecular Property Prediction",
    "Dense Retrieval",
    "Weather Forecasting",
    "Code Generation",
    "Video Understanding",
    "Combinatorial Optimization",
    "Tabular Data",
    "Speech Recognition",
    "Offline Control",
    "Image Restoration",
    "Partial Differential Equations",
    "Recommendation",
    "Anomaly Detection",
    "Machine Translation",
]
WORDS = [
    "we",
    "propose",
    "a",
    "method",
    "that",
    "learns",
    "the",
    "structure",
    "of",
    "data",
    "from",
    "few",
    "examples",
    "and",
    "scales",
    "to",
    "large",
    "models",
    "while",
    "keeping",
    "the",
    "cost",
    "of",
    "training",
    "low",
    "our",
    "analysis",
    "shows",
    "that",
    "the",
    "approach",
    "converges",
    "under",
    "mild",
    "assumptions",
    "and",
    "improves",
    "over",
    "strong",
    "baselines",
    "on",
    "standard",
    "benchmarks",
    "experiments",
    "on",
    "synthetic",
    "and",
    "real",
    "datasets",
    "confirm",
    "these",
    "results",
    "and",
    "reveal",
    "when",
    "the",
    "method",
    "fails",
    "in",
    "addition",
    "we",
    "release",
    "code",
    "and",
    "a",
    "new",
    "benchmark",
    "that",
    "measures",
    "generalization",
    "across",
    "tasks",
    "domains",
    "and",
    "scales",
    "the",
    "key",
    "idea",
    "is",
    "to",
    "combine",
    "a",
    "simple",
    "estimator",
    "with",
    "an",
    "adaptive",
    "regularizer",
    "so",
    "that",
    "the",
    "model",
    "remains",
    "stable",
    "when",
    "the",
    "distribution",
    "shifts",
    "over",
    "time",
]
VENUES = [
    "Advances in Neural Information Processing Systems",
    "International Conference on Machine Learning",
    "International Conference on Learning Representations",
    "Conference on Computer Vision and Pattern Recognition",
    "Annual Meeting of the Association for Computational Linguistics",
    "AAAI Conference on Artificial Intelligence",
]
JOURNALS = [
    "Journal of Machine Learning Research",
    "Transactions on Machine Learning Research",
    "Nature Machine Intelligence",
    "IEEE Transactions on Pattern Analysis and Machine Intelligence",
]


# --- the conference ----------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """How large each part of a conference of ``size`` contributions is."""

    size: int
    days: int
    tracks: int
    invited: int
    talks_per_session: int
    references: int

    @classmethod
    def of(cls, size: int) -> Shape:
        days = 2 if size <= 200 else 3 if size <= 2000 else 5
        tracks = 1 if size < 50 else 2 if size < 500 else 4 if size < 2500 else 6
        invited = min(max(2, size // 100), 3 * days)
        oral_sessions = days * 2 * tracks
        talks = math.ceil(max(0.12 * size, oral_sessions) / oral_sessions)
        references = min(max(2 * size, 60), 4000)
        return cls(size, days, tracks, invited, min(talks, MAX_TALKS_PER_SESSION), references)


@dataclass
class Conference:
    """The generated records, as plain dicts in the YAML data format."""

    shape: Shape
    people: list[dict[str, Any]] = field(default_factory=list)
    contributions: list[dict[str, Any]] = field(default_factory=list)
    days: list[dict[str, Any]] = field(default_factory=list)
    event: dict[str, Any] = field(default_factory=dict)
    references: list[Entry] = field(default_factory=list)
    slides: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # file name -> (title, lines)


def generate(size: int, seed: int) -> Conference:
    rng = random.Random(seed)
    conf = Conference(Shape.of(size))
    conf.people = _people(rng, 2 * size)
    _contributions(rng, conf)
    _schedule(rng, conf)
    _event(rng, conf)
    conf.references = _references(rng, conf.shape.references)
    return conf


def _people(rng: random.Random, count: int) -> list[dict[str, Any]]:
    """``count`` people with distinct names that do not read alike (no near-duplicate warnings)."""
    names: dict[str, str] = {}  # display name -> id source
    attempts = 0
    while len(names) < count * 1.15 + 10 and attempts < count * 50:
        attempts += 1
        roll = rng.random()
        if roll < 0.04:
            display, roman = rng.choice(CJK)
            roman = f"{roman} {rng.randrange(1000):03d}"  # romanised ids; many people share a CJK name
            if display in names:
                continue
        elif roll < 0.12:
            display = f"{rng.choice(GIVEN)} {rng.choice(PARTICLES)} {rng.choice(PARTICLE_FAMILY)}"
            roman = display
        elif roll < 0.14:
            display = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {rng.choice(SUFFIXES)}"
            roman = display
        elif roll < 0.30:
            display = f"{rng.choice(GIVEN)} {rng.choice(GIVEN)[0]}. {rng.choice(FAMILY)}"
            roman = display
        else:
            display = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
            roman = display
        names.setdefault(display, roman)
    pool = list(names.items())
    rng.shuffle(pool)
    entries = [(slugify(roman), display) for display, roman in pool]
    entries = list({pid: (pid, display) for pid, display in entries}.values())  # unique ids
    clashing = {b for _, b in near_duplicates(entries)}
    people = []
    for pid, display in entries:
        if pid in clashing:
            continue
        person: dict[str, Any] = {"id": pid, "name": display, "affiliation": rng.choice(INSTITUTIONS)}
        if rng.random() < 0.2:
            person["homepage"] = f"https://people.example.org/{pid}/"
        if rng.random() < 0.1:
            digits = [rng.randrange(10) for _ in range(15)]
            base = "".join(map(str, digits))
            person["orcid"] = "-".join((base + orcid_check_digit(base))[i : i + 4] for i in range(0, 16, 4))
        people.append(person)
        if len(people) == count:
            break
    return people


def _title(rng: random.Random) -> str:
    forms = (
        lambda: f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} for {rng.choice(TASKS)}",
        lambda: f"On the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)[:-1]} of {rng.choice(NOUNS)}",
        lambda: f"{rng.choice(NOUNS)} Meet {rng.choice(NOUNS)}: {rng.choice(ADJECTIVES)} {rng.choice(TASKS)}",
        lambda: f"Towards {rng.choice(ADJECTIVES)} {rng.choice(TASKS)} with {rng.choice(NOUNS)}",
    )
    return rng.choice(forms)()


def _abstract(rng: random.Random) -> str:
    target = rng.randint(150, 300)
    sentences: list[str] = []
    count = 0
    while count < target:
        length = min(rng.randint(12, 28), target - count)
        start = rng.randrange(len(WORDS))
        words = [WORDS[(start + k) % len(WORDS)] for k in range(max(length, 1))]
        if rng.random() < 0.15:
            at = rng.randrange(len(words))
            words[at] = f"*{words[at]}*"
        words[0] = words[0].capitalize()
        sentences.append(" ".join(words) + ".")
        count += length
    paragraphs = [" ".join(sentences[: len(sentences) // 2]), " ".join(sentences[len(sentences) // 2 :])]
    return "\n\n".join(p for p in paragraphs if p)


def _contributions(rng: random.Random, conf: Conference) -> None:
    shape = conf.shape
    ids = [p["id"] for p in conf.people]
    talks = shape.days * 2 * shape.tracks * shape.talks_per_session
    kinds = ["invited-talk"] * shape.invited + ["contributed-talk"] * talks
    kinds += ["poster"] * (shape.size - len(kinds))
    kinds = kinds[: shape.size]
    # Every person authors something once; the remaining seats go to a few prolific authors.
    seats = [1 if kind == "invited-talk" else rng.randint(3, 5) for kind in kinds]
    order = ids[:]
    rng.shuffle(order)
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(ids))))
    prolific = ids[:]
    rng.shuffle(prolific)
    fresh = iter(order)
    for i, (kind, n) in enumerate(zip(kinds, seats, strict=True)):
        authors: list[str] = []
        while len(authors) < n:
            pid = next(fresh, None) if rng.random() < 0.6 else None
            if pid is None:
                pid = rng.choices(prolific, cum_weights=cumulative)[0]
            if pid not in authors:
                authors.append(pid)
        title = _title(rng)
        cid = f"{slugify(title)[:40].rstrip('-')}-{i + 1:05d}"
        record: dict[str, Any] = {"id": cid, "kind": kind, "title": title}
        if kind == "invited-talk":
            record["authors"] = authors
            record["abstract"] = _abstract(rng)
            record["slides"] = f"slides/{cid}.pdf"
            record["video"] = f"https://video.example.org/synconf2025/{cid}"
            conf.slides[f"{cid}.pdf"] = (title, [conf.people[ids.index(authors[0])]["name"], "SynConf 2025"])
            speaker = next(p for p in conf.people if p["id"] == authors[0])
            speaker["bio"] = _abstract(rng).split("\n\n")[0]
        else:
            presenting = rng.randrange(len(authors))
            record["authors"] = [
                {"person": pid, "presenting": True} if j == presenting else pid for j, pid in enumerate(authors)
            ]
            if rng.random() < 0.1:
                record["authors"][-1] = {"person": authors[-1], "affiliation": rng.choice(INSTITUTIONS)}
            record["abstract"] = _abstract(rng)
            record["pdf"] = f"https://papers.example.org/synconf2025/{cid}.pdf"
            if kind == "poster" and rng.random() < 0.3:
                record["poster"] = f"https://papers.example.org/synconf2025/{cid}-poster.pdf"
            if rng.random() < 0.5:
                record["doi"] = f"10.5555/synconf.2025.{i + 1:05d}"
        record["keywords"] = rng.sample(TOPICS, rng.randint(2, 4))
        conf.contributions.append(record)
    # People data lists only people who appear; the rare unused ones of the pool are dropped.
    unused = set(fresh)
    conf.people = [p for p in conf.people if p["id"] not in unused]


def _at(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _plain(sid: str, start: int, end: int, kind: str, title: str) -> dict[str, Any]:
    return {
        "id": sid,
        "title": title,
        "start": _at(start),
        "end": _at(end),
        "slots": [{"start": _at(start), "end": _at(end), "kind": kind, "title": title}],
    }


def _schedule(rng: random.Random, conf: Conference) -> None:
    """Plenary mornings, parallel oral and poster tracks, one session id per track."""
    shape = conf.shape
    by_kind: dict[str, list[str]] = {}
    for c in conf.contributions:
        by_kind.setdefault(c["kind"], []).append(c["id"])
    invited = iter(by_kind.get("invited-talk", []))
    talks = iter(by_kind.get("contributed-talk", []))
    posters = by_kind.get("poster", [])
    poster_sessions = shape.days * shape.tracks
    per_poster_session = math.ceil(len(posters) / poster_sessions) if posters else 0
    poster_chunks = iter(posters[i : i + per_poster_session] for i in range(0, len(posters), per_poster_session or 1))
    ids = [p["id"] for p in conf.people]
    invited_per_day = math.ceil(shape.invited / shape.days)
    letters = "ABCDEFGH"
    for d in range(shape.days):
        n = d + 1
        sessions: list[dict[str, Any]] = []
        clock = 9 * 60
        if d == 0:
            sessions.append(_plain(f"d{n}-opening", 8 * 60 + 30, 9 * 60, "opening", "Opening remarks"))
        slots = []
        for _ in range(invited_per_day):
            cid = next(invited, None)
            if cid is None:
                break
            slots.append({"start": _at(clock), "end": _at(clock + INVITED_MINUTES), "contributions": [cid]})
            clock += INVITED_MINUTES
        if slots:
            sessions.append(
                {
                    "id": f"d{n}-invited",
                    "title": f"Invited talks, day {n}",
                    "chairs": [rng.choice(ids)],
                    "start": slots[0]["start"],
                    "end": slots[-1]["end"],
                    "slots": slots,
                }
            )
        clock = max(clock, 10 * 60)
        sessions.append(_plain(f"d{n}-coffee-am", clock, clock + 30, "break", "Coffee break"))
        clock += 30
        for part, label in (("am", "Oral session"), ("posters", "Poster session"), ("pm", "Oral session")):
            if part == "posters":
                sessions.append(_plain(f"d{n}-lunch", clock, clock + 90, "meal", "Lunch"))
                clock += 90
            length = 120 if part == "posters" else shape.talks_per_session * TALK_MINUTES
            for t in range(shape.tracks):
                topic = TOPICS[(d * 2 * shape.tracks + t + (part == "pm") * shape.tracks) % len(TOPICS)]
                track = letters[t]
                sid = f"d{n}-{part}-{track.lower()}"
                title = f"{label} {n}{track}: {topic[0].upper()}{topic[1:]}"
                if part == "posters":
                    chunk = next(poster_chunks, [])
                    if not chunk:
                        continue
                    session_slots = [
                        {"start": _at(clock), "end": _at(clock + length), "kind": "posters", "contributions": chunk}
                    ]
                else:
                    session_slots = []
                    for k in range(shape.talks_per_session):
                        cid = next(talks, None)
                        if cid is None:
                            break
                        begin = clock + k * TALK_MINUTES
                        session_slots.append(
                            {"start": _at(begin), "end": _at(begin + TALK_MINUTES), "contributions": [cid]}
                        )
                    if not session_slots:
                        continue
                session: dict[str, Any] = {"id": sid, "title": title}
                if part != "posters":
                    session["chairs"] = [rng.choice(ids)]
                session.update({"start": _at(clock), "end": _at(clock + length), "slots": session_slots})
                sessions.append(session)
            clock += length
            if part == "am":
                continue
            if part == "posters":
                sessions.append(_plain(f"d{n}-coffee-pm", clock, clock + 30, "break", "Coffee break"))
                clock += 30
        if d == shape.days - 1:
            sessions.append(_plain(f"d{n}-closing", clock, clock + 30, "closing", "Closing remarks"))
        date = EVENT_START + dt.timedelta(days=d)
        conf.days.append({"date": date, "title": f"Day {n}", "sessions": sessions})


def _event(rng: random.Random, conf: Conference) -> None:
    ids = [p["id"] for p in conf.people]
    chosen = rng.sample(ids, min(len(ids), 8 + max(4, conf.shape.size // 20)))
    affiliation = {p["id"]: p["affiliation"] for p in conf.people}
    roles = ("General chair", "Program chair", "Program chair", "Workshop chair", "Tutorial chair")
    organizers = [
        {"person": pid, "affiliation": affiliation[pid], "role": roles[i] if i < len(roles) else "Organizer"}
        for i, pid in enumerate(chosen[:8])
    ]
    committee = [{"person": pid, "affiliation": affiliation[pid], "role": "Area chair"} for pid in chosen[8:]]
    end = EVENT_START + dt.timedelta(days=conf.shape.days - 1)
    conf.event = {
        "id": EVENT_ID,
        "title": "Conference on Synthetic Neural Information Systems 2025",
        "short_title": "SynConf 2025",
        "series": "SynConf",
        "venue": "Vancouver Convention Centre",
        "location": "Vancouver, Canada",
        "start": EVENT_START,
        "end": end,
        "timezone": TIMEZONE,
        "url": "https://synconf.example.org/2025/",
        "description": (
            "SynConf is a synthetic conference, generated for benchmarks: "
            f"{conf.shape.size} contributions over {conf.shape.days} days in {conf.shape.tracks} parallel "
            "tracks, with *invited talks*, oral sessions and poster sessions."
        ),
        "organizers": organizers,
        "committee": committee,
        "call_for_papers": {
            "intro": "We invite submissions on all aspects of machine learning.",
            "topics": TOPICS,
            "submission_url": "https://openreview.example.org/group?id=SynConf/2025",
            "important_dates": [
                {"label": "Abstract submission", "date": dt.date(2025, 5, 11)},
                {"label": "Full paper submission", "date": dt.date(2025, 5, 15), "time": "11.59pm AoE"},
                {"label": "Author notification", "date": dt.date(2025, 9, 18)},
                {"label": "Camera-ready", "date": dt.date(2025, 10, 23)},
                {"label": "Conference", "date": EVENT_START},
            ],
        },
        "contact": "program-chairs@synconf.example.org",
    }


def _bib_name(rng: random.Random) -> str:
    if rng.random() < 0.1:
        return f"{rng.choice(PARTICLES)} {rng.choice(PARTICLE_FAMILY)}, {rng.choice(GIVEN)}"
    if rng.random() < 0.05:
        return "{" + rng.choice(CJK)[0] + "}"
    return f"{rng.choice(FAMILY)}, {rng.choice(GIVEN)}"


def _references(rng: random.Random, count: int) -> list[Entry]:
    entries = []
    for i in range(count):
        authors = " and ".join(_bib_name(rng) for _ in range(rng.randint(1, 6)))
        year = str(rng.randint(1995, 2025))
        first = slugify(authors.split(",")[0].split()[-1]) or "anon"
        key = f"{first}{year}-{i:04d}"
        fields = [Field("author", authors), Field("title", "{" + _title(rng) + "}"), Field("year", year)]
        if rng.random() < 0.6:
            entry_type = "inproceedings"
            fields.append(Field("booktitle", rng.choice(VENUES)))
        else:
            entry_type = "article"
            fields += [Field("journal", rng.choice(JOURNALS)), Field("volume", str(rng.randint(1, 40)))]
        if rng.random() < 0.4:
            eprint = f"{rng.randint(15, 25):02d}{rng.randint(1, 12):02d}.{rng.randint(0, 99999):05d}"
            fields += [Field("eprint", eprint), Field("archiveprefix", "arXiv")]
        if rng.random() < 0.3:
            fields.append(Field("url", f"https://papers.example.org/ref/{key}"))
        entries.append(Entry(entry_type, key, fields))
    return entries


# --- writing -----------------------------------------------------------------

CONF_PY = '''"""A synthetic conference for benchmarks (benchmarks/generate.py --size {size} --seed {seed})."""

project = "SynConf 2025"
author = "The SynConf organizers"
extensions = ["sphinx_proceedings"]
html_theme = "sphinx_book_theme"
html_title = "SynConf 2025"
exclude_patterns = ["_build"]
{suppress}'''

INDEX_MD = """# SynConf 2025

The proceedings of a synthetic conference with {size} contributions, generated for benchmarks.

```{{proc:event-list}}
```

```{{proc:toctree}}
```
"""


class _Dumper(yaml.SafeDumper):
    """Writes shared values out in full: the data format allows no anchors or aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _yaml(path: Path, data: object, header: str) -> None:
    text = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False
    )
    path.write_text(f"# {header}\n{text}", encoding="utf-8")


def write_slides(path: Path, title: str, lines: Sequence[str], pages: int = 3) -> None:
    """A small real PDF: a title slide and a few content slides with text."""
    pdf = pdfium.PdfDocument.new()
    try:
        for number in range(pages):
            page = pdf.new_page(842, 595)
            texts = [title, *lines] if number == 0 else [f"{title} — {number + 1}/{pages}", *lines[:1]]
            for row, text in enumerate(texts):
                obj = pdfium_raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 30.0 if row == 0 else 20.0)
                buffer = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
                pdfium_raw.FPDFText_SetText(obj, ctypes.cast(buffer, ctypes.POINTER(pdfium_raw.FPDF_WCHAR)))
                pdfium_raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 50, 500 - 60 * row)
                pdfium_raw.FPDFPage_InsertObject(page.raw, obj)
            pdfium_raw.FPDFPage_GenerateContent(page.raw)
            page.close()
        pdf.save(path)
    finally:
        pdf.close()


def write_project(out: Path, size: int, seed: int, suppress_schedule: bool = True) -> Conference:
    """Write a project folder (conf.py, index.md, data/) for a conference of ``size`` contributions."""
    conf = generate(size, seed)
    event_dir = out / "data" / EVENT_ID
    (event_dir / "slides").mkdir(parents=True, exist_ok=True)
    header = f"generated by benchmarks/generate.py --size {size} --seed {seed}"
    # The loader compares every timed slot of a day, so parallel tracks read as overlaps
    # (reported to the lead in issue 7); the suppression keeps benchmark logs clean until it knows tracks.
    suppress = 'suppress_warnings = ["proceedings.schedule"]\n' if suppress_schedule else ""
    (out / "conf.py").write_text(CONF_PY.format(size=size, seed=seed, suppress=suppress), encoding="utf-8")
    (out / "index.md").write_text(INDEX_MD.format(size=size), encoding="utf-8")
    _yaml(event_dir / "event.yaml", conf.event, header)
    _yaml(event_dir / "people.yaml", conf.people, header)
    _yaml(event_dir / "contributions.yaml", conf.contributions, header)
    _yaml(event_dir / "schedule.yaml", {"days": conf.days}, header)
    library = bibtexparser.Library(conf.references)
    (event_dir / "references.bib").write_text(f"% {header}\n\n" + bibtexparser.write_string(library), "utf-8")
    for name, (title, lines) in conf.slides.items():
        write_slides(event_dir / "slides" / name, title, lines)
    return conf


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="project folder to write (created)")
    parser.add_argument("--size", type=int, default=100, help="number of contributions (default 100)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument(
        "--no-suppress", action="store_true", help="do not suppress proceedings.schedule warnings in conf.py"
    )
    args = parser.parse_args(argv)
    if args.size < 5:
        parser.error("--size must be at least 5")
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} exists and is not empty")
    conf = write_project(args.out, args.size, args.seed, suppress_schedule=not args.no_suppress)
    shape = conf.shape
    print(
        f"{args.out}: {shape.size} contributions, {len(conf.people)} people, {shape.days} days x "
        f"{shape.tracks} tracks, {shape.invited} invited talks, {len(conf.references)} references",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
