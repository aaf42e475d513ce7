"""Reference NumPy implementations, by topic.

Function names and signatures are those of the exercises; the checks in ``course.checks`` compare
students' functions with these.
"""
