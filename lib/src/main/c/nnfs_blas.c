/*
 * Zero-copy calls into OpenBLAS for nnfs.math.CriticalBlas.
 *
 * OpenBLAS comes with the library's dependencies (org.bytedeco:openblas, which loads libopenblas_nolapack); JavaCPP's
 * bindings take Java arrays only by copying them into native memory and back. Here the JVM lends OpenBLAS the arrays
 * themselves, with GetPrimitiveArrayCritical, for the length of one call. The address of cblas_dgemm is looked up by
 * the Java side (JavaCPP's Loader.addressof), so this file needs nothing but jni.h to compile.
 *
 * The Java side checks every index and length before calling: nothing here is checked again.
 */
#include <jni.h>
#include <stdint.h>

enum { ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112 };

typedef void (*dgemm_function)(int order, int trans_a, int trans_b, int m, int n, int k, double alpha,
                               const double *a, int lda, const double *b, int ldb, double beta, double *c, int ldc);

/* C = op(A) · op(B) + beta · C, row-major, op(X) = X or Xᵀ; the matrices start at the given offsets of the arrays. */
JNIEXPORT void JNICALL Java_nnfs_math_CriticalBlas_dgemm0(JNIEnv *env, jclass cls, jlong function, jboolean trans_a,
        jboolean trans_b, jint m, jint n, jint k, jdoubleArray a, jint a_offset, jint lda, jdoubleArray b,
        jint b_offset, jint ldb, jdouble beta, jdoubleArray c, jint c_offset, jint ldc) {
    (void) cls;
    double *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
    double *pb = pa == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, b, NULL);
    double *pc = pb == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, c, NULL);
    if (pc != NULL) {
        ((dgemm_function) (intptr_t) function)(ROW_MAJOR, trans_a ? TRANS : NO_TRANS, trans_b ? TRANS : NO_TRANS, m, n,
                                               k, 1.0, pa + a_offset, lda, pb + b_offset, ldb, beta, pc + c_offset,
                                               ldc);
        (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);
    }
    /* The inputs were only read: JNI_ABORT copies nothing back (where the JVM had to copy at all). */
    if (pb != NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);
    }
    if (pa != NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
    }
    /* A NULL from GetPrimitiveArrayCritical left an OutOfMemoryError pending, which the Java caller sees. */
}
