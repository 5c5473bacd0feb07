"""The exercises at the end of every chapter, and the student and teacher editions made from them.

Checked here: every chapter has 3 to 5 exercises (at least 40 in all), and its nbgrader metadata is what nbgrader
needs (tools/editions.py applies nbgrader's own rules: unique grade_ids, points on every graded cell, solution cells
marked, schema 3); the student edition differs from the teacher edition only inside the solution regions, each
replaced by a stub that throws; the teacher edition is the committed notebook. Executed: every check passes on the
teacher edition (in the full run of tests/test_notebooks.py, whose executed notebooks this reuses), and in the student
edition every solution cell compiles and every check says "not attempted" for its own exercise, and nothing else
fails. That the checks also fail, with their hints, on typical wrong answers is tested in Java, next to the checks
(lib/src/test/java/nnfs/exercises/).
"""
import re

import nbformat
import pytest

import editions  # tools/editions.py
from conftest import executed, notebooks

PATHS = notebooks.notebook_paths()


def source(path):
    return nbformat.read(path, as_version=4)


def found(path):
    return editions.exercises(source(path), path.name)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_three_to_five_exercises_per_chapter(path):
    assert 3 <= len(found(path)) <= 5, f"{path.name}: {len(found(path))} exercises"


def test_at_least_forty_exercises_in_all():
    assert sum(len(found(path)) for path in PATHS) >= 40


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_exercises_close_the_chapter_and_the_notebook_ends_in_text(path):
    nb = source(path)
    first = found(path)[0].heading
    assert nb.cells[-1].cell_type == "markdown"
    assert all(editions.nbgrader(c) is None for c in nb.cells[:first])


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_nbgrader_metadata_is_complete(path):
    nb = source(path)
    ids = [editions.nbgrader(c)["grade_id"] for c in nb.cells if editions.nbgrader(c)]
    assert len(ids) == len(set(ids)), "grade_ids are unique"
    for exercise in found(path):
        solution = editions.nbgrader(nb.cells[exercise.solution])
        check = editions.nbgrader(nb.cells[exercise.check])
        assert solution == {"grade": False, "grade_id": f"ex{exercise.number}-solution", "locked": False,
                            "schema_version": 3, "solution": True, "task": False}
        assert check["grade"] and check["locked"] and not check["solution"] and check["points"] > 0
        assert check["grade_id"] == f"ex{exercise.number}-check"
        # The check calls the chapter's checks, and nothing else: one entry point.
        assert re.search(rf"\bChapter{path.name[:2]}\.check\w+\(", nb.cells[exercise.check].source), \
            f"exercise {exercise.number}: the check cell calls Chapter{path.name[:2]}.check..."


def test_the_rules_catch_broken_metadata():
    nb = source(PATHS[3])
    exercise = editions.exercises(nb, PATHS[3].name)[0]
    broken = nbformat.from_dict(nb)
    del editions.nbgrader(broken.cells[exercise.check])["points"]
    with pytest.raises(editions.ExerciseError, match="a graded cell needs points > 0"):
        editions.exercises(broken, PATHS[3].name)
    broken = nbformat.from_dict(nb)
    editions.nbgrader(broken.cells[exercise.check])["grade_id"] = f"ex{exercise.number}-solution"
    with pytest.raises(editions.ExerciseError, match="is used by cell"):
        editions.exercises(broken, PATHS[3].name)
    broken = nbformat.from_dict(nb)
    broken.cells[exercise.solution].source += "\nSystem.out.println();"
    broken.cells[exercise.solution].source = broken.cells[exercise.solution].source.replace(
        "// ### END SOLUTION", "// ### END SOLUTION\n        System.out.println();", 1)
    with pytest.raises(editions.ExerciseError, match="must end its method body"):
        editions.exercises(broken, PATHS[3].name)


def test_stubs_replace_exactly_the_regions():
    code = ("int f(int x) {\n    int y = 1;\n    // ### BEGIN SOLUTION: return x + y\n    return x + y;\n"
            "    // ### END SOLUTION\n}")
    assert editions.without_solutions(code, "9.1") == (
        'int f(int x) {\n    int y = 1;\n    throw new UnsupportedOperationException("exercise 9.1: return x + y");\n}')


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_student_edition_hides_every_solution_and_changes_nothing_else(path):
    nb = source(path)
    student = editions.student(nb, path.name)
    teacher = editions.teacher(nb)
    solutions = {e.solution: e for e in found(path)}
    assert len(student.cells) == len(teacher.cells) == len(nb.cells)
    for index, (s, t, committed) in enumerate(zip(student.cells, teacher.cells, nb.cells)):
        assert t.source == committed.source, "the teacher edition is the committed notebook"
        if index in solutions:
            assert "BEGIN SOLUTION" not in s.source and "END SOLUTION" not in s.source
            number = solutions[index].number
            assert s.source.count(f'throw new UnsupportedOperationException("exercise {number}: ') == \
                len(solutions[index].tasks)
        else:
            assert s.source == t.source


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_every_check_passes_on_the_solutions(path):
    nb, _ = executed(path)
    for exercise in found(path):
        outputs = nb.cells[exercise.check].outputs
        text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
        assert not [o for o in outputs if o.output_type == "error"], f"exercise {exercise.number} failed"
        assert text.startswith(f"✔ Exercise {exercise.number} ("), f"exercise {exercise.number} printed {text!r}"


def exercises_only(nb):
    """The student edition's exercise section with the notebook's first cell (%jars): the section runs on its own."""
    start = next(i for i, c in enumerate(nb.cells)
                 if c.cell_type == "markdown" and c.source.startswith(editions.EXERCISES_HEADING))
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    return nbformat.v4.new_notebook(cells=[first_code] + nb.cells[start:], metadata=nb.metadata)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_student_edition_compiles_and_says_not_attempted(path):
    student = editions.student(source(path), path.name)
    section = exercises_only(student)
    run, _ = notebooks.execute(path, notebook=section, allow_errors=True)
    offset = len(student.cells) - len(section.cells)
    checks = {e.check - offset: e.number for e in found(path)}
    for index, cell in enumerate(run.cells):
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        if index in checks:
            assert errors, f"the check of exercise {checks[index]} passed on the stub"
            assert errors[0].evalue.startswith(f"✘ Exercise {checks[index]} not attempted yet: "), errors[0].evalue
        else:
            assert not errors, f"cell {index + offset} of the student edition fails: {errors[0].ename} " \
                               f"{errors[0].evalue} {''.join(errors[0].traceback)[:500]}"
