"""nbgrader settings for this course. The course root is the folder of this file, wherever it is."""
import os

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "dl-course"
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
# Instructor notebooks are written as jupytext .py files; only the .ipynb built from them are
# released, so the .py sources (which hold the solutions) never reach students.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.py", "*.md"]
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(c.CourseDirectory.root, "gradebook.db")

# The exchange (release_assignment, fetch_assignment, submit, collect, JupyterLab's Assignments
# panel). nbgrader's default, /usr/local/share/nbgrader/exchange, needs root; this one does not.
# Default: exchange/ in this folder (git-ignored), enough when instructor and students share one
# clone. Otherwise set COURSE_EXCHANGE_DIR, for the instructor and every student, to one folder
# they can all reach; release_assignment creates it.
c.Exchange.root = os.environ.get("COURSE_EXCHANGE_DIR") or os.path.join(c.CourseDirectory.root, "exchange")
# The default folder is made here, open to all with the sticky bit as release_assignment makes it,
# so that the Formgrader does not open with "the exchange directory does not exist" before the
# first release. A COURSE_EXCHANGE_DIR is the administrator's to create.
if not os.environ.get("COURSE_EXCHANGE_DIR") and not os.path.isdir(c.Exchange.root):
    try:
        os.makedirs(c.Exchange.root)
        os.chmod(c.Exchange.root, 0o1777)
    except OSError:
        pass

# zip_collect: file names as in Canvas's "Download Submissions" archive,
# <name>_[late_]<user id>_<submission id>_<notebook>[-<n>].ipynb (-<n> marks a resubmission).
# The student id is the Canvas user id. The pattern is matched against the whole path.
c.FileNameCollectorPlugin.named_regexp = (
    r".*/[^/_]+_(?:late_|LATE_)?(?P<student_id>\d+)_\d+_(?P<file_id>[^/]+?)(?:-\d+)?\.ipynb$"
)

# Executing notebooks (validate, autograde): per-cell timeout, and short tracebacks so that a
# failing check shows the student's message, not the test code around it.
c.Execute.timeout = 120
c.Execute.interrupt_on_timeout = True
c.Execute.extra_arguments = ["--HistoryManager.hist_file=:memory:", "--InteractiveShell.xmode=Minimal"]

# A safety net only: test cells are written so that nothing reaches stderr.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"(WARNING \| No such comm|Matplotlib is building the font cache)"

# Feedback shows the student's results, never the hidden tests' code, and its math renders
# offline: formulas become MathML (course.feedback) and the template loads no MathJax from a CDN.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "course.feedback.MathAsMathML",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
c.HTMLExporter.template_name = "course_feedback"
c.HTMLExporter.extra_template_basedirs = [  # ours first, then nbgrader's (which ours extends)
    os.path.join(__import__("course").__path__[0], "templates"),
    os.path.join(__import__("nbgrader").__path__[0], "server_extensions", "formgrader", "templates"),
]

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# A test cell a student deleted is put back from the gradebook and graded (0 if its exercise is
# not done), not left "needing manual grading". course grade builds nbgrader's input itself, so
# this matters only for stock nbgrader autograde.
c.OverwriteCells.add_missing_cells = True
