using Newsdesk.Text;

namespace Newsdesk.Answering;

/// <summary>Turns a question's clause after "did", "does" or "do" into a statement's, so that a reply can say what the
/// stories do not: after a wh-phrase the auxiliary goes and its tense and person pass to the verb ("how much did they
/// charge" → "how much they charged"); in a yes/no question it moves before the verb ("did the student actually pay
/// up" → "whether the student actually did pay up"), which keeps the asked verb's own form where the reply names it.
/// The verb follows a pronoun, or closes a noun phrase before the first determiner, particle or preposition (as
/// <see cref="OutcomeStatement.AskedVerbs"/> finds it); where no word there can be a verb's base form, nothing is
/// changed.</summary>
public static class DoSupport
{
    /// <summary>The clause without its leading do-auxiliary, the verb inflected; null when it opens with none, or with
    /// no verb to inflect.</summary>
    public static string? Fold(string clause)
    {
        var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count < 3 || words[0] is not ("did" or "does" or "do")) return null;
        // Without a word that can be a verb's base form (a plural noun, a participle), the clause stays as it was.
        if (Verb(words) is not { } at || !IsBaseForm(words[at])) return null;
        words[at] = words[0] switch
        {
            "did" => Past(words[at]),
            "does" => ThirdPerson(words[at]),
            _ => words[at],
        };
        return string.Join(' ', words.Skip(1));
    }

    /// <summary>The clause after a wh-phrase that opens with a form of "be", in a statement's order: the auxiliary after
    /// the subject ("is thomas slattery suing apple" → "thomas slattery is suing apple", "are they claiming" → "they
    /// are claiming", "is sam endicott" → "sam endicott is", "was the singer when he died" → "the singer was when he
    /// died"). The subject is a pronoun, or the words before the first participle, subordinate clause or the clause's
    /// end; where a phrase follows the subject ("is young buck due in court") its shape does not tell where the
    /// subject ends, and null is returned.</summary>
    public static string? Unfold(string clause)
    {
        var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count < 2 || words[0] is not ("is" or "are" or "was" or "were")) return null;
        var at = words[1] is "they" or "it" or "he" or "she" or "you" or "we" or "this" or "that" or "there" ? 2 : SubjectEnd(words);
        if (at is null) return null;
        words.Insert(at.Value, words[0]);
        return string.Join(' ', words.Skip(1));
    }

    // Where the subject after a leading "be" ends: before a participle (one after a determiner is a noun: "the
    // wedding"), before a subordinate clause ("when he died"), or at the end; null at a preposition or particle first.
    private static int? SubjectEnd(List<string> words)
    {
        for (var i = 2; i < words.Count; i++)
        {
            if (Subordinator(words[i]) || IsParticiple(words[i]) && !Determiner(words[i - 1])) return i;
            if (OutcomeStatement.Boundary().IsMatch(words[i])) return null;
        }
        return words.Count;
    }

    private static bool Subordinator(string word) =>
        word is "when" or "while" or "because" or "if" or "who" or "which" or "that" or "where" or "whether" or "until" or "once";

    /// <summary>The clause with its leading "did" or "does" moved before the verb; null when it opens with neither
    /// ("do" simply goes: the verb's base form already agrees), or with no verb to carry it.</summary>
    public static string? Move(string clause)
    {
        var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count < 3 || words[0] is not ("did" or "does")) return null;
        if (Verb(words) is not { } at || !IsBaseForm(words[at])) return null;
        words.Insert(at, words[0]);
        return string.Join(' ', words.Skip(1));
    }

    // After a pronoun the verb is the next word but an adverb ("did they start nudging users"); after a noun phrase it
    // is the word that closes it ("did the student actually pay up").
    private static int? Verb(List<string> words)
    {
        if (words[1] is "they" or "it" or "he" or "she" or "you" or "we")
            return Enumerable.Range(2, words.Count - 2).Cast<int?>().FirstOrDefault(i => !OutcomeStatement.Adverb().IsMatch(words[i!.Value]));
        // The subject stands before the verb; in a passive with "get" ("did sizzla get locked up") "get" is the verb.
        if (OutcomeStatement.SubjectClosingWord(words) is not (>= 2 and var verb)) return null;
        return verb >= 3 && IsParticiple(words[verb]) && words[verb - 1] == "get" ? verb - 1 : verb;
    }

    private static bool Determiner(string word) =>
        word is "the" or "a" or "an" or "its" or "his" or "her" or "their" or "our" or "your" or "my" or "this" or "that" or "these" or "those";

    private static bool IsParticiple(string word) =>
        word.All(char.IsAsciiLetterLower) && !TextAnalyzer.IsStopWord(word)
        && (word.Length >= 5 && word.EndsWith("ing", StringComparison.Ordinal) || word.Length >= 4 && word.EndsWith("ed", StringComparison.Ordinal));

    // "have" and "get" are stop words but verbs too: "how many users does it have" → "how many users it has".
    private static bool IsBaseForm(string word) =>
        word.All(char.IsAsciiLetterLower) && (!TextAnalyzer.IsStopWord(word) || word is "have" or "get")
        && !(word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
        && !word.EndsWith("ing", StringComparison.Ordinal) && !word.EndsWith("ed", StringComparison.Ordinal);

    private static string Past(string verb) => verb switch
    {
        "win" => "won", "pay" => "paid", "sell" => "sold", "buy" => "bought", "make" => "made", "go" => "went", "take" => "took",
        "get" => "got", "leave" => "left", "hold" => "held", "lose" => "lost", "begin" => "began", "run" => "ran", "give" => "gave",
        "find" => "found", "keep" => "kept", "bring" => "brought", "come" => "came", "shut" => "shut", "strike" => "struck",
        "say" => "said", "see" => "saw", "know" => "knew", "think" => "thought", "tell" => "told", "become" => "became",
        "put" => "put", "set" => "set", "cut" => "cut", "hit" => "hit", "let" => "let", "send" => "sent", "spend" => "spent",
        "build" => "built", "meet" => "met", "lead" => "led", "read" => "read", "write" => "wrote", "grow" => "grew",
        "fall" => "fell", "have" => "had", "do" => "did", "be" => "was", "sing" => "sang", "drive" => "drove", "choose" => "chose",
        "break" => "broke", "steal" => "stole", "draw" => "drew", "throw" => "threw", "bid" => "bid", "quit" => "quit",
        _ when verb.EndsWith('e') => verb + "d",
        _ when verb.Length > 1 && verb[^1] == 'y' && !IsVowel(verb[^2]) => verb[..^1] + "ied",
        _ when IsShortClosed(verb) => verb + verb[^1] + "ed",
        _ => verb + "ed",
    };

    private static string ThirdPerson(string verb) => verb switch
    {
        "have" => "has", "do" => "does", "go" => "goes", "be" => "is",
        _ when verb.EndsWith('s') || verb.EndsWith('x') || verb.EndsWith('z') || verb.EndsWith("sh", StringComparison.Ordinal)
            || verb.EndsWith("ch", StringComparison.Ordinal) => verb + "es",
        _ when verb.Length > 1 && verb[^1] == 'y' && !IsVowel(verb[^2]) => verb[..^1] + "ies",
        _ => verb + "s",
    };

    // "ban" → "banned", "drop" → "dropped": one short syllable closed by one consonant doubles it ("open" has two).
    private static bool IsShortClosed(string verb) =>
        (verb.Length == 3 || (verb.Length == 4 && !IsVowel(verb[0]))) && !IsVowel(verb[^1]) && verb[^1] is not ('w' or 'x' or 'y') && IsVowel(verb[^2]) && !IsVowel(verb[^3]);

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
