namespace Newsdesk.Answering;

/// <summary>What a question asks: the kind of answer, its content terms (the focus and the entities it names, as
/// stemmed terms), the terms its thread's earlier turns add, names the corpus has never seen, and the asked fact in
/// words.</summary>
/// <param name="Kind">The kind of answer asked for.</param>
/// <param name="Terms">Stemmed content terms of the question itself: its focus ("cost", "succeed") and entities.</param>
/// <param name="ThreadTerms">Stemmed content terms of earlier turns that the question itself does not repeat: what a
/// follow-up such as "how much do they charge?" is about.</param>
/// <param name="Unknown">Names in the question (capitalised mid-sentence, or mixing letters and digits) that no
/// article contains: evidence that the news does not cover it.</param>
/// <param name="Wanted">The asked fact in words, for a reply that says the stories do not give it ("how much
/// mp3sparks charge for a whole album").</param>
public sealed record QuestionAnalysis(
    AnswerKind Kind,
    IReadOnlySet<string> Terms,
    IReadOnlySet<string> ThreadTerms,
    IReadOnlyList<string> Unknown,
    string Wanted)
{
    /// <summary>The names the question itself types (capitalised, mixing letters and digits, or no English word),
    /// whether or not an article holds them: a sentence answers only about one of them (<see cref="AskedEntity"/>).</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>For a yes/no question, the stem of the verb whose outcome it asks about ("pay" in "did he pay up?"):
    /// a sentence that holds it only as an order, a right, a plan or a possibility does not answer
    /// (<see cref="OutcomeStatement"/>).</summary>
    public IReadOnlyList<string> OutcomeVerbs { get; init; } = [];

    /// <summary>Whether the question asks for the title of a work ("which films…"): a name of another kind (a person,
    /// a band, a place) does not answer it (<see cref="WorkTitles"/>).</summary>
    public bool AsksForTitle { get; init; }

    /// <summary>The stem of the verb a "who &lt;verb&gt; …" question asks the agent of ("own" in "who owns regiontorg"):
    /// a sentence with the asked entity after that verb's "by" names it as the agent, not what the question asks
    /// (<see cref="AgentRole"/>).</summary>
    public string? AgentVerb { get; init; }

    /// <summary>For a question asking what one thing is called, that thing's noun ("lawyer" in "whats the name of
    /// doherty's lawyer"): only a name joined to it answers (<see cref="ThingNames"/>).</summary>
    public string? NamedNoun { get; init; }

    /// <summary>Whether the question asks a person's age ("how old is he"): only a sentence stating an age answers
    /// (<see cref="Ages"/>), not any figure.</summary>
    public bool AsksAge { get; init; }

    /// <summary>What the message asks, as typed: its interrogative sentences (all of it when it has none). Chat types
    /// names in lower case; the retrieved stories tell which of its words are names (<see cref="StoryNames"/>).</summary>
    public string AskedText { get; init; } = "";
}
