"""Fill PostgreSQL with partner-finding data at eTwinning's scale, fast (COPY, not the ORM).

    .venv/bin/python bench/partners_generate.py            # 1,000,000 teachers, 250,000 schools,
                                                           # 100,000 partner requests
    .venv/bin/python bench/partners_generate.py --scale 0.05   # a 5 % sample first

It (re)creates the database named by --database-url (default jumelage_bench; never
point it at a database you care about: it is dropped), migrates it, then loads
schools, teachers (profile, subjects, languages, pupils' ages, school), partner
requests and the search documents, spread over the 33 founding countries with
their languages. Documents are composed with jumelage.search.documents, the same
code the platform indexes with. Foreign-key triggers are off during the load and
the search indexes are built once at the end.
"""

import argparse
import io
import os
import random
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEACHERS, SCHOOLS, REQUESTS = 1_000_000, 250_000, 100_000
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/jumelage_bench"
# Only names that say "benchmark" may be dropped and recreated.
BENCH_NAME = re.compile(r"^(jumelage_bench\w*|jw_\w+_\d+[km])$")

# Rough relative size of each country's eTwinning community.
COUNTRY_WEIGHT = {
    "TR": 20, "IT": 12, "PL": 10, "ES": 10, "RO": 8, "GR": 7, "FR": 7, "DE": 5, "PT": 5,
    "HR": 3, "SK": 3, "CZ": 3, "BG": 3, "MK": 2, "HU": 2, "LT": 2, "LV": 1, "EE": 1, "SI": 1,
    "BE": 2, "NL": 1, "AT": 1, "CH": 1, "SE": 1, "FI": 1, "DK": 1, "NO": 1, "IS": 1, "IE": 1,
    "GB": 1, "LU": 1, "MT": 1, "CY": 1,
}  # fmt: skip
TEXT_LANGUAGE = {"FR": "fr", "BE": "fr", "LU": "fr", "DE": "de", "AT": "de", "CH": "de", "ES": "es"}

TOPICS = [
    # English, French, German, Spanish
    ("theatre", "théâtre", "Theater", "teatro"),
    ("music", "musique", "Musik", "música"),
    ("the environment", "l'environnement", "Umwelt", "el medio ambiente"),
    ("robotics", "la robotique", "Robotik", "la robótica"),
    ("a school newspaper", "un journal scolaire", "eine Schülerzeitung", "un periódico escolar"),
    ("cultural heritage", "le patrimoine", "Kulturerbe", "el patrimonio"),
    ("climate change", "le changement climatique", "Klimawandel", "el cambio climático"),
    ("water", "l'eau", "Wasser", "el agua"),
    ("healthy food", "l'alimentation", "gesunde Ernährung", "la alimentación sana"),
    ("digital citizenship", "la citoyenneté numérique", "digitale Bürgerschaft", "la ciudadanía digital"),
    ("coding", "la programmation", "Programmieren", "la programación"),
    ("storytelling", "les contes", "Geschichten erzählen", "los cuentos"),
    ("sport", "le sport", "Sport", "el deporte"),
    ("painting", "la peinture", "Malerei", "la pintura"),
    ("mathematics games", "les jeux mathématiques", "Mathespiele", "los juegos matemáticos"),
    ("local history", "l'histoire locale", "Heimatgeschichte", "la historia local"),
    ("poetry", "la poésie", "Lyrik", "la poesía"),
    ("photography", "la photographie", "Fotografie", "la fotografía"),
    ("biodiversity", "la biodiversité", "Artenvielfalt", "la biodiversidad"),
    ("recycling", "le recyclage", "Recycling", "el reciclaje"),
    ("European citizenship", "la citoyenneté européenne", "europäische Bürgerschaft", "la ciudadanía europea"),
    ("fairy tales", "les contes de fées", "Märchen", "los cuentos de hadas"),
    ("astronomy", "l'astronomie", "Astronomie", "la astronomía"),
    ("chess", "les échecs", "Schach", "el ajedrez"),
    ("cinema", "le cinéma", "Film", "el cine"),
    ("cooking", "la cuisine", "Kochen", "la cocina"),
    ("gardening", "le jardinage", "Gärtnern", "la jardinería"),
    ("human rights", "les droits de l'homme", "Menschenrechte", "los derechos humanos"),
    ("friendship", "l'amitié", "Freundschaft", "la amistad"),
    ("migration", "les migrations", "Migration", "las migraciones"),
    ("architecture", "l'architecture", "Architektur", "la arquitectura"),
    ("entrepreneurship", "l'esprit d'entreprise", "Unternehmergeist", "el emprendimiento"),
    ("inclusion", "l'inclusion", "Inklusion", "la inclusión"),
    ("renewable energy", "les énergies renouvelables", "erneuerbare Energie", "las energías renovables"),
    ("traditional games", "les jeux traditionnels", "traditionelle Spiele", "los juegos tradicionales"),
    ("comics", "la bande dessinée", "Comics", "el cómic"),
    ("podcasts", "les podcasts", "Podcasts", "los pódcasts"),
    ("the sea", "la mer", "das Meer", "el mar"),
    ("mythology", "la mythologie", "Mythologie", "la mitología"),
    ("bees", "les abeilles", "Bienen", "las abejas"),
]  # fmt: skip
TOPIC_WEIGHTS = [1 / (rank + 1) for rank in range(len(TOPICS))]
LANG_COLUMN = {"en": 0, "fr": 1, "de": 2, "es": 3}

SENTENCES = {
    "en": [
        "I teach {subject} to pupils aged {a} to {b} in {town}.",
        "We would like to work on {t1} and {t2} with a partner school.",
        "My class loves {t1}.",
        "Looking for partners interested in {t1} for next year.",
        "Our school is small and very motivated by {t2}.",
    ],
    "fr": [
        "J'enseigne {subject} à des élèves de {a} à {b} ans à {town}.",
        "Nous aimerions travailler sur {t1} et {t2} avec une école partenaire.",
        "Ma classe adore {t1}.",
        "Notre école cherche des partenaires pour un projet autour de {t1}.",
        "Les élèves sont très motivés par {t2}.",
    ],
    "de": [
        "Ich unterrichte {subject} für Schülerinnen und Schüler von {a} bis {b} Jahren in {town}.",
        "Wir möchten mit einer Partnerschule über {t1} und {t2} arbeiten.",
        "Meine Klasse liebt {t1}.",
        "Unsere Schule sucht Partner für ein Projekt über {t1}.",
    ],
    "es": [
        "Enseño {subject} a alumnos de {a} a {b} años en {town}.",
        "Nos gustaría trabajar sobre {t1} y {t2} con una escuela asociada.",
        "A mi clase le encanta {t1}.",
        "Buscamos socios para un proyecto sobre {t1}.",
    ],
}
TITLES = {
    "en": ["Let's explore {t1} together", "{T1} across Europe", "A year of {t1}"],
    "fr": ["Ensemble autour de {t1}", "{T1} en Europe", "Une année de {t1}"],
    "de": ["Gemeinsam: {t1}", "{T1} in Europa"],
    "es": ["Juntos con {t1}", "{T1} en Europa"],
}
FIRST = [
    "Anna",
    "Marie",
    "Jean",
    "Luca",
    "Sofia",
    "Jonas",
    "Elena",
    "Pierre",
    "Maria",
    "Lukas",
    "Nikos",
    "Ana",
    "Jan",
    "Eva",
    "Mehmet",
    "Ayşe",
    "Ioana",
    "Piotr",
    "Katarzyna",
    "João",
    "Inês",
    "Matteo",
    "Giulia",
    "Léa",
    "Hugo",
    "Lena",
    "Emma",
    "Noah",
    "Zeynep",
    "Mikael",
    "Aino",
    "Sven",
    "Ingrid",
    "Siobhán",
    "Ciarán",
    "Dóra",
    "Tomáš",
    "Žiga",
    "Marta",
    "Jakub",
]
LAST = [
    "Martin",
    "Weber",
    "Rossi",
    "García",
    "Nowak",
    "Papadopoulos",
    "Popescu",
    "Silva",
    "Müller",
    "Dubois",
    "Yılmaz",
    "Horvat",
    "Novák",
    "Nagy",
    "Kowalski",
    "Bernard",
    "Bianchi",
    "López",
    "Petrov",
    "Jensen",
    "Virtanen",
    "Andersson",
    "Murphy",
    "Smith",
    "Borg",
    "Georgiou",
    "Kazlauskas",
    "Bērziņš",
    "Tamm",
    "Janssens",
    "Schmid",
    "Hansen",
    "Jónsson",
    "Dimitrov",
    "Kovačič",
    "Costa",
    "Moreau",
    "Fischer",
    "Ferrari",
    "Fernández",
]
PATRONS = [
    "Jean Moulin",
    "Marie Curie",
    "Victor Hugo",
    "Goethe",
    "Galileo Galilei",
    "Cervantes",
    "Comenius",
    "Erasmus",
    "Maria Montessori",
    "Jules Verne",
    "Leonardo da Vinci",
    "Frédéric Chopin",
    "Hans Christian Andersen",
    "Astrid Lindgren",
    "Atatürk",
    "Mihai Eminescu",
    "Luís de Camões",
    "Nikola Tesla",
    "Sibelius",
    "Selma Lagerlöf",
    "James Joyce",
    "Saint-Exupéry",
    "Albert Camus",
    "Simone Veil",
    "Robert Schuman",
]
SCHOOL_WORD = {"fr": "École", "de": "Schule", "es": "Colegio", "en": "School"}
TOWN_A = [
    "Bel",
    "Mont",
    "Saint",
    "Neu",
    "Alt",
    "Villa",
    "Porto",
    "San",
    "Nova",
    "Ober",
    "Kirch",
    "Grand",
    "Val",
    "Roc",
    "Ber",
    "Lin",
    "Mar",
    "Sol",
    "Cas",
    "Fonte",
]
TOWN_B = [
    "rive",
    "clair",
    "burg",
    "dorf",
    "nova",
    "mar",
    "ville",
    "heim",
    "stadt",
    "polis",
    "bourg",
    "feld",
    "ona",
    "ano",
    "ice",
    "esti",
    "berg",
    "mouth",
    "mont",
    "dal",
]
LEVEL_AGES = {
    "preschool": (3, 5),
    "primary": (6, 11),
    "lower_secondary": (11, 15),
    "upper_secondary": (15, 18),
    "vocational": (15, 19),
}
LEVEL_WEIGHTS = [("preschool", 8), ("primary", 35), ("lower_secondary", 30), ("upper_secondary", 20), ("vocational", 7)]  # fmt: skip
SUBJECT_WEIGHT = {"foreign-languages": 12, "language-literature": 8, "primary-school": 8, "mathematics": 6, "science": 5, "history": 4, "art": 4, "computing": 4, "geography": 3, "music": 3, "pre-school": 3}  # fmt: skip
DURATIONS = ["weeks", "term", "year", "longer"]


def log(message):
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


def esc(value) -> str:
    """A value in PostgreSQL COPY text format."""
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


class Loader:
    """Runs COPY jobs: on the one connection given, or on a pool of connections in threads
    (then PostgreSQL parses, stems and stores while Python keeps generating)."""

    def __init__(self, conn, connect=None, workers=1):
        self.conn, self.connect = conn, connect
        self.pool = ThreadPoolExecutor(workers) if connect and workers > 1 else None
        self.futures = []
        self.local = threading.local()
        self.opened = []

    def _copy(self, sql, data, conn):
        with conn.cursor() as cursor, cursor.copy(sql) as copy:
            copy.write(data)

    def _in_thread(self, sql, data):
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = self.connect()
            conn.autocommit = True
            self.opened.append(conn)
        self._copy(sql, data, conn)

    def submit(self, sql, data):
        if self.pool is None:
            self._copy(sql, data, self.conn)
        else:
            self.futures.append(self.pool.submit(self._in_thread, sql, data))
            for future in [f for f in self.futures if f.done()]:
                future.result()  # raise a failed COPY now
                self.futures.remove(future)
            while len(self.futures) > 40:  # bound the memory held by pending chunks
                self.futures.pop(0).result()

    def wait(self):
        if self.pool is not None:
            for future in self.futures:
                future.result()
            self.pool.shutdown(wait=True)
            for conn in self.opened:
                conn.close()
            self.opened.clear()


class Copier:
    """Buffers rows and hands them to the loader as COPY ... FROM STDIN chunks."""

    def __init__(self, loader, table, columns, chunk=20000):
        self.loader, self.table, self.columns, self.chunk = loader, table, columns, chunk
        self.buffer, self.rows, self.count = io.StringIO(), 0, 0

    def row(self, *values):
        self.buffer.write("\t".join(map(esc, values)))
        self.buffer.write("\n")
        self.rows += 1
        if self.rows >= self.chunk:
            self.flush()

    def flush(self):
        if not self.rows:
            return
        sql = f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN"
        self.loader.submit(sql, self.buffer.getvalue())
        self.count += self.rows
        self.buffer, self.rows = io.StringIO(), 0


def _next_id(cursor, table) -> int:
    cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")  # noqa: S608
    return cursor.fetchone()[0]


LOADED_TABLES = [
    "schools_school",
    "accounts_user",
    "accounts_teacherprofile",
    "schools_schoolmembership",
    "accounts_teacherprofile_subjects",
    "accounts_teacherprofile_languages",
    "accounts_teacherprofile_age_bands",
    "partners_partnerrequest",
    "partners_partnerrequest_subjects",
    "partners_partnerrequest_age_bands",
    "partners_partnerrequest_languages",
    "partners_partnerrequest_wished_countries",
    "search_searchdocument",
]


def drop_secondary_indexes(cursor, tables=LOADED_TABLES) -> list[str]:
    """Drop foreign keys, unique constraints and indexes (not primary keys) of the loaded
    tables; return the statements that recreate them. Building an index once, sorted,
    is many times faster than maintaining it row by row during COPY."""
    restore_constraints, restore_indexes, restore_fks, drop_fks, drop = [], [], [], [], []
    for table in tables:
        cursor.execute(
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = %s::regclass AND contype IN ('u', 'f')",
            [table],
        )
        constraint_names = set()
        for name, kind, definition in cursor.fetchall():
            constraint_names.add(name)
            (drop_fks if kind == "f" else drop).append(
                f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'
            )
            target = restore_fks if kind == "f" else restore_constraints
            target.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x"
            " JOIN pg_class i ON i.oid = x.indexrelid"
            " WHERE x.indrelid = %s::regclass AND NOT x.indisprimary",
            [table],
        )
        for name, definition in cursor.fetchall():
            if name in constraint_names:
                continue
            drop.append(f'DROP INDEX "{name}"')
            restore_indexes.append(definition)
    # Foreign keys first (they may depend on the unique constraints they point to).
    for statement in drop_fks + drop:
        cursor.execute(statement)
    return restore_constraints + restore_indexes + restore_fks


def _reference(cursor):
    cursor.execute(
        "SELECT code, name_en, name_fr, default_language, timezone FROM reference_country"
        " WHERE can_found ORDER BY code"
    )
    countries = {row[0]: row[1:] for row in cursor.fetchall()}
    cursor.execute("SELECT code, name_en, name_fr FROM reference_subject ORDER BY code")
    subjects = {row[0]: row[1:] for row in cursor.fetchall()}
    cursor.execute("SELECT code, name_en, name_fr FROM reference_language ORDER BY code")
    languages = {row[0]: row[1:] for row in cursor.fetchall()}
    cursor.execute("SELECT min_age FROM reference_ageband ORDER BY min_age")
    ages = [row[0] for row in cursor.fetchall()]
    return countries, subjects, languages, ages


# Each school's count of teachers awaiting verification, as schools.services.count_awaiting
# keeps it (COPY sends no signal): the office queue lists the schools where it is not 0.
COUNT_AWAITING = """UPDATE schools_school s SET awaiting_teachers = w.n
    FROM (SELECT sm.school_id, count(*) AS n FROM schools_schoolmembership sm
          JOIN accounts_teacherprofile tp ON tp.user_id = sm.user_id AND tp.status = 'awaiting'
          GROUP BY sm.school_id) w
    WHERE w.school_id = s.id AND s.awaiting_teachers <> w.n"""


def generate(
    conn,
    scale=1.0,
    seed=42,
    progress=log,
    connect=None,
    workers=1,
    password="!",  # noqa: S107
    sizes=None,
) -> dict:
    """Load the data set through `conn` (a psycopg connection to a migrated database).

    With `connect` (a function opening a new connection) and workers > 1, the COPY
    chunks run in parallel on their own connections; `conn`'s index changes are
    committed first so that they see the tables without their indexes. `password` is
    stored for every teacher (a hash made once: bench/platform_generate.py signs them in);
    `sizes` overrides the full-scale (teachers, schools, requests)."""
    from jumelage.search.documents import TeacherDocument
    from jumelage.search.services import level_labels

    rnd = random.Random(seed)
    teachers, schools_, requests_ = sizes or (TEACHERS, SCHOOLS, REQUESTS)
    n_teachers, n_schools = max(10, round(teachers * scale)), max(3, round(schools_ * scale))
    n_requests = max(2, round(requests_ * scale))
    now = datetime.now(UTC)
    cur = conn.cursor()
    cur.execute("SET maintenance_work_mem = '512MB'")
    restore = drop_secondary_indexes(cur)
    loader = Loader(conn, connect, workers)
    if loader.pool is not None:
        conn.commit()
    countries, subjects, languages, ages_known = _reference(cur)
    codes = [c for c in COUNTRY_WEIGHT if c in countries]
    weights = [COUNTRY_WEIGHT[c] for c in codes]
    subject_codes = list(subjects)
    subject_weights = [SUBJECT_WEIGHT.get(s, 1) for s in subject_codes]
    levels = [lv for lv, _ in LEVEL_WEIGHTS]
    level_weights = [w for _, w in LEVEL_WEIGHTS]
    labels_of_level = {lv: level_labels(lv) for lv in levels}
    ages_known = set(ages_known)

    # Schools.
    progress(f"schools: {n_schools}")
    first_school = _next_id(cur, "schools_school")
    schools = []  # (id, country, level, name, town)
    copier = Copier(
        loader,
        "schools_school",
        ["id", "name", "level", "national_id", "national_id_key", "address", "postcode", "town",
         "phone", "email", "head_name", "head_email", "status", "rejection_reason", "verified_at",
         "timezone", "day_start", "day_end", "school_days", "created_at", "country_id"],
    )  # fmt: skip
    school_countries = rnd.choices(codes, weights, k=n_schools)
    for i in range(n_schools):
        sid = first_school + i
        country = school_countries[i]
        level = rnd.choices(levels, level_weights)[0]
        lang = TEXT_LANGUAGE.get(country, "en")
        town = rnd.choice(TOWN_A) + rnd.choice(TOWN_B)
        name = f"{SCHOOL_WORD[lang]} {rnd.choice(PATRONS)} {town}"
        ident = f"B{sid:09d}"
        copier.row(
            sid, name, level, ident, ident, f"{rnd.randint(1, 200)} Main Street", f"{rnd.randint(1000, 99999)}",
            town, "+00 0000 0000", f"school{sid}@bench.example", "Head Teacher", f"head{sid}@bench.example",
            "verified", "", now, countries[country][3] or "Europe/Paris", "08:30", "16:30", "0,1,2,3,4",
            now, country,
        )  # fmt: skip
        schools.append((sid, country, level, name, town))
    copier.flush()
    by_country: dict[str, list] = {}
    for school in schools:
        by_country.setdefault(school[1], []).append(school)

    # Teachers: user, profile, memberships, profile choices; documents kept for later.
    progress(f"teachers: {n_teachers}")
    first_user = _next_id(cur, "accounts_user")
    first_profile = _next_id(cur, "accounts_teacherprofile")
    users = Copier(
        loader,
        "accounts_user",
        ["id", "password", "is_superuser", "email", "display_name", "kind", "language",
         "email_confirmed_at", "must_change_password", "is_active", "is_staff", "date_joined",
         "last_seen_at"],
    )  # fmt: skip
    profiles = Copier(
        loader,
        "accounts_teacherprofile",
        ["id", "status", "photo", "presentation", "email_visible", "findable", "wants_kit",
         "rejection_reason", "verified_at", "user_id"],
    )  # fmt: skip
    members = Copier(loader, "schools_schoolmembership", ["joined_at", "school_id", "user_id"])
    p_subjects = Copier(
        loader, "accounts_teacherprofile_subjects", ["teacherprofile_id", "subject_id"]
    )
    p_languages = Copier(
        loader, "accounts_teacherprofile_languages", ["teacherprofile_id", "language_id"]
    )
    p_ages = Copier(
        loader, "accounts_teacherprofile_age_bands", ["teacherprofile_id", "ageband_id"]
    )
    docs: dict[int, TeacherDocument] = {}
    active: dict[int, datetime] = {}
    verified_authors = []  # (user_id, country, subjects, ages, languages, lang)
    teacher_countries = rnd.choices(codes, weights, k=n_teachers)
    for i in range(n_teachers):
        uid, pid = first_user + i, first_profile + i
        country = teacher_countries[i]
        pool = by_country.get(country) or schools
        school = rnd.choice(pool)
        lang = TEXT_LANGUAGE.get(country, "en")
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        joined = now - timedelta(days=rnd.randint(1, 3000))
        seen = now - timedelta(minutes=int(rnd.expovariate(1 / 40000)))
        users.row(
            uid, password, False, f"t{uid}@bench.example", name, "teacher", lang, joined, False, True,
            False, joined, seen,
        )  # fmt: skip
        status = rnd.choices(["verified", "awaiting", "registered"], [88, 8, 4])[0]
        findable = rnd.random() < 0.9
        low, high = LEVEL_AGES[school[2]]
        a = rnd.randint(low, max(low, high - 1))
        b = min(high, a + rnd.randint(1, 3))
        my_ages = [x for x in range(a, b + 1) if x in ages_known]
        my_subjects = list(
            dict.fromkeys(rnd.choices(subject_codes, subject_weights, k=rnd.randint(1, 3)))
        )
        native = countries[country][2] or "en"
        my_languages = list(dict.fromkeys([native] + (["en"] if rnd.random() < 0.75 else [])
                                          + rnd.sample(["fr", "de", "es", "it"], rnd.randint(0, 2))))  # fmt: skip
        my_languages = [code for code in my_languages if code in languages]
        col = LANG_COLUMN[lang]
        t1, t2 = (TOPICS[k][col] for k in _two(rnd))
        subject_name = subjects[my_subjects[0]][1 if lang == "fr" else 0]
        presentation = " ".join(
            s.format(subject=subject_name, a=a, b=b, town=school[4], t1=t1, t2=t2)
            for s in rnd.sample(SENTENCES[lang], 2 + (i % 2))
        )
        profiles.row(
            pid, status, "", presentation, rnd.random() < 0.3, findable, False, "",
            now if status == "verified" else None, uid,
        )  # fmt: skip
        members.row(joined, school[0], uid)
        for code in my_subjects:
            p_subjects.row(pid, code)
        for code in my_languages:
            p_languages.row(pid, code)
        for age in my_ages:
            p_ages.row(pid, age)
        if status != "verified":
            continue
        verified_authors.append((uid, country, my_subjects, my_ages, my_languages, lang))
        if not findable:
            continue
        doc = TeacherDocument(display_name=name, presentation=presentation)
        doc.school_names.append(school[3])
        doc.places += [school[4], countries[country][0], countries[country][1]]
        doc.labels += labels_of_level[school[2]]
        for code in my_subjects:
            doc.labels += list(subjects[code])
        for code in my_languages:
            doc.labels += list(languages[code])
        doc.countries.add(country)
        doc.subjects.update(my_subjects)
        doc.languages.update(my_languages)
        doc.ages.update(my_ages)
        doc.levels.add(school[2])
        docs[uid] = doc
        active[uid] = seen
        if i % 100000 == 99999:
            progress(f"  {i + 1} teachers")
    for copier in (users, profiles, members, p_subjects, p_languages, p_ages):
        copier.flush()

    # Partner requests.
    progress(f"partner requests: {n_requests}")
    first_request = _next_id(cur, "partners_partnerrequest")
    requests = Copier(
        loader,
        "partners_partnerrequest",
        ["id", "title", "description", "duration", "start_month", "status", "created_at",
         "updated_at", "expires_at", "closed_at", "author_id"],
    )  # fmt: skip
    r_subjects = Copier(
        loader, "partners_partnerrequest_subjects", ["partnerrequest_id", "subject_id"]
    )
    r_ages = Copier(
        loader, "partners_partnerrequest_age_bands", ["partnerrequest_id", "ageband_id"]
    )
    r_languages = Copier(
        loader, "partners_partnerrequest_languages", ["partnerrequest_id", "language_id"]
    )
    r_countries = Copier(
        loader, "partners_partnerrequest_wished_countries", ["partnerrequest_id", "country_id"]
    )
    for i in range(n_requests):
        rid = first_request + i
        uid, country, my_subjects, my_ages, my_languages, lang = rnd.choice(verified_authors)
        col = LANG_COLUMN[lang]
        t1, t2 = (TOPICS[k][col] for k in _two(rnd))
        title = rnd.choice(TITLES[lang]).format(t1=t1, T1=t1[:1].upper() + t1[1:])
        description = " ".join(
            s.format(subject=subjects[my_subjects[0]][0], a=min(my_ages or [10]),
                     b=max(my_ages or [12]), town="", t1=t1, t2=t2)
            for s in rnd.sample(SENTENCES[lang][1:], 2)
        )  # fmt: skip
        created = now - timedelta(days=rnd.randint(0, 200))
        status = rnd.choices(["open", "closed", "expired"], [80, 10, 10])[0]
        expires = (
            created + timedelta(days=90)
            if status != "open"
            else now + timedelta(days=rnd.randint(1, 90))
        )
        start = date(now.year + 1, rnd.choice([1, 3, 9]), 1)
        requests.row(
            rid, title, description, rnd.choice(DURATIONS), start, status, created, created,
            expires, created + timedelta(days=5) if status == "closed" else None, uid,
        )  # fmt: skip
        for code in my_subjects:
            r_subjects.row(rid, code)
        for age in my_ages:
            r_ages.row(rid, age)
        for code in my_languages:
            r_languages.row(rid, code)
        for code in rnd.sample(codes, rnd.randint(0, 3)):
            if code != country:
                r_countries.row(rid, code)
        if status == "open" and uid in docs:
            docs[uid].request_texts += [title, description]
            docs[uid].has_open_request = True
    for copier in (requests, r_subjects, r_ages, r_languages, r_countries):
        copier.flush()

    # Search documents (the generated tsvector is computed by PostgreSQL on insert).
    progress(f"search documents: {len(docs)}")
    documents = Copier(
        loader,
        "search_searchdocument",
        ["user_id", "name", "body", "facets", "active_at", "updated_at"],
        chunk=10000,
    )
    for n, (uid, doc) in enumerate(docs.items()):
        documents.row(uid, doc.name_text(), doc.body_text(), doc.facets_text(), active[uid], now)
        if n % 100000 == 99999:
            progress(f"  {n + 1} documents")
    documents.flush()
    loader.wait()
    # Before the constraints come back: an UPDATE of schools under deferred foreign keys
    # leaves trigger events pending, and platform_generate's ALTER TABLE of the same
    # transaction (the tiny test run) then fails with "pending trigger events".
    cur.execute(COUNT_AWAITING)
    progress(f"indexes and constraints ({len(restore)}, the GIN index among them)")
    for statement in restore:
        cur.execute(statement)
    for table in (
        "schools_school",
        "accounts_user",
        "accounts_teacherprofile",
        "partners_partnerrequest",
    ):
        cur.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608
        )
    return {
        "schools": n_schools,
        "teachers": n_teachers,
        "requests": n_requests,
        "documents": len(docs),
    }


def _two(rnd):
    first = rnd.choices(range(len(TOPICS)), TOPIC_WEIGHTS)[0]
    second = rnd.choices(range(len(TOPICS)), TOPIC_WEIGHTS)[0]
    return first, second


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 1,000,000 teachers")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--workers", type=int, default=3, help="parallel COPY connections")
    args = parser.parse_args(argv)

    import psycopg
    from environ import Env

    cfg = Env.db_url_config(args.database_url)
    name = cfg["NAME"]
    if not BENCH_NAME.match(name):
        parser.error(
            "the benchmark database name must start with jumelage_bench or look like "
            "jw_<name>_1m / jw_<name>_100k (it is dropped)"
        )
    started = time.monotonic()
    admin = {
        "user": cfg.get("USER") or None,
        "host": cfg.get("HOST") or None,
        "port": cfg.get("PORT") or None,
    }
    with psycopg.connect(
        dbname="postgres", autocommit=True, password=cfg.get("PASSWORD") or None, **admin
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    log(f"database {name} created; migrating")
    env = {**os.environ, "DATABASE_URL": args.database_url}
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True, cwd=ROOT
    )
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    import django

    django.setup()
    loading = time.monotonic()
    with psycopg.connect(dbname=name, password=cfg.get("PASSWORD") or None, **admin) as conn:
        counts = generate(
            conn,
            scale=args.scale,
            seed=args.seed,
            connect=lambda: psycopg.connect(
                dbname=name, password=cfg.get("PASSWORD") or None, **admin
            ),
            workers=args.workers,
        )
        conn.commit()
        conn.autocommit = True
        log("VACUUM ANALYZE")
        conn.execute("VACUUM ANALYZE")
    total = time.monotonic() - started
    log(
        f"done: {counts['teachers']:,} teachers, {counts['schools']:,} schools, "
        f"{counts['requests']:,} partner requests, {counts['documents']:,} findable teachers indexed; "
        f"load {time.monotonic() - loading:.0f} s, total {total:.0f} s ({total / 60:.1f} min)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
