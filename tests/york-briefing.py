#!/usr/bin/python3
"""York as a test: a real briefing, entered through maca's commands and written back out.

tests/york/briefing-2025-06.txt is the City of York Safeguarding Children Partnership's
"Briefing of our learning (June 2025)", a public document (Open Government Licence). This
script makes an audit with six synthetic cases, then enters York's background, themes, sample
statement, 13 items of good practice and 11 learning points exactly as the seed has them, with
`maca briefing`, `maca good-practice` and `maca learning` (long texts through --text-file,
some from standard input), and York's resources and further information through the
configuration and the briefing's parts. It then checks that:

- the Markdown briefing says what York's says, word for word and in York's order;
- York's lists (the inspection's remit, the themes, the good practice, the resources) are
  still lists;
- the PDF renders (pdfinfo, pdftotext) in at most six A4 pages, and the seven-minute
  briefing made from the same audit in at most two;
- the Word and HTML documents are written.

The PDF pages are left as PNG images (pdftoppm -r 60) in the directory given as the second
argument, to look at.

usage: york-briefing.py MACA OUTDIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "york", "briefing-2025-06.txt")

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def parse_seed(text):
    """York's briefing, cut into its parts as a chair would see them."""
    lines = text.strip("\n").split("\n")
    seed = {"title": lines[0], "subtitle": lines[2]}
    body = "\n".join(lines[3:])

    def between(start, end):
        i = body.index(start) + len(start)
        j = body.index(end, i) if end else len(body)
        return body[i:j].strip("\n")

    background = between("\nBackground\n", "\nOther themes which featured")
    seed["background"] = background
    themes_start = body.index("Other themes which featured")
    sample_start = body.index("(this audit reviewed")
    seed["themes"] = body[themes_start:sample_start].strip("\n")
    seed["sample"] = body[sample_start:].split("\n")[0]
    good = between("What areas of good practice was highlighted?\n", "\nKey Learning Points")
    seed["good_practice"] = [l[2:] for l in good.split("\n") if l.startswith("- ")]
    learning = between("\nKey Learning Points\n", "\nUseful resources and further reading")
    points = re.split(r"\n*Learning Point \d+\n\n", "\n" + learning)
    seed["learning"] = [p.strip("\n") for p in points if p.strip()]
    resources = between("\nUseful resources and further reading\n",
                        "\nWhere do I go for further information?")
    seed["resources"] = [re.sub(r"\\(.)", r"\1", m)
                         for m in re.findall(r"^\[(.*)\]\(#\)$", resources, re.M)]
    seed["further"] = between("\nWhere do I go for further information?\n", None)
    return seed


class Maca:
    def __init__(self, binary, home):
        self.binary = binary
        self.home = home
        self.env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(home, "config"),
                        XDG_DATA_HOME=os.path.join(home, "data"), NO_COLOR="1")
        self.db = os.path.join(home, "york.db")
        self.config = os.path.join(home, "maca.ini")

    def run(self, *args, stdin=None, ok=True):
        cmd = [self.binary, "--db", self.db, "--config", self.config] + list(args)
        r = subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=self.env)
        if ok and r.returncode != 0:
            raise SystemExit("maca %s failed (%d): %s" % (" ".join(args), r.returncode,
                                                          r.stderr))
        return r

    def text_file(self, name, text):
        path = os.path.join(self.home, name)
        with open(path, "w") as f:
            f.write(text + "\n")
        return path


def plain(path_or_text, from_text=False):
    """A document as the words a reader reads, list marks and spacing aside."""
    args = ["pandoc", "-f", "gfm", "-t", "plain", "--wrap=none"]
    if from_text:
        out = subprocess.run(args, input=path_or_text, capture_output=True, text=True,
                             check=True).stdout
    else:
        out = subprocess.run(args + [path_or_text], capture_output=True, text=True,
                             check=True).stdout
    out = re.sub(r"^-   ", "", out, flags=re.M)
    return " ".join(out.split())


def list_items(md_path):
    html = subprocess.run(["pandoc", "-f", "gfm", "-t", "html", md_path], capture_output=True,
                          text=True, check=True).stdout
    return html.count("<li>"), html


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    return pages, (float(size.group(1)), float(size.group(2)))


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    binary, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    with open(SEED) as f:
        seed_text = f.read()
    seed = parse_seed(seed_text)
    check(len(seed["good_practice"]) == 13, "the seed has 13 items of good practice")
    check(len(seed["learning"]) == 11, "the seed has 11 learning points")
    check(len(seed["resources"]) == 7, "the seed has 7 resources")

    home = tempfile.mkdtemp(prefix="maca-york-")
    try:
        m = Maca(binary, home)
        # The partnership's own resources and pages, as York would configure them. The seed
        # keeps no addresses, so these are example.org's.
        with open(m.config, "w") as f:
            f.write("[maca]\npartnership = City of York Safeguarding Children Partnership\n"
                    "chair_agency = police\n\n[partnership]\n"
                    "website = https://www.example.org/cyscp\nwebsite_title = CYSCP website\n"
                    "newsletter = https://www.example.org/cyscp/newsletter\n"
                    "newsletter_title = CYSCP Newsletter\n")
            for i, title in enumerate(seed["resources"]):
                f.write("\n[resource york-%d]\ntitle = %s\nurl = https://www.example.org/r%d\n"
                        % (i + 1, title, i + 1))
        audit = m.run("new", "domestic-abuse", "JTAI domestic abuse audit", "--date",
                      "2024-10-15").stdout.strip()
        # Each feature in two cases, so that no case stands alone by its features.
        tags = ["drugs-alcohol,mental-health", "drugs-alcohol,mental-health",
                "homelessness,nrpf", "homelessness,nrpf", "suicidal-ideation,language-barrier",
                "suicidal-ideation,language-barrier"]
        for i, t in enumerate(tags):
            m.run("case", "add", audit, "Child " + "ABCDEF"[i], "--tags", t)

        # The background from a file, the themes from standard input, the sample statement
        # typed in.
        m.run("briefing", "text", audit, "background", "--text-file",
              m.text_file("background.md", seed["background"]))
        m.run("briefing", "text", audit, "themes", "--text-file", "-", stdin=seed["themes"])
        m.run("briefing", "text", audit, "sample", "--text", seed["sample"])
        for i, item in enumerate(seed["good_practice"]):
            if i % 2:
                m.run("good-practice", "add", audit, "--text-file", "-", stdin=item + "\n")
            else:
                m.run("good-practice", "add", audit, "--text-file",
                      m.text_file("gp-%d.md" % (i + 1), item))
        for i, point in enumerate(seed["learning"]):
            got = m.run("learning", "add", audit, "--text-file",
                        m.text_file("lp-%d.md" % (i + 1), point)).stdout.strip()
            check(got == str(i + 1), "learning point %d is numbered %s" % (i + 1, got))
        further = seed["further"].replace("[CYSCP website](#)",
                                          "[CYSCP website](https://www.example.org/cyscp)")
        further = further.replace("[CYSCP Newsletter](#)",
                                  "[CYSCP Newsletter](https://www.example.org/cyscp/newsletter)")
        m.run("briefing", "text", audit, "further-information", "--text-file", "-",
              stdin=further)

        # York's shape: its title and subtitle, its headings, no findings or action plan.
        m.run("briefing", "set", audit, "--published", "2025-06", "--subtitle",
              seed["subtitle"], "--template-resources", "none")
        m.run("briefing", "heading", audit, "themes", "--none")
        m.run("briefing", "heading", audit, "good-practice", "--to",
              "What areas of good practice was highlighted?")
        m.run("briefing", "heading", audit, "learning", "--to", "Key Learning Points")
        m.run("briefing", "heading", audit, "resources", "--to",
              "Useful resources and further reading")
        m.run("briefing", "off", audit, "findings", "actions")

        # Every text as it was entered.
        check(m.run("briefing", "show", audit, "background").stdout == seed["background"] + "\n",
              "the background reads back unchanged")
        check(m.run("learning", "show", audit, "9").stdout == seed["learning"][8] + "\n",
              "learning point 9 (two paragraphs) reads back unchanged")

        md = os.path.join(outdir, "york.md")
        m.run("export", "briefing", audit, "-o", md, "--force")
        with open(md) as f:
            ours = f.read()
        check("was chaired by Police" not in ours, "no sentence maca wrote itself")
        want, got = plain(seed_text, from_text=True), plain(md)
        if want != got:
            i = next((k for k in range(min(len(want), len(got))) if want[k] != got[k]),
                     min(len(want), len(got)))
            check(False, "the briefing says what York's says, in York's order; first "
                  "difference at character %d:\n  York: ...%s\n  maca: ...%s"
                  % (i, want[max(0, i - 60):i + 60], got[max(0, i - 60):i + 60]))
        # York's resources are paragraphs, maca's a list.
        seed_items, _ = list_items(SEED)
        our_items, html = list_items(md)
        check(our_items == seed_items + len(seed["resources"]),
              "York's lists are still lists: %d list items, York has %d and %d resources"
              % (our_items, seed_items, len(seed["resources"])))
        for needle in ["<li>the leadership and management of this work</li>",
                       "<li>No recourse to public funds</li>",
                       "<h3 id=\"learning-point-11\">Learning Point 11</h3>"]:
            check(needle in html, "the HTML has %s" % needle)

        # The seven-minute briefing from the same audit: York's own words, shorter.
        seven = York7(m, audit, seed)
        seven.enter()

        for fmt in ["docx", "html"]:
            path = os.path.join(outdir, "york." + fmt)
            m.run("export", "briefing", audit, "--format", fmt, "-o", path, "--force")
            check(os.path.getsize(path) > 0, "the %s briefing is written" % fmt)
        for layout, most in [("standard", 6), ("seven-minute", 2)]:
            pdf = os.path.join(outdir, "york-%s.pdf" % layout)
            r = m.run("export", "briefing", audit, "--layout", layout, "--format", "pdf", "-o",
                      pdf, "--force")
            check("seven-minute briefing is about" not in r.stderr,
                  "maca does not say the %s briefing is too long: %s" % (layout, r.stderr))
            pages, (w, h) = pdf_pages(pdf)
            print("%s: %d page(s), %.0f x %.0f pt" % (layout, pages, w, h))
            check(pages <= most, "the %s PDF has %d pages, at most %d" % (layout, pages, most))
            check(abs(w - 595) < 3 and abs(h - 842) < 3, "the %s PDF is A4" % layout)
            text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True,
                                  check=True).stdout
            # Ligatures (fi, ff) as letters, and the lines as the words they hold.
            text = " ".join(unicodedata.normalize("NFKC", text).split())
            check("Briefing of our learning (June 2025)" in text,
                  "the %s PDF shows its title" % layout)
            check("Where it was identified that the Independent Domestic Abuse Service" in text,
                  "the %s PDF shows the learning" % layout)
            for old in os.listdir(outdir):
                if old.startswith("york-%s-" % layout) and old.endswith(".png"):
                    os.unlink(os.path.join(outdir, old))
            subprocess.run(["pdftoppm", "-png", "-r", "60", pdf,
                            os.path.join(outdir, "york-%s" % layout)], check=True)
        seven.check_too_long()
    finally:
        shutil.rmtree(home)
    if failures:
        print("%d check(s) failed" % len(failures), file=sys.stderr)
        return 1
    print("York's briefing came back as York wrote it; PDF pages in %s" % outdir)
    return 0


class York7:
    """The seven-minute version a chair would make of York's briefing."""

    def __init__(self, m, audit, seed):
        self.m, self.audit, self.seed = m, audit, seed

    def enter(self):
        m, audit, seed = self.m, self.audit, self.seed
        paragraphs = seed["background"].split("\n\n")
        day = next(p for p in paragraphs if p.startswith("The most recent theme"))
        focus = next(p for p in paragraphs if p.startswith("This audit focused"))
        seven = ["--layout", "seven-minute"]
        m.run("briefing", "text", audit, "background", "--text", day, *seven)
        m.run("briefing", "text", audit, "why-it-matters", "--text", focus, *seven)
        # What we found: York's themes and sample statement, as the standard one has them.
        m.run("briefing", "off", audit, "findings", *seven)
        m.run("briefing", "on", audit, "themes", *seven)
        m.run("briefing", "heading", audit, "themes", "--to", "What we found", *seven)
        m.run("briefing", "move", audit, "themes", "3", *seven)
        m.run("briefing", "set", audit, "--key-learning", "1,2,4")
        m.run("briefing", "text", audit, "what-to-do", "--text-file", "-", *seven,
              stdin="- Invite the Independent Domestic Abuse Service to strategy meetings "
              "where it works with the family.\n- Share Child in Need minutes, assessments "
              "and plans with every partner.\n- Make safety plans multi-agency.\n")
        m.run("briefing", "take", audit, "questions", *seven)
        md = os.path.join(self.m.home, "york-7.md")
        r = m.run("export", "briefing", audit, "-o", md, *seven)
        check("seven-minute briefing is about" not in r.stderr, "York's seven-minute fits")
        with open(md) as f:
            text = f.read()
        for n, heading in enumerate(["Background", "Why it matters", "What we found",
                                     "Key learning", "What to do",
                                     "Questions for your team to reflect on",
                                     "Further information"]):
            check("\n## %d. %s\n" % (n + 1, heading) in text,
                  "the seven-minute briefing has part %d, %s" % (n + 1, heading))
        check("**Learning point 4.** Not all safety plans are joined up" in text,
              "the key learning is the points picked")
        check("Learning point 3." not in text, "a point not picked is left out")

    def check_too_long(self):
        """Long texts in the seven-minute briefing: maca says so."""
        m, audit = self.m, self.audit
        m.run("briefing", "on", audit, "good-practice", "learning", "--layout", "seven-minute")
        r = m.run("export", "briefing", audit, "--layout", "seven-minute", "-o",
                  os.path.join(m.home, "long.md"), "--force")
        check("seven-minute briefing is about" in r.stderr,
              "maca says when the seven-minute briefing is longer than two pages: %s"
              % r.stderr.strip())


if __name__ == "__main__":
    sys.exit(main())
