"""The ``course`` command.

    course build [UNIT ...] [--force]    render sources and release changed units into release/
    course build --check                 rebuild in a temporary folder; fail if release/ is stale
    course workspace                     copy release/ into work/ (yours); never overwrite a copy
    course check NOTEBOOK                check a notebook's answer cells outside its kernel
    course grade [UNIT ...]              grade nbgrader submissions in parallel, outside the kernel
    course grade --scheduler ADDRESS     the same, on a Dask cluster
    course bench conv [--threads N]      time course.nn's convolution against PyTorch's
    course bench grade [N] [--unit U]    seconds per submission: stock nbgrader vs course grade
"""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    build_cmd = commands.add_parser("build", help="render sources and release them with nbgrader")
    build_cmd.add_argument("units", nargs="*", help="units to build (default: all)")
    build_cmd.add_argument("--force", action="store_true", help="release even if nothing changed")
    build_cmd.add_argument("--check", action="store_true",
                           help="rebuild in a temporary folder and fail if release/ differs")

    commands.add_parser("workspace", help="copy new notebooks from release/ into work/, never over a copy")

    check_cmd = commands.add_parser("check", help="check the answer cells of a notebook")
    check_cmd.add_argument("notebook", help="path of an .ipynb")

    grade_cmd = commands.add_parser("grade", help="grade submitted/ outside the students' kernels")
    grade_cmd.add_argument("units", nargs="*", help="units to grade (default: all submitted)")
    grade_cmd.add_argument("--jobs", type=int, default=2, help="submissions graded at once")
    grade_cmd.add_argument("--timeout", type=float, default=60,
                           help="seconds for each exercise's cases (and for running the answer cells)")
    grade_cmd.add_argument("--memory", type=int, default=2048, help="MiB for each submission")
    grade_cmd.add_argument("--no-sandbox", action="store_true",
                           help="run answers without bubblewrap (trusted notebooks only)")
    grade_cmd.add_argument("--seed", type=int, help="seed of the hidden cases (default: random)")
    grade_cmd.add_argument("--scheduler", metavar="ADDRESS",
                           help="grade on this Dask cluster (e.g. tcp://host:8786), one task per submission")

    bench_cmd = commands.add_parser("bench", help="benchmarks of the reference layers")
    bench_cmd.add_argument("what", choices=["conv", "grade"], help="what to time")
    bench_cmd.add_argument("n", nargs="?", type=int, default=12, help="grade: number of submissions")
    bench_cmd.add_argument("--unit", default="u00_numpy", help="grade: the unit submitted")
    bench_cmd.add_argument("--jobs", type=int, default=2, help="grade: parallel submissions / Dask workers")
    bench_cmd.add_argument("--threads", type=int, default=1, help="BLAS / PyTorch threads")
    bench_cmd.add_argument("--repeats", type=int, default=5, help="runs per layer (the best is kept)")

    args = parser.parse_args(argv)
    if args.command == "bench" and args.what == "grade":
        from .bench_grading import grading_benchmark
        grading_benchmark(n=args.n, unit=args.unit, jobs=args.jobs)
        return 0
    if args.command == "bench":
        from .bench import conv_benchmark
        conv_benchmark(repeats=args.repeats, threads=args.threads)
        return 0
    if args.command == "build":
        return _build(args)
    if args.command == "workspace":
        from .workspace import WORK, update_workspace
        messages = update_workspace()
        for message in messages:
            print(message)
        if messages:
            print(f"Your notebooks are in {WORK}/<unit>/; `make lab` never overwrites them.")
        return 0
    if args.command == "check":
        from .grading import Settings, check_notebook
        from .sandbox.host import bwrap_works
        return 0 if check_notebook(args.notebook, Settings(isolate=bwrap_works())) else 1
    from .grading import main_grade
    return main_grade(args)


def _build(args) -> int:
    from .build import build, check_release
    if args.check:
        problems = check_release()
        for problem in problems:
            print(problem)
        if problems:
            print("release/ is stale: run `course build` (or `make build`) and commit release/.")
            return 1
        print("release/ is up to date.")
        return 0
    released = build(only=args.units or None, force=args.force)
    print(f"released: {', '.join(released)}" if released else "release/ is up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
