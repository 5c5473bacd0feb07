/**
 * The checks behind the exercises at the end of every chapter.
 *
 * <p>An exercise gives the student a piece of the chapter to write: a method body, a class against one of the
 * library's interfaces ({@link nnfs.layers.Layer}, {@link nnfs.activations.ActivationFunction},
 * {@link nnfs.losses.Loss}, {@link nnfs.optimizers.Optimizer}, {@link nnfs.metrics.Accuracy}), a prediction of what a
 * cell prints, or the answer to a question found by experiment. The cell after it calls one method of this package,
 * e.g. {@code Chapter04.checkDenseBackward(MyDense::new)}, which runs the student's code against the library's own
 * on several inputs (and, where there is a derivative, against a finite-difference gradient check) and either prints
 * one line starting with ✔ that says what was verified, or throws an {@link nnfs.exercises.ExerciseFailure} whose
 * message starts with ✘ and names the first difference, with a hint where the mistake is a typical one. A check
 * never prints the solution. Code that still throws the student edition's stub
 * ({@code UnsupportedOperationException("exercise 4.2: …")}) is reported as not attempted.
 *
 * <p>{@link nnfs.exercises.Exercise} is the toolkit every chapter's checks are written with; each chapter's checks
 * live in a class of their own, {@code Chapter01} to {@code Chapter13}.
 */
package nnfs.exercises;
