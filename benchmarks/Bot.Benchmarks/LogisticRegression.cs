using System.Numerics.Tensors;

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
        // Each row with a trailing 1 for the bias, as doubles, so the Hessian's rows are built with vector operations.
        var rows = features.Select(x => x.Select(v => (double)v).Append(1.0).ToArray()).ToList();
        var beta = new double[n];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[n];
            var hessian = new double[n * n]; // lower triangle, row by row
            for (var i = 0; i < rows.Count; i++)
            {
                var x = rows[i];
                var p = 1 / (1 + Math.Exp(-TensorPrimitives.Dot<double>(beta, x)));
                var w = weightOf[labels[i] ? 1 : 0];
                TensorPrimitives.MultiplyAdd(x, w * (p - (labels[i] ? 1 : 0)), gradient, gradient);
                var curvature = w * Math.Max(p * (1 - p), 1e-9);
                for (var a = 0; a < n; a++)
                {
                    var row = hessian.AsSpan(a * n, a + 1);
                    TensorPrimitives.MultiplyAdd(x.AsSpan(0, a + 1), curvature * x[a], row, row);
                }
            }
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < a; b++) hessian[b * n + a] = hessian[a * n + b];
                if (a < dimensions) { gradient[a] += lambda * beta[a]; hessian[a * n + a] += lambda; }
            }
            var step = Solve(hessian, gradient, n);
            var largest = 0.0;
            for (var a = 0; a < n; a++) { beta[a] -= step[a]; largest = Math.Max(largest, Math.Abs(step[a])); }
            if (largest < 1e-6) break;
        }
        return (beta.Take(dimensions).Select(b => (float)b).ToArray(), beta[dimensions]);
    }

    /// <summary>Gaussian elimination with partial pivoting on a row-major n×n matrix (the Hessian is symmetric positive
    /// definite with λ > 0); both arguments are overwritten.</summary>
    private static double[] Solve(double[] a, double[] b, int n)
    {
        for (var column = 0; column < n; column++)
        {
            var pivot = column;
            for (var row = column + 1; row < n; row++) if (Math.Abs(a[row * n + column]) > Math.Abs(a[pivot * n + column])) pivot = row;
            if (pivot != column)
            {
                var swap = a.AsSpan(column * n, n).ToArray();
                a.AsSpan(pivot * n, n).CopyTo(a.AsSpan(column * n, n));
                swap.CopyTo(a.AsSpan(pivot * n, n));
                (b[column], b[pivot]) = (b[pivot], b[column]);
            }
            var pivotRow = a.AsSpan(column * n + column, n - column);
            for (var row = column + 1; row < n; row++)
            {
                var factor = a[row * n + column] / a[column * n + column];
                if (factor == 0) continue;
                var target = a.AsSpan(row * n + column, n - column);
                TensorPrimitives.MultiplyAdd(pivotRow, -factor, target, target);
                b[row] -= factor * b[column];
            }
        }
        var solution = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = b[row] - TensorPrimitives.Dot<double>(a.AsSpan(row * n + row + 1, n - row - 1), solution.AsSpan(row + 1));
            solution[row] = sum / a[row * n + row];
        }
        return solution;
    }
}
