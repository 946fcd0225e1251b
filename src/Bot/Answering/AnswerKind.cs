namespace Newsdesk.Answering;

/// <summary>The kind of thing a question asks for. A sentence answers it only when it holds something of that kind.</summary>
public enum AnswerKind
{
    /// <summary>"What happened…", "what is…": any informative sentence on the focus will do.</summary>
    Description,

    /// <summary>"Who…", "which company/band/label…": a person or organisation's name.</summary>
    Agent,

    /// <summary>"When…", "what year…": a date or time.</summary>
    Date,

    /// <summary>"How much … cost/pay/worth", "what price": an amount of money.</summary>
    Money,

    /// <summary>"How many…", "how big/long…": a count or quantity.</summary>
    Count,

    /// <summary>"Where…", "which city/country…": a place.</summary>
    Place,

    /// <summary>"Why…": a reason.</summary>
    Reason,

    /// <summary>"Did…", "is…", "has…": whether an outcome happened.</summary>
    YesNo,
}
