namespace Newsdesk.Benchmarks;

/// <summary>Class-balanced logistic regression for the fitted models: the two fits behind AnswerModel by batch gradient
/// descent with a small L2 penalty (few features, a few thousand rows), and the beat classifier's by Newton's method.</summary>
public static class LogisticRegression
{
    /// <summary>Binary logistic regression, classes weighted to balance.</summary>
    public static (double[] Weights, double Bias) Fit(IReadOnlyList<(double[] X, bool Y)> rows, int iterations = 4000, double rate = 0.5, double l2 = 1e-3)
    {
        var features = rows[0].X.Length;
        var weights = new double[features];
        var bias = 0.0;
        var positives = Math.Max(1, rows.Count(r => r.Y));
        var positiveWeight = rows.Count / (2.0 * positives);
        var negativeWeight = rows.Count / (2.0 * Math.Max(1, rows.Count - positives));
        for (var step = 0; step < iterations; step++)
        {
            var gradient = new double[features];
            var biasGradient = 0.0;
            foreach (var (x, y) in rows)
            {
                var error = (Newsdesk.Answering.AnswerModel.Probability(x, weights, bias) - (y ? 1 : 0)) * (y ? positiveWeight : negativeWeight);
                for (var i = 0; i < features; i++) gradient[i] += error * x[i];
                biasGradient += error;
            }
            for (var i = 0; i < features; i++) weights[i] -= rate * (gradient[i] / rows.Count + l2 * weights[i]);
            bias -= rate * biasGradient / rows.Count;
        }
        return (weights, bias);
    }

    /// <summary>Conditional logit: for each group (one question's sentences), a softmax over the group's scores, fitted
    /// so the sentences that hold the answer get the probability mass.</summary>
    public static double[] FitRanker(IReadOnlyList<IReadOnlyList<(double[] X, bool Y)>> groups, int iterations = 3000, double rate = 0.5, double l2 = 1e-3)
    {
        var features = groups[0][0].X.Length;
        var weights = new double[features];
        for (var step = 0; step < iterations; step++)
        {
            var gradient = new double[features];
            foreach (var group in groups)
            {
                var scores = group.Select(r => Newsdesk.Answering.AnswerModel.Linear(r.X, weights, 0)).ToArray();
                var max = scores.Max();
                var exp = scores.Select(s => Math.Exp(s - max)).ToArray();
                var total = exp.Sum();
                var positives = group.Count(r => r.Y);
                for (var j = 0; j < group.Count; j++)
                {
                    var error = exp[j] / total - (group[j].Y ? 1.0 / positives : 0);
                    for (var i = 0; i < features; i++) gradient[i] += error * group[j].X[i];
                }
            }
            for (var i = 0; i < features; i++) weights[i] -= rate * (gradient[i] / groups.Count + l2 * weights[i]);
        }
        return weights;
    }

    /// <summary>Share of groups whose top-scored row holds the answer.</summary>
    public static double TopOneAccuracy(IReadOnlyList<IReadOnlyList<(double[] X, bool Y)>> groups, double[] weights) =>
        groups.Count == 0 ? 0 : groups.Count(g => g.MaxBy(r => Newsdesk.Answering.AnswerModel.Linear(r.X, weights, 0)).Y) / (double)groups.Count;

    /// <summary>Accuracy, recall and precision at 0.5.</summary>
    public static (double Accuracy, double Recall, double Precision) Measure(IReadOnlyList<(double[] X, bool Y)> rows, double[] weights, double bias)
    {
        int right = 0, truePositive = 0, positives = 0, predicted = 0;
        foreach (var (x, y) in rows)
        {
            var guess = Newsdesk.Answering.AnswerModel.Probability(x, weights, bias) >= 0.5;
            if (guess == y) right++;
            if (y) positives++;
            if (guess) predicted++;
            if (guess && y) truePositive++;
        }
        return (right / (double)Math.Max(1, rows.Count), truePositive / (double)Math.Max(1, positives), truePositive / (double)Math.Max(1, predicted));
    }

    /// <summary>The same balanced, L2-regularised fit for many features (the beat classifier's 384), by Newton's method
    /// (iteratively reweighted least squares): a few hundred examples converge in a handful of steps, with no learning
    /// rate to tune. The bias is not regularised.</summary>
    public static (float[] Weights, double Bias) FitByNewton(IReadOnlyList<float[]> features, IReadOnlyList<bool> labels, double lambda)
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
