"""Fill PostgreSQL with the whole platform at eTwinning's 2025 scale, fast.

    .venv/bin/python bench/platform_generate.py --scale 0.01    # a 1 % sample first
    .venv/bin/python bench/platform_generate.py                 # 1.2 M teachers, 295 k schools,
                                                                # 160 k projects, 3 M pupils...

It (re)creates the database named by --database-url (default jw_scale_full; its name
must contain "scale" or "bench", as it is dropped), migrates it, then:

1. schools, teachers, partner requests and the partner-search documents through
   bench/partners_generate.py (Python composes the texts, COPY loads them);
2. everything else inside PostgreSQL, as INSERT ... SELECT over generate_series: projects
   with memberships (a few teachers in 40 projects each), pupils with their accounts,
   TwinSpace content (pages with revisions, forum topics and replies, blog posts and
   comments, calendar events, chat rooms and messages, folders and materials metadata,
   twinmail threads), notifications, approvals, support staff of the 33 countries, and
   training events with registrations. Generating in the server sends no row over the
   socket: several times faster than COPY from Python on this 2-core box.
   Independent families run in parallel on their own connections (--workers).

Amounts are skewed: a project's activity follows a Pareto law (most projects have a
few pages and topics, some hundreds); project 1 is the biggest. Unique and foreign-key
constraints and indexes of the loaded tables are dropped first and rebuilt once (in
parallel) at the end; then VACUUM ANALYZE. Every account's password is one hash made
once: "bench-password" (bench/pages_at_scale.py signs in with force_login anyway).
"""

import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import partners_generate as partners  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/jw_scale_full"
PASSWORD = "bench-password"
# Full scale (scale 1.0): eTwinning's figures of 2025.
TEACHERS, SCHOOLS, REQUESTS = 1_200_000, 295_000, 120_000
PROJECTS, PUPILS = 160_000, 3_000_000
POWER_TEACHERS, POWER_PROJECTS = 200, 40  # teachers in 40 projects each
TRAINING_EVENTS = 2_000
STAFF_PER_COUNTRY = 3
QUEUE = 10_000  # teachers awaiting verification in the biggest country's office

# Tables loaded here (partners_generate loads and re-indexes its own first).
PLATFORM_TABLES = [
    "accounts_user",
    "projects_project",
    "projects_project_subjects",
    "projects_project_languages",
    "projects_membership",
    "projects_pupilaccount",
    "projects_approval",
    "wiki_page",
    "wiki_revision",
    "forum_topic",
    "forum_post",
    "blog_post",
    "blog_comment",
    "calendar_event",
    "chat_room",
    "chat_message",
    "materials_folder",
    "materials_item",
    "messaging_thread",
    "messaging_participant",
    "messaging_privatemessage",
    "notifications_notification",
    "training_trainingevent",
    "training_registration",
    "network_supportrole",
]

TOPICS = [t[0] for t in partners.TOPICS]
FIRST, LAST = partners.FIRST, partners.LAST
LOREM = (
    "<p>Our pupils worked in international teams on {t}. Each school shared photos, a short "
    "video and a list of questions; the partners answered in English and in their own "
    "language. Next week we compare the results and prepare the final presentation.</p>"
)


def log(message):
    partners.log(message)


def _array(values) -> str:
    """A SQL text array literal of values (no quote inside any of them but doubled)."""
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def sizes(scale: float) -> dict:
    """Row counts for a scale; the biggest project reaches its full size from scale 0.1."""
    big = min(1.0, scale * 10)
    return {
        "projects": max(40, round(PROJECTS * scale)),
        "pupils": max(100, round(PUPILS * scale)),
        "power": max(1, round(POWER_TEACHERS * scale)),
        "big_activity": max(10, round(600 * big)),
        "big_teachers": max(5, round(60 * big)),
        "big_pupils": max(20, round(800 * big)),
        "training": max(3, round(TRAINING_EVENTS * scale)),
        "ambassadors": max(1, round(10 * scale)),
        "queue": max(5, round(QUEUE * big)),
    }


def queue_steps(size: int) -> list[str]:
    """Bring the biggest office's queue to `size` teachers awaiting verification (its full
    size from scale 0.1), taken among its verified teachers, whose search documents go;
    then the schools' counts of teachers awaiting (School.awaiting_teachers)."""
    return [
        f"""CREATE UNLOGGED TABLE bench_queue AS
           WITH top AS (
             SELECT s.country_id, count(*) FILTER (WHERE tp.status = 'awaiting') AS awaiting
             FROM accounts_teacherprofile tp
             JOIN schools_schoolmembership sm ON sm.user_id = tp.user_id
             JOIN schools_school s ON s.id = sm.school_id
             GROUP BY s.country_id ORDER BY count(*) DESC LIMIT 1)
           SELECT tp.id, tp.user_id FROM accounts_teacherprofile tp
           JOIN schools_schoolmembership sm ON sm.user_id = tp.user_id
           JOIN schools_school s ON s.id = sm.school_id
           JOIN top ON top.country_id = s.country_id
           WHERE tp.status = 'verified'
           ORDER BY tp.id DESC LIMIT greatest(0, {size} - (SELECT awaiting FROM top))""",
        """UPDATE accounts_teacherprofile tp SET status = 'awaiting', verified_at = NULL
           FROM bench_queue q WHERE q.id = tp.id""",
        """DELETE FROM search_searchdocument d USING bench_queue q WHERE d.user_id = q.user_id""",
        partners.COUNT_AWAITING,
    ]


def platform_steps(n: dict, first_user: int, first_project: int, password: str) -> list:
    """The SQL of each stage: a list of stages, each a list of families that may run in
    parallel, each family a list of statements run in order on one connection."""
    topics, first, last = _array(TOPICS), _array(FIRST), _array(LAST)
    P, H = n["projects"], n["power"]  # noqa: N806
    lorem = LOREM.replace("'", "''").replace("{t}", "' || {t} || '")
    body = "'" + lorem.format(t="({topics})[1 + (g % {nt})]") + "'"
    body = body.format(topics=topics, nt=len(TOPICS))
    pw = password.replace("'", "''")
    setup = queue_steps(n["queue"]) + [
        # Verified teachers numbered 1..NT, with their school: the pool of members.
        """CREATE UNLOGGED TABLE bench_teacher AS
           SELECT row_number() OVER (ORDER BY u.id)::int AS n, u.id AS user_id,
                  sm.school_id, s.country_id
           FROM accounts_user u
           JOIN accounts_teacherprofile tp ON tp.user_id = u.id AND tp.status = 'verified'
           JOIN schools_schoolmembership sm ON sm.user_id = u.id
           JOIN schools_school s ON s.id = sm.school_id
           WHERE u.kind = 'teacher'""",
        "CREATE UNIQUE INDEX ON bench_teacher (n)",
        "ANALYZE bench_teacher",
        # Projects: activity `a` follows a Pareto law; project 1 is the biggest.
        f"""CREATE UNLOGGED TABLE bench_project AS
           SELECT {first_project} + g - 1 AS id, g,
                  1 + ((g::bigint * 104729) % (SELECT count(*) FROM bench_teacher))::int
                    AS founder_n,
                  CASE WHEN g = 1 THEN {n["big_activity"]}
                       ELSE least(400, floor(power(1 - random(), -0.6)))::int END AS a,
                  CASE WHEN g = 1 THEN 'active' ELSE (ARRAY['active','active','active',
                       'active','active','active','active','active','active','active',
                       'active','active','active','active','active','active','closed',
                       'archived','awaiting_approval','draft'])[1 + floor(random() * 20)::int]
                  END AS status,
                  now() - make_interval(days => floor(random() * 1500)::int) AS created_at
           FROM generate_series(1, {P}) g""",
        "CREATE UNIQUE INDEX ON bench_project (g)",
        "ANALYZE bench_project",
        f"""INSERT INTO projects_project (id, title, summary, description, age_min, age_max,
               start_date, end_date, status, created_at, activated_at, blog_public,
               pupils_need_approval, pupils_may_edit_pages, created_by_id, kit_id,
               archived_at, closed_at, submitted_at)
           SELECT p.id,
                  initcap(({topics})[1 + (p.g * 7) % {len(TOPICS)}]) || ' across Europe '
                    || p.g,
                  'Pupils of several countries explore '
                    || ({topics})[1 + (p.g * 7) % {len(TOPICS)}] || ' together.',
                  '<p>A project about ' || ({topics})[1 + (p.g * 7) % {len(TOPICS)}]
                    || ' and ' || ({topics})[1 + (p.g * 13) % {len(TOPICS)}] || '.</p>',
                  6 + p.g % 8, 9 + p.g % 8,
                  p.created_at::date, p.created_at::date + 300, p.status, p.created_at,
                  CASE WHEN p.status IN ('active', 'closed', 'archived')
                       THEN p.created_at + interval '10 days' END,
                  p.g % 3 <> 0, true, false, t.user_id, NULL,
                  CASE WHEN p.status = 'archived' THEN p.created_at + interval '400 days' END,
                  CASE WHEN p.status IN ('closed', 'archived')
                       THEN p.created_at + interval '300 days' END,
                  CASE WHEN p.status <> 'draft' THEN p.created_at + interval '1 day' END
           FROM bench_project p JOIN bench_teacher t ON t.n = p.founder_n""",
        """INSERT INTO projects_project_subjects (project_id, subject_id)
           SELECT DISTINCT p.id, s.code FROM bench_project p
           JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS k,
                        count(*) OVER () AS c FROM reference_subject) s
             ON s.k = p.g % s.c OR s.k = (p.g * 7 + 3) % s.c""",
        """INSERT INTO projects_project_languages (project_id, language_id)
           SELECT DISTINCT p.id, l.code FROM bench_project p
           JOIN bench_teacher t ON t.n = p.founder_n
           JOIN reference_country c ON c.code = t.country_id
           JOIN reference_language l ON l.code IN ('en', c.default_language)""",
        # Memberships: the founder, 1-30 teachers (60 in project 1), and the power teachers.
        f"""INSERT INTO projects_membership (role, is_founder, joined_at, school_id, teacher_id,
               user_id, project_id)
           SELECT DISTINCT ON (project_id, user_id) role, is_founder, joined_at, school_id,
                  NULL::bigint, user_id, project_id
           FROM (
             SELECT 'admin' AS role, true AS is_founder, p.created_at AS joined_at,
                    t.school_id, t.user_id, p.id AS project_id, 0 AS pri
             FROM bench_project p JOIN bench_teacher t ON t.n = p.founder_n
             UNION ALL
             SELECT CASE WHEN k % 4 = 0 THEN 'admin' ELSE 'teacher' END, false,
                    p.created_at + interval '3 days', t.school_id, t.user_id, p.id, 1
             FROM bench_project p
             CROSS JOIN LATERAL generate_series(1, CASE WHEN p.g = 1 THEN {n["big_teachers"]}
                  ELSE least(30, 1 + floor(-ln(1 - random()) * 1.5)::int) END) k
             JOIN bench_teacher t ON t.n = 1 + ((p.g::bigint * 31 + k::bigint * 15485863)
                  % (SELECT count(*) FROM bench_teacher))::int
             UNION ALL
             SELECT 'teacher', false, p.created_at + interval '5 days', t.school_id,
                    t.user_id, p.id, 1
             FROM bench_teacher t CROSS JOIN generate_series(0, {POWER_PROJECTS - 1}) j
             JOIN bench_project p ON p.g = 1 + ((t.n::bigint * 1000003 + j * 7919) % {P})
             WHERE t.n <= {H}
           ) m ORDER BY project_id, user_id, pri""",
        # Pupils: their accounts, each in one project (skewed towards the first projects).
        f"""CREATE UNLOGGED TABLE bench_pupil AS
           SELECT {first_user} + x.g - 1 AS user_id, x.g, p.id AS project_id,
                  t.user_id AS teacher_id, t.school_id, p.created_at
           FROM (SELECT g, CASE WHEN g <= {n["big_pupils"]} THEN 1
                        ELSE 1 + floor(power(random(), 1.6) * {P})::int END AS pg
                 FROM generate_series(1, {n["pupils"]}) g OFFSET 0) x
           JOIN bench_project p ON p.g = x.pg
           JOIN bench_teacher t ON t.n = p.founder_n""",
        f"""INSERT INTO accounts_user (id, password, is_superuser, email, username, display_name,
               kind, language, email_confirmed_at, must_change_password, is_active, is_staff,
               date_joined, last_seen_at)
           SELECT user_id, '{pw}', false, NULL, 'pupil' || user_id,
                  ({first})[1 + g % {len(FIRST)}] || ' '
                    || left(({last})[1 + (g / 7) % {len(LAST)}], 1) || '.',
                  'pupil', 'en', NULL, false, true, false, created_at,
                  now() - make_interval(mins => floor(random() * 100000)::int)
           FROM bench_pupil""",
        """INSERT INTO projects_pupilaccount (created_at, released_at, created_by_id, school_id,
               user_id)
           SELECT created_at, NULL, teacher_id, school_id, user_id FROM bench_pupil""",
        """INSERT INTO projects_membership (role, is_founder, joined_at, school_id, teacher_id,
               user_id, project_id)
           SELECT 'pupil', false, created_at, school_id, teacher_id, user_id, project_id
           FROM bench_pupil""",
        # Members numbered per project, to draw authors with an equi-join.
        """CREATE UNLOGGED TABLE bench_member AS
           SELECT project_id, user_id, role,
                  row_number() OVER (PARTITION BY project_id ORDER BY user_id)::int AS k,
                  (row_number() OVER (PARTITION BY project_id, role IN ('admin', 'teacher')
                                      ORDER BY user_id))::int AS kt
           FROM projects_membership""",
        """CREATE UNLOGGED TABLE bench_count AS
           SELECT p.id AS project_id, p.g, p.a, p.created_at, p.status,
                  count(*)::int AS na,
                  count(*) FILTER (WHERE m.role IN ('admin', 'teacher'))::int AS nt
           FROM bench_project p JOIN bench_member m ON m.project_id = p.id
           GROUP BY p.id, p.g, p.a, p.created_at, p.status""",
        "CREATE INDEX ON bench_member (project_id, k)",
        "CREATE INDEX ON bench_member (project_id, kt) WHERE role IN ('admin', 'teacher')",
        "ANALYZE bench_member",
        "ANALYZE bench_count",
    ]

    def pick(alias, src, teachers_only=False):
        """Join member `alias` drawn from a materialised row of `src` (its r column)."""
        if teachers_only:
            return (
                f"JOIN bench_member {alias} ON {alias}.project_id = {src}.project_id"
                f" AND {alias}.role IN ('admin', 'teacher')"
                f" AND {alias}.kt = 1 + ({src}.r % {src}.nt)"
            )
        return (
            f"JOIN bench_member {alias} ON {alias}.project_id = {src}.project_id"
            f" AND {alias}.k = 1 + ({src}.r % {src}.na)"
        )

    rand = "floor(random() * 1000000)::int AS r"
    wiki = [
        f"""INSERT INTO wiki_page (visibility, position, title, body, version, updated_at,
               created_at, author_id, kit_step_id, moderated_by_id, parent_id, project_id,
               updated_by_id)
           WITH s AS MATERIALIZED (
             SELECT c.project_id, c.na, c.nt, c.created_at, k AS g, {rand},
                    1 + least(20, floor(-ln(1 - random()) * 1.5)::int) AS v
             FROM bench_count c CROSS JOIN generate_series(1, least(3 * c.a, 400)) k)
           SELECT 'published', s.g, 'Page ' || s.g || ': ' || ({topics})[1 + s.g % {len(TOPICS)}],
                  {body}, s.v, s.created_at + make_interval(days => s.g), s.created_at,
                  m.user_id, NULL, NULL, NULL, s.project_id, m.user_id
           FROM s {pick("m", "s", True)}""",
        """INSERT INTO wiki_revision (number, title, body, created_at, restored_from, author_id,
               page_id, project_id)
           SELECT r, p.title, p.body, p.created_at + make_interval(hours => r), NULL,
                  p.author_id, p.id, p.project_id
           FROM wiki_page p CROSS JOIN generate_series(1, p.version) r""",
    ]
    forum = [
        f"""INSERT INTO forum_topic (visibility, moderated_at, title, body, sticky, locked,
               created_at, edited_at, last_activity_at, author_id, moderated_by_id, project_id)
           WITH s AS MATERIALIZED (
             SELECT c.project_id, c.na, c.nt, c.created_at, k AS g, {rand}
             FROM bench_count c CROSS JOIN generate_series(1, least(2 * c.a, 1000)) k)
           SELECT 'published', NULL,
                  'About ' || ({topics})[1 + s.g % {len(TOPICS)}] || ' (' || s.g || ')',
                  {body}, s.g = 1, false, s.created_at + make_interval(hours => s.g), NULL,
                  s.created_at + make_interval(hours => s.g + 48), m.user_id, NULL, s.project_id
           FROM s {pick("m", "s")}""",
        f"""INSERT INTO forum_post (visibility, moderated_at, body, created_at, edited_at,
               author_id, moderated_by_id, topic_id, project_id, follow_up)
           WITH s AS MATERIALIZED (
             SELECT t.project_id, c.na, c.nt, t.id AS topic_id, t.created_at, k AS g, {rand}
             FROM forum_topic t JOIN bench_count c ON c.project_id = t.project_id
             CROSS JOIN LATERAL generate_series(1, least(200, floor(-ln(1 - random()) * 4)::int + 0 * t.id::int)) k)
           SELECT 'published', NULL, '<p>Reply ' || s.g || ': we agree, and our class adds '
                  || ({topics})[1 + s.r % {len(TOPICS)}] || '.</p>',
                  s.created_at + make_interval(mins => s.g * 37), NULL, m.user_id, NULL,
                  s.topic_id, s.project_id, false
           FROM s {pick("m", "s")}""",
    ]
    blog = [
        f"""INSERT INTO blog_post (visibility, moderated_at, title, body, cover, cover_alt,
               status, published_at, created_at, updated_at, author_id, moderated_by_id,
               project_id)
           WITH s AS MATERIALIZED (
             SELECT c.project_id, c.na, c.nt, c.created_at, k AS g, {rand}
             FROM bench_count c CROSS JOIN generate_series(1, least(c.a, 300)) k)
           SELECT 'published', NULL, 'News ' || s.g || ': ' || ({topics})[1 + s.r % {len(TOPICS)}],
                  {body}, '', '', CASE WHEN s.g % 10 = 0 THEN 'draft' ELSE 'published' END,
                  CASE WHEN s.g % 10 = 0 THEN NULL
                       ELSE s.created_at + make_interval(days => s.g) END,
                  s.created_at + make_interval(days => s.g),
                  s.created_at + make_interval(days => s.g), m.user_id, NULL, s.project_id
           FROM s {pick("m", "s", True)}""",
        f"""INSERT INTO blog_comment (visibility, moderated_at, body, created_at, author_id,
               moderated_by_id, post_id)
           WITH s AS MATERIALIZED (
             SELECT b.project_id, c.na, c.nt, b.id AS post_id, b.created_at, k AS g, {rand}
             FROM blog_post b JOIN bench_count c ON c.project_id = b.project_id
             CROSS JOIN LATERAL generate_series(1, floor(random() * 3)::int + 0 * b.id::int) k
             WHERE b.status = 'published')
           SELECT 'published', NULL, 'Well done, everyone! (' || s.g || ')',
                  s.created_at + make_interval(hours => s.g), m.user_id, NULL, s.post_id
           FROM s {pick("m", "s")}""",
        f"""INSERT INTO calendar_event (title, description, starts_at, ends_at, timezone, place,
               online_url, created_at, created_by_id, project_id, sequence, updated_at)
           WITH s AS MATERIALIZED (
             SELECT c.project_id, c.na, c.nt, c.created_at, k AS g, {rand}
             FROM bench_count c CROSS JOIN generate_series(1, least(c.a, 200)) k)
           SELECT 'Meeting ' || s.g || ': ' || ({topics})[1 + s.r % {len(TOPICS)}], '',
                  now() + make_interval(days => (s.r % 360) - 180, hours => s.g % 9),
                  now() + make_interval(days => (s.r % 360) - 180, hours => s.g % 9 + 1),
                  'Europe/Paris', '', 'https://meet.example/' || s.project_id, s.created_at,
                  m.user_id, s.project_id, 0, s.created_at
           FROM s {pick("m", "s", True)}""",
    ]
    chat = [
        # Rooms of the projects that were activated; the general room's last_seq is the
        # number of its messages (seq 1..last_seq).
        """INSERT INTO chat_room (kind, name, pupils_need_approval, created_at, closed_at,
               created_by_id, project_id, last_seq)
           SELECT kind, '', true, c.created_at + interval '10 days', NULL, NULL, c.project_id,
                  CASE WHEN kind = 'general' THEN least(20 * c.a, 20000) ELSE c.a END
           FROM bench_count c CROSS JOIN (VALUES ('general'), ('teachers')) v(kind)
           WHERE c.status IN ('active', 'closed', 'archived')""",
        f"""INSERT INTO chat_message (visibility, moderated_at, body, client_id, created_at,
               deleted_at, author_id, deleted_by_id, moderated_by_id, room_id, seq, follow_up)
           WITH s AS MATERIALIZED (
             SELECT r.project_id, c.na, c.nt, r.id AS room_id, r.kind, r.created_at,
                    k AS g, {rand}
             FROM chat_room r JOIN bench_count c ON c.project_id = r.project_id
             CROSS JOIN generate_series(1, r.last_seq) k)
           SELECT 'published', NULL, 'Hello from our class! ' || ({topics})[1 + s.r % {len(TOPICS)}],
                  'bench-' || s.g, s.created_at + make_interval(mins => (s.g * 13)::int), NULL,
                  m.user_id, NULL, NULL, s.room_id, s.g, false
           FROM s JOIN bench_member m ON m.project_id = s.project_id
             AND CASE WHEN s.kind = 'general' THEN m.k = 1 + (s.r % s.na)
                 ELSE m.role IN ('admin', 'teacher') AND m.kt = 1 + (s.r % s.nt) END""",
    ]
    materials = [
        """INSERT INTO materials_folder (name, is_album, created_at, created_by_id, parent_id,
               project_id)
           SELECT 'Documents', false, c.created_at, NULL, NULL, c.project_id FROM bench_count c""",
        f"""INSERT INTO materials_item (name, file, thumbnail, kind, content_type, size, width,
               height, created_at, folder_id, project_id, uploaded_by_id, upload_key)
           WITH s AS MATERIALIZED (
             SELECT c.project_id, c.na, c.nt, c.created_at, k AS g, {rand}
             FROM bench_count c CROSS JOIN generate_series(1, least(3 * c.a, 2000)) k)
           SELECT CASE WHEN s.g % 3 = 0 THEN 'photo-' || s.g || '.jpg'
                       ELSE 'worksheet-' || s.g || '.pdf' END,
                  'materials/bench/' || s.project_id || '/' || s.g
                    || CASE WHEN s.g % 3 = 0 THEN '.jpg' ELSE '.pdf' END, '',
                  CASE WHEN s.g % 3 = 0 THEN 'image' ELSE 'pdf' END,
                  CASE WHEN s.g % 3 = 0 THEN 'image/jpeg' ELSE 'application/pdf' END,
                  20000 + s.r * 3, CASE WHEN s.g % 3 = 0 THEN 1600 END,
                  CASE WHEN s.g % 3 = 0 THEN 1200 END,
                  s.created_at + make_interval(hours => s.g),
                  CASE WHEN s.g % 2 = 0 THEN f.id END, s.project_id, m.user_id, NULL
           FROM s {pick("m", "s", True)}
           JOIN materials_folder f ON f.project_id = s.project_id""",
    ]
    twinmail = [
        """INSERT INTO messaging_thread (subject, created_at, last_message_at, project_id)
           SELECT 'Planning ' || k, c.created_at + make_interval(days => k),
                  c.created_at + make_interval(days => k + 1), c.project_id
           FROM bench_count c CROSS JOIN generate_series(1, least(c.a, 200)) k
           WHERE c.nt >= 2""",
        """INSERT INTO messaging_participant (last_read_at, user_id, thread_id)
           SELECT t.last_message_at, m.user_id, t.id FROM messaging_thread t
           JOIN bench_count c ON c.project_id = t.project_id
           JOIN bench_member m ON m.project_id = t.project_id
             AND m.role IN ('admin', 'teacher')
             AND m.kt IN (1, 2 + (t.id % (c.nt - 1))::int)""",
        """INSERT INTO messaging_privatemessage (body, created_at, author_id, thread_id,
               moderated_at, moderated_by_id, visibility)
           WITH s AS MATERIALIZED (
             SELECT t.id, t.project_id, t.created_at, k,
                    CASE WHEN k % 2 = 1 THEN 1 ELSE 2 + (t.id % (c.nt - 1))::int END AS kt
             FROM messaging_thread t JOIN bench_count c ON c.project_id = t.project_id
             CROSS JOIN LATERAL generate_series(1, 1 + floor(-ln(1 - random()) * 3)::int + 0 * t.id::int) k)
           SELECT 'Shall we meet online next week? (' || s.k || ')',
                  s.created_at + make_interval(hours => s.k), m.user_id, s.id, NULL, NULL,
                  'published'
           FROM s JOIN bench_member m ON m.project_id = s.project_id
             AND m.role IN ('admin', 'teacher') AND m.kt = s.kt""",
    ]
    notifications = [
        # Project activity for the members of projects; the power teachers get hundreds.
        f"""INSERT INTO notifications_notification (kind, title, url, created_at, read_at,
               user_id, digested_at)
           SELECT 'activity', 'New reply in ' || ({topics})[1 + j % {len(TOPICS)}],
                  '/projects/' || m.project_id || '/space/forum/',
                  now() - make_interval(hours => j * 7),
                  CASE WHEN j > 3 THEN now() - make_interval(hours => j * 7 - 1) END,
                  m.user_id, NULL
           FROM bench_member m
           CROSS JOIN LATERAL generate_series(1, least(50, floor(-ln(1 - random()) * 4)::int + 0 * m.k)) j
           WHERE m.role IN ('admin', 'teacher')""",
        """INSERT INTO notifications_notification (kind, title, url, created_at, read_at,
               user_id, digested_at)
           SELECT 'message', 'New private message', '/messages/',
                  now() - make_interval(mins => k * 11), NULL, t.user_id, NULL
           FROM bench_teacher t CROSS JOIN generate_series(1, 300) k
           WHERE t.n <= 3""",
    ]
    approvals = [
        """INSERT INTO projects_approval (status, reason, decided_at, submitted_at, country_id,
               decided_by_id, project_id)
           SELECT CASE WHEN c.status = 'awaiting_approval' THEN 'pending' ELSE 'approved' END,
                  '', CASE WHEN c.status = 'awaiting_approval' THEN NULL
                           ELSE c.created_at + interval '9 days' END,
                  c.created_at + interval '1 day', s.country_id, NULL, c.project_id
           FROM bench_count c
           JOIN (SELECT DISTINCT project_id, school_id FROM projects_membership
                 WHERE role IN ('admin', 'teacher') AND school_id IS NOT NULL) ms
             ON ms.project_id = c.project_id
           JOIN schools_school s ON s.id = ms.school_id
           WHERE c.status <> 'draft'
           GROUP BY c.project_id, c.status, c.created_at, s.country_id""",
    ]
    # Support staff (staff accounts of each country's office), ambassadors, training.
    staff_first = "(SELECT max(id) FROM accounts_user) + 1"
    staff = [
        f"""CREATE UNLOGGED TABLE bench_staff AS
           SELECT {staff_first} + row_number() OVER (ORDER BY c.code, k) - 1 AS user_id,
                  c.code AS country_id, k
           FROM reference_country c CROSS JOIN generate_series(1, {STAFF_PER_COUNTRY}) k
           WHERE c.can_found""",
        f"""INSERT INTO accounts_user (id, password, is_superuser, email, username, display_name,
               kind, language, email_confirmed_at, must_change_password, is_active, is_staff,
               date_joined, last_seen_at)
           SELECT user_id, '{pw}', false, 'office-' || lower(country_id) || '-' || k
                  || '@bench.example', NULL, 'Office ' || country_id || ' ' || k, 'staff',
                  'en', now(), false, true, false, now() - interval '900 days', now()
           FROM bench_staff""",
        """INSERT INTO network_supportrole (role, can_verify, public_email, phone, availability,
               listed, country_id, department_id, region_id, user_id)
           SELECT 'national', true, CASE WHEN k = 1 THEN 'office-' || lower(country_id)
                  || '@bench.example' ELSE '' END, '', '', k = 1, country_id, NULL, NULL,
                  user_id
           FROM bench_staff""",
        f"""INSERT INTO network_supportrole (role, can_verify, public_email, phone, availability,
               listed, country_id, department_id, region_id, user_id)
           SELECT 'ambassador', false, '', '', 'Wednesdays', true, t.country_id, NULL, NULL,
                  t.user_id
           FROM (SELECT t.*, row_number() OVER (PARTITION BY t.country_id ORDER BY t.n) AS k
                 FROM bench_teacher t WHERE t.n > {H}) t
           WHERE t.k <= {n["ambassadors"]}""",
        f"""INSERT INTO training_trainingevent (title, description, kind, level, online, place,
               online_url, timezone, starts_at, ends_at, registration_deadline, capacity,
               published, created_at, country_id, created_by_id, department_id, region_id)
           SELECT 'Training: ' || ({topics})[1 + e % {len(TOPICS)}], '<p>Two hours of practice.</p>',
                  (ARRAY['course', 'workshop', 'webinar'])[1 + e % 3],
                  CASE WHEN e % 4 = 0 THEN 'european' ELSE 'national' END,
                  e % 5 < 3, CASE WHEN e % 5 < 3 THEN '' ELSE 'Teachers'' centre' END,
                  CASE WHEN e % 5 < 3 THEN 'https://meet.example/training/' || e ELSE '' END,
                  'Europe/Paris', now() + make_interval(days => (e % 400) - 200),
                  now() + make_interval(days => (e % 400) - 200, hours => 2),
                  now() + make_interval(days => (e % 400) - 201), 20 + (e * 37) % 180, true,
                  now() - interval '300 days',
                  CASE WHEN e % 4 = 0 THEN NULL ELSE s.country_id END, s.user_id, NULL, NULL
           FROM generate_series(1, {n["training"]}) e
           JOIN bench_staff s ON s.k = 1 AND s.user_id = (SELECT min(user_id) FROM bench_staff)
                + {STAFF_PER_COUNTRY} * (e % (SELECT count(*) FROM bench_staff WHERE k = 1))""",
        """INSERT INTO training_registration (status, queued_at, attended, created_at, user_id,
               event_id)
           SELECT DISTINCT ON (e.id, t.user_id)
                  CASE WHEN k <= e.capacity THEN 'registered' ELSE 'waiting' END,
                  e.created_at + make_interval(mins => k), false,
                  e.created_at + make_interval(mins => k), t.user_id, e.id
           FROM training_trainingevent e
           CROSS JOIN LATERAL generate_series(1, floor(e.capacity * 1.2 * random())::int) k
           JOIN bench_teacher t ON t.n = 1 + ((e.id * 7919 + k * 104729)
                % (SELECT count(*) FROM bench_teacher))::int
           ORDER BY e.id, t.user_id, k""",
    ]
    return [
        [setup],
        [wiki, forum, blog, chat, materials, twinmail, notifications, approvals, staff],
    ]


BENCH_TABLES = ["bench_queue", "bench_teacher", "bench_project", "bench_pupil", "bench_member", "bench_count", "bench_staff"]  # fmt: skip


def generate(conn, scale=1.0, seed=42, progress=log, connect=None, workers=1) -> dict:
    """Load the whole data set through `conn` (a psycopg connection to a migrated database).

    With `connect` and workers > 1, families of statements run in parallel on their own
    connections (then `conn` commits between stages so that they see its work)."""
    from django.contrib.auth.hashers import make_password

    started = time.monotonic()
    timings = {}
    password = make_password(PASSWORD)  # one hash, shared by every account
    counts = partners.generate(
        conn,
        scale=scale,
        seed=seed,
        progress=progress,
        connect=connect,
        workers=workers,
        password=password,
        sizes=(TEACHERS, SCHOOLS, REQUESTS),
    )
    timings["teachers, schools, requests, search documents"] = time.monotonic() - started
    parallel = connect is not None and workers > 1
    n = sizes(scale)
    cur = conn.cursor()
    cur.execute("SET maintenance_work_mem = '512MB'")
    for table in BENCH_TABLES:
        cur.execute(f"DROP TABLE IF EXISTS {table}")
    restore = partners.drop_secondary_indexes(cur, PLATFORM_TABLES)
    first_user = partners._next_id(cur, "accounts_user")
    first_project = partners._next_id(cur, "projects_project")
    cur.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
    if parallel:
        conn.commit()

    def run(statements, own=True):
        if own and parallel:
            with connect() as c:
                c.execute("SET work_mem = '64MB'")
                c.execute("SET maintenance_work_mem = '256MB'")
                c.execute("SELECT setseed(%s)", [(seed % 997) / 997])
                for statement in statements:
                    c.execute(statement)
                c.commit()
        else:
            for statement in statements:
                cur.execute(statement)

    for number, stage in enumerate(platform_steps(n, first_user, first_project, password)):
        mark = time.monotonic()
        progress(f"platform stage {number + 1}: {len(stage)} families")
        if parallel and len(stage) > 1:
            with ThreadPoolExecutor(workers) as pool:
                for future in [pool.submit(run, family) for family in stage]:
                    future.result()
        else:
            for family in stage:
                run(family, own=False)
            if parallel:
                conn.commit()
        timings[f"platform stage {number + 1}"] = time.monotonic() - mark

    mark = time.monotonic()
    progress(f"indexes and constraints of the platform tables ({len(restore)})")
    fks = [s for s in restore if "FOREIGN KEY" in s]
    others = [s for s in restore if "FOREIGN KEY" not in s]
    if parallel:
        # Unique constraints and indexes build in parallel; foreign keys one at a time
        # (each locks the table it points to).
        by_table: dict[str, list] = {}
        for statement in others:
            if statement.startswith("ALTER"):
                table = statement.split()[2]
            else:
                table = statement.split(" ON ")[1].split()[0]
            by_table.setdefault(table.replace("public.", ""), []).append(statement)
        with ThreadPoolExecutor(workers) as pool:
            for future in [pool.submit(run, group) for group in by_table.values()]:
                future.result()
        run(fks, own=False)
    else:
        run(others + fks, own=False)
    for table in ("accounts_user", "projects_project"):
        cur.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608
        )
    for table in BENCH_TABLES:
        cur.execute(f"DROP TABLE IF EXISTS {table}")
    timings["platform indexes and constraints"] = time.monotonic() - mark
    counts.update(_counts(cur))
    counts["timings"] = timings
    return counts


COUNTED = {
    "users": "accounts_user",
    "projects": "projects_project",
    "memberships": "projects_membership",
    "pupils": "projects_pupilaccount",
    "wiki pages": "wiki_page",
    "page revisions": "wiki_revision",
    "forum topics": "forum_topic",
    "forum replies": "forum_post",
    "blog posts": "blog_post",
    "blog comments": "blog_comment",
    "calendar events": "calendar_event",
    "chat rooms": "chat_room",
    "chat messages": "chat_message",
    "materials": "materials_item",
    "twinmail threads": "messaging_thread",
    "twinmail messages": "messaging_privatemessage",
    "notifications": "notifications_notification",
    "approvals": "projects_approval",
    "support roles": "network_supportrole",
    "training events": "training_trainingevent",
    "training registrations": "training_registration",
}


def _counts(cur) -> dict:
    result = {}
    for label, table in COUNTED.items():
        cur.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
        result[label] = cur.fetchone()[0]
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = eTwinning 2025")
    parser.add_argument("--database-url", default=os.environ.get("SCALE_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--workers", type=int, default=3, help="parallel connections")
    parser.add_argument(
        "--template", help="copy this already migrated database instead of migrating (faster)"
    )
    args = parser.parse_args(argv)

    import psycopg
    from environ import Env

    cfg = Env.db_url_config(args.database_url)
    name = cfg["NAME"]
    if "scale" not in name and "bench" not in name:
        parser.error("the database name must contain 'scale' or 'bench' (it is dropped)")
    started = time.monotonic()
    admin = {
        "user": cfg.get("USER") or None,
        "host": cfg.get("HOST") or None,
        "port": cfg.get("PORT") or None,
        "password": cfg.get("PASSWORD") or None,
    }
    log(f"load average {os.getloadavg()}")
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        template = f' TEMPLATE "{args.template}"' if args.template else ""
        conn.execute(f'CREATE DATABASE "{name}"{template}')
    log(f"database {name} created; migrating")
    env = {**os.environ, "DATABASE_URL": args.database_url}
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True, cwd=ROOT
    )  # with --template: checks that it is up to date, in a second
    migrated = time.monotonic() - started
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    import django

    django.setup()
    with psycopg.connect(dbname=name, **admin) as conn:
        counts = generate(
            conn,
            scale=args.scale,
            seed=args.seed,
            connect=lambda: psycopg.connect(dbname=name, **admin),
            workers=args.workers,
        )
        conn.commit()
        conn.autocommit = True
        mark = time.monotonic()
        log("VACUUM ANALYZE")
        conn.execute("VACUUM ANALYZE")
        counts["timings"]["VACUUM ANALYZE"] = time.monotonic() - mark
        size = conn.execute(f"SELECT pg_size_pretty(pg_database_size('{name}'))").fetchone()[0]
    total = time.monotonic() - started
    timings = counts.pop("timings")
    print(f"\n| step | time |\n|---|---|\n| create + migrate | {migrated:.0f} s |")
    for step, seconds in timings.items():
        print(f"| {step} | {seconds:.0f} s |")
    print(f"| **total** | **{total:.0f} s ({total / 60:.1f} min)** |\n")
    print("| rows | count |\n|---|---|")
    for label, value in counts.items():
        print(f"| {label} | {value:,} |")
    log(f"done: scale {args.scale}, database {name} {size}, load average {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
