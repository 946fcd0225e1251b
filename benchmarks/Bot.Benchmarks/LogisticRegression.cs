namespace Newsdesk.Benchmarks;

/// <summary>L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares): a few
/// hundred examples of 384 features converge in a handful of steps, with no learning rate to tune. Classes are weighted
/// to equal total weight, since music stories are about one in eight.</summary>
public static class LogisticRegression
{
    public static (float[] Weights, double Bias) Fit(IReadOnlyList<float[]> features, IReadOnlyList<bool> labels, double lambda)
    {
        var dimensions = features[0].Length;
        var n = dimensions + 1; // the last coefficient is the bias (not regularised)
        var positives = labels.Count(l => l);
        var weightOf = new[] { labels.Count / (2.0 * (labels.Count - positives)), labels.Count / (2.0 * positives) };
        var beta = new double[n];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[n];
            var hessian = new double[n, n];
            for (var i = 0; i < features.Count; i++)
            {
                var x = features[i];
                var z = beta[dimensions];
                for (var d = 0; d < dimensions; d++) z += beta[d] * x[d];
                var p = 1 / (1 + Math.Exp(-z));
                var w = weightOf[labels[i] ? 1 : 0];
                var residual = w * (p - (labels[i] ? 1 : 0));
                var curvature = w * Math.Max(p * (1 - p), 1e-9);
                for (var a = 0; a < n; a++)
                {
                    var xa = a < dimensions ? x[a] : 1;
                    gradient[a] += residual * xa;
                    for (var b = 0; b <= a; b++) hessian[a, b] += curvature * xa * (b < dimensions ? x[b] : 1);
                }
            }
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < a; b++) hessian[b, a] = hessian[a, b];
                if (a < dimensions) { gradient[a] += lambda * beta[a]; hessian[a, a] += lambda; }
            }
            var step = Solve(hessian, gradient);
            var largest = 0.0;
            for (var a = 0; a < n; a++) { beta[a] -= step[a]; largest = Math.Max(largest, Math.Abs(step[a])); }
            if (largest < 1e-6) break;
        }
        return (beta.Take(dimensions).Select(b => (float)b).ToArray(), beta[dimensions]);
    }

    /// <summary>Gaussian elimination with partial pivoting (the Hessian is symmetric positive definite with λ > 0).</summary>
    private static double[] Solve(double[,] matrix, double[] vector)
    {
        var n = vector.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])vector.Clone();
        for (var column = 0; column < n; column++)
        {
            var pivot = column;
            for (var row = column + 1; row < n; row++) if (Math.Abs(a[row, column]) > Math.Abs(a[pivot, column])) pivot = row;
            if (pivot != column)
            {
                for (var k = 0; k < n; k++) (a[column, k], a[pivot, k]) = (a[pivot, k], a[column, k]);
                (b[column], b[pivot]) = (b[pivot], b[column]);
            }
            for (var row = column + 1; row < n; row++)
            {
                var factor = a[row, column] / a[column, column];
                if (factor == 0) continue;
                for (var k = column; k < n; k++) a[row, k] -= factor * a[column, k];
                b[row] -= factor * b[column];
            }
        }
        var x = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var k = row + 1; k < n; k++) sum -= a[row, k] * x[k];
            x[row] = sum / a[row, row];
        }
        return x;
    }
}
