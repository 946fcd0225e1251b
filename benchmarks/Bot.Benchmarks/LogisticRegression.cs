namespace Newsdesk.Benchmarks;

/// <summary>The two fits behind AnswerModel, by batch gradient descent with a small L2 penalty: few features and a few
/// thousand rows, so nothing cleverer is needed.</summary>
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
}
