package nnfs.losses;

import org.ejml.data.DMatrixRMaj;

import nnfs.data.Targets;

/** The target check of the regression losses: a matrix of values shaped like the predictions. */
final class RegressionTargets {

    private RegressionTargets() {
    }

    static DMatrixRMaj matrix(Loss loss, String method, DMatrixRMaj yPred, Targets yTrue) {
        if (!(yTrue instanceof Targets.Values values)) {
            throw new IllegalArgumentException(loss + "." + method + ": expected a matrix of target values shaped like "
                    + "the predictions, got class labels");
        }
        loss.checkTargets(method, yPred, yTrue);
        return values.matrix();
    }
}
