"""The exercises of every chapter, and the two editions of the notebooks made from one source.

    python tools/editions.py                  check every notebook's exercises, write build/student/ and build/teacher/
    python tools/editions.py --check          only check (nbgrader metadata, markers, numbering); write nothing

The committed notebooks are the source: each chapter ends with a `## Exercises` section whose cells carry nbgrader's
metadata, with the solutions written between nbgrader's markers, in Java comments:

    ### Exercise 4.3: a dense layer's backward pass           (Markdown: the task)
    ...given code, or cells to experiment in (no metadata)...
    // ### BEGIN SOLUTION: set dweights, dbiases and dinputs    (code cell, nbgrader solution, grade_id ex4.3-solution)
    ...the solution...
    // ### END SOLUTION
    Chapter04.checkDenseBackward(MyDense::new);                 (code cell, nbgrader grade + locked, ex4.3-check)

The text after "BEGIN SOLUTION:" says what the student must do. The student edition replaces each solution region
with a stub that compiles and throws it, `throw new UnsupportedOperationException("exercise 4.3: set dweights, ...")`,
which the check reports as "not attempted"; the region must therefore end its method body. The teacher edition is
the source as committed. nbgrader itself (`nbgrader generate_assignment`) makes the same student edition from the
teacher edition with tools/nbgrader_config.py, whose Java stub is the same throw with a general message.
"""
import argparse
import copy
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"
NBGRADER_CONFIG = Path(__file__).resolve().parent / "nbgrader_config.py"

EXERCISES_HEADING = "## Exercises"
EXERCISE_HEADING = re.compile(r"^### Exercise (\d+)\.(\d+): (\S.*)$")
BEGIN = re.compile(r"^(\s*)// ### BEGIN SOLUTION: (\S.*?)\s*$")
END = re.compile(r"^\s*// ### END SOLUTION\s*$")
SOLUTION_ID = re.compile(r"^ex(\d+)\.(\d+)-solution$")
CHECK_ID = re.compile(r"^ex(\d+)\.(\d+)-check$")
NBGRADER_SCHEMA = 3


class ExerciseError(Exception):
    """A notebook's exercises break a rule; the message names the notebook, the cell and the rule."""


@dataclass
class Exercise:
    number: str                     # "4.3"
    title: str                      # "a dense layer's backward pass"
    heading: int                    # index of the Markdown cell "### Exercise 4.3: ..."
    solution: int = -1              # index of the solution cell
    check: int = -1                 # index of the check cell
    points: float = 0
    tasks: list = field(default_factory=list)   # what each solution region asks for


def nbgrader(cell):
    return cell.get("metadata", {}).get("nbgrader")


def regions(source):
    """The solution regions of a cell's source: (first line, last line, indentation, task) for each, in order."""
    found = []
    start = None
    lines = source.split("\n")
    for index, line in enumerate(lines):
        begin = BEGIN.match(line)
        if begin:
            if start is not None:
                raise ExerciseError(f"line {index + 1}: a BEGIN SOLUTION inside another solution region")
            start = (index, begin.group(1), begin.group(2))
        elif "BEGIN SOLUTION" in line:
            raise ExerciseError(f"line {index + 1}: expected '// ### BEGIN SOLUTION: <what to do>', got "
                                f"'{line.strip()}'")
        elif END.match(line):
            if start is None:
                raise ExerciseError(f"line {index + 1}: END SOLUTION without a BEGIN SOLUTION")
            following = [rest.strip() for rest in lines[index + 1:] if rest.strip()]
            if not following or not following[0].startswith("}"):
                raise ExerciseError(f"line {index + 1}: a solution region must end its method body (the stub is a "
                                    f"throw, so no statement may follow it), but '{following[0] if following else ''}'"
                                    f" follows")
            found.append((start[0], index, start[1], start[2]))
            start = None
        elif "END SOLUTION" in line:
            raise ExerciseError(f"line {index + 1}: expected '// ### END SOLUTION', got '{line.strip()}'")
    if start is not None:
        raise ExerciseError(f"line {start[0] + 1}: BEGIN SOLUTION without an END SOLUTION")
    return found


def stub_line(number, task):
    message = f"exercise {number}: {task}".replace("\\", "\\\\").replace('"', '\\"')
    return f'throw new UnsupportedOperationException("{message}");'


def without_solutions(source, number):
    """The source with every solution region replaced by its stub, at the region's indentation."""
    lines = source.split("\n")
    out = []
    position = 0
    for first, last, indent, task in regions(source):
        out.extend(lines[position:first])
        out.append(indent + stub_line(number, task))
        position = last + 1
    out.extend(lines[position:])
    return "\n".join(out)


def exercises(nb, name="notebook"):
    """The notebook's exercises, checked against every rule of the course and of nbgrader's metadata (schema 3).

    Rules: the section starts with a `## Exercises` Markdown cell after the chapter's summary; each exercise is a
    `### Exercise N.k: title` cell, numbered 1, 2, ... within chapter N, followed by exactly one solution cell
    (nbgrader solution, not graded, unlocked, grade_id exN.k-solution, at least one region) and then exactly one
    check cell (graded, locked, not a solution, points > 0, grade_id exN.k-check) before the next exercise. Every
    nbgrader cell has schema_version 3 and boolean grade/solution/locked; grade_ids are unique.
    """
    def fail(index, message):
        raise ExerciseError(f"{name}, cell {index}: {message}")

    chapter = int(name[:2]) if name[:2].isdigit() else None
    section = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"
               and c.source.strip().splitlines()[:1] == [EXERCISES_HEADING]]
    ids = {}
    for index, cell in enumerate(nb.cells):
        meta = nbgrader(cell)
        if meta is None:
            continue
        if meta.get("schema_version") != NBGRADER_SCHEMA:
            fail(index, f"nbgrader schema_version must be {NBGRADER_SCHEMA}, got {meta.get('schema_version')}")
        for key in ("grade", "solution", "locked"):
            if not isinstance(meta.get(key), bool):
                fail(index, f"nbgrader metadata needs a boolean '{key}', got {meta.get(key)!r}")
        if meta["grade"] or meta["solution"] or meta["locked"]:
            grade_id = meta.get("grade_id")
            if not grade_id:
                fail(index, "an nbgrader cell needs a grade_id")
            if grade_id in ids:
                fail(index, f"grade_id {grade_id} is used by cell {ids[grade_id]} too")
            ids[grade_id] = index
        if meta["grade"] and not (isinstance(meta.get("points"), (int, float)) and meta["points"] > 0):
            fail(index, f"a graded cell needs points > 0, got {meta.get('points')!r}")
        if cell.cell_type == "markdown" and meta["grade"] != meta["solution"] and not meta.get("task"):
            fail(index, "a Markdown nbgrader cell must be both graded and a solution, or neither")
        if section and index < section[0]:
            fail(index, "nbgrader cells belong in the Exercises section")
    if not section:
        return []
    if len(section) > 1:
        fail(section[1], "a second '## Exercises' section")
    start = section[0]
    if not any(c.cell_type == "markdown" and c.source.lstrip().startswith("## What we learned")
               for c in nb.cells[:start]):
        fail(start, "the Exercises section follows the chapter's summary ('## What we learned')")

    found = []
    current = None
    for index in range(start + 1, len(nb.cells)):
        cell = nb.cells[index]
        meta = nbgrader(cell)
        heading = EXERCISE_HEADING.match(cell.source.strip().splitlines()[0]) if cell.cell_type == "markdown" \
            and cell.source.strip() else None
        if heading:
            if current is not None and current.check < 0:
                fail(index, f"exercise {current.number} has no check cell before the next exercise")
            number = f"{heading.group(1)}.{heading.group(2)}"
            if chapter is not None and int(heading.group(1)) != chapter:
                fail(index, f"exercise {number} in chapter {chapter}: exercises are numbered {chapter}.1, {chapter}.2,"
                            f" ...")
            if int(heading.group(2)) != len(found) + 1:
                fail(index, f"exercise {number} should be {heading.group(1)}.{len(found) + 1}: numbered in order")
            current = Exercise(number, heading.group(3).strip(), index)
            found.append(current)
            continue
        if meta is None or not (meta["grade"] or meta["solution"]):
            if cell.cell_type == "code" and "BEGIN SOLUTION" in cell.source:
                fail(index, "solution markers in a cell without nbgrader's solution metadata")
            continue
        if current is None:
            fail(index, "an nbgrader cell before the first '### Exercise N.k: title'")
        if meta["solution"]:
            if cell.cell_type != "code" or meta["grade"] or meta["locked"]:
                fail(index, "a solution cell is a code cell, not graded and not locked")
            if current.solution >= 0:
                fail(index, f"exercise {current.number} has a second solution cell (cell {current.solution})")
            if current.check >= 0:
                fail(index, f"exercise {current.number}: the solution comes before its check")
            if meta["grade_id"] != f"ex{current.number}-solution":
                fail(index, f"expected grade_id ex{current.number}-solution, got {meta['grade_id']}")
            try:
                found_regions = regions(cell.source)
            except ExerciseError as e:
                fail(index, str(e))
            if not found_regions:
                fail(index, "a solution cell without '// ### BEGIN SOLUTION: ...' / '// ### END SOLUTION'")
            current.solution = index
            current.tasks = [task for _, _, _, task in found_regions]
        else:
            if cell.cell_type != "code" or not meta["locked"]:
                fail(index, "a check cell is a locked code cell")
            if current.solution < 0:
                fail(index, f"exercise {current.number}: a check before any solution cell")
            if current.check >= 0:
                fail(index, f"exercise {current.number} has a second check cell (cell {current.check})")
            if meta["grade_id"] != f"ex{current.number}-check":
                fail(index, f"expected grade_id ex{current.number}-check, got {meta['grade_id']}")
            if "BEGIN SOLUTION" in cell.source:
                fail(index, "a check cell holds no solution")
            current.check = index
            current.points = meta["points"]
    if current is not None and current.check < 0:
        fail(len(nb.cells) - 1, f"exercise {current.number} has no check cell")
    return found


def clean(nb):
    """A copy without outputs or execution counts: what a student opens."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def teacher(nb):
    """The teacher edition: the notebook as committed, solutions in place."""
    return clean(nb)


def student(nb, name="notebook"):
    """The student edition: every solution region replaced by a stub that compiles and throws."""
    found = {e.solution: e for e in exercises(nb, name)}
    nb = clean(nb)
    for index, exercise in found.items():
        nb.cells[index].source = without_solutions(nb.cells[index].source, exercise.number)
    return nb


def notebook_paths():
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def write(out=BUILD, log=print):
    """Writes out/student/ and out/teacher/ (the teacher edition with nbgrader_config.py); returns the exercises."""
    import nbformat
    result = {}
    staging = {kind: out / f"{kind}.partial" for kind in ("student", "teacher")}
    for directory in staging.values():
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        result[path.name] = exercises(nb, path.name)
        nbformat.write(student(nb, path.name), staging["student"] / path.name)
        nbformat.write(teacher(nb), staging["teacher"] / path.name)
    shutil.copyfile(NBGRADER_CONFIG, staging["teacher"] / NBGRADER_CONFIG.name)
    for kind, directory in staging.items():
        final = out / kind
        shutil.rmtree(final, ignore_errors=True)
        directory.rename(final)
    total = sum(len(found) for found in result.values())
    points = sum(e.points for found in result.values() for e in found)
    log(f"editions -> {out / 'student'} and {out / 'teacher'}: {len(result)} notebooks, {total} exercises, "
        f"{points:g} points")
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only check the exercises; write nothing")
    parser.add_argument("--out", type=Path, default=BUILD, help="where student/ and teacher/ go (build)")
    args = parser.parse_args(argv)
    try:
        if args.check:
            import nbformat
            for path in notebook_paths():
                found = exercises(nbformat.read(path, as_version=4), path.name)
                print(f"{path.name}: {len(found)} exercises, {sum(e.points for e in found):g} points")
        else:
            write(args.out.resolve())
    except ExerciseError as e:
        print(f"editions: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
