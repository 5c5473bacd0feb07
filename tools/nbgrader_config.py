# nbgrader's settings for this course (copied next to the teacher edition by `make book`: build/teacher/).
#
# The notebooks are Java. nbgrader's own stub for Java is the comment "// YOUR CODE HERE", which leaves a method that
# must return a value without a return statement, so the student's notebook would not compile. Here the stub throws
# instead, as in the course's own student edition (build/student/), and the exercise's check reports it as
# "not attempted". The solution markers are nbgrader's defaults, written in Java comments in the notebooks:
# "// ### BEGIN SOLUTION: <what to do>" and "// ### END SOLUTION".
c = get_config()  # noqa: F821 (nbgrader provides get_config)

c.ClearSolutions.code_stub = {
    "java": 'throw new UnsupportedOperationException("exercise not attempted: write your code here");',
}
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
