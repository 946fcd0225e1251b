namespace Newsdesk.Tests.Stories;

/// <summary>Counts from scoring briefs against references; added up over a split, then read as rates.</summary>
public sealed record BriefScore(
    int PartiesFound, int PartiesExpected, int PredictedRight, int PredictedCounted,
    int ClaimsRight, int ClaimsExpected,
    int DatesRight, int EventsExpected, int PairsInOrder, int Pairs,
    int LinesSupported, int Lines,
    int OpenFound, int OpenExpected, int ContestsFound, int ContestsExpected)
{
    public static BriefScore Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static BriefScore operator +(BriefScore a, BriefScore b) => new(
        a.PartiesFound + b.PartiesFound, a.PartiesExpected + b.PartiesExpected, a.PredictedRight + b.PredictedRight, a.PredictedCounted + b.PredictedCounted,
        a.ClaimsRight + b.ClaimsRight, a.ClaimsExpected + b.ClaimsExpected,
        a.DatesRight + b.DatesRight, a.EventsExpected + b.EventsExpected, a.PairsInOrder + b.PairsInOrder, a.Pairs + b.Pairs,
        a.LinesSupported + b.LinesSupported, a.Lines + b.Lines,
        a.OpenFound + b.OpenFound, a.OpenExpected + b.OpenExpected, a.ContestsFound + b.ContestsFound, a.ContestsExpected + b.ContestsExpected);

    public double PartyPrecision => Rate(PredictedRight, PredictedCounted);
    public double PartyRecall => Rate(PartiesFound, PartiesExpected);
    public double AttributionAccuracy => Rate(ClaimsRight, ClaimsExpected);
    public double DateAccuracy => Rate(DatesRight, EventsExpected);
    public double OrderAccuracy => Rate(PairsInOrder, Pairs);
    public double CitationSupport => Rate(LinesSupported, Lines);
    public double OpenRecall => Rate(OpenFound, OpenExpected);
    public double ContestRecall => Rate(ContestsFound, ContestsExpected);

    private static double Rate(int right, int total) => total == 0 ? 1.0 : (double)right / total;

    public override string ToString() =>
        $"party precision {PartyPrecision:P1} ({PredictedRight}/{PredictedCounted}), recall {PartyRecall:P1} ({PartiesFound}/{PartiesExpected}); " +
        $"attribution {AttributionAccuracy:P1} ({ClaimsRight}/{ClaimsExpected}); dates {DateAccuracy:P1} ({DatesRight}/{EventsExpected}), " +
        $"order {OrderAccuracy:P1} ({PairsInOrder}/{Pairs}); citation support {CitationSupport:P1} ({LinesSupported}/{Lines}); " +
        $"open points {OpenRecall:P1} ({OpenFound}/{OpenExpected}); contested {ContestRecall:P1} ({ContestsFound}/{ContestsExpected})";
}
