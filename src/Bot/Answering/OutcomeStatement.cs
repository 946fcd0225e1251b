using System.Text.RegularExpressions;
using Newsdesk.Chat;
using Newsdesk.Text;

namespace Newsdesk.Answering;

/// <summary>Whether a sentence states the outcome a yes/no question asks about, or only something short of it. "Did
/// the student pay up?" is not answered by "he was ordered to pay", "did the BPI win its case?" not by "the BPI, which
/// had won the right to sue", "did Russia join the WTO?" not by "Russia has been waiting for a decade to join": an
/// order, a right, a hope, a plan or a possibility is context. The test is grammatical (what governs the asked verb),
/// never a list of topics.</summary>
public static partial class OutcomeStatement
{
    /// <summary>The stem of the verb a yes/no question asks about: the word that closes its subject, before the first
    /// determiner, particle or preposition ("did the napster.no student actually pay up" → "pay"; "did the bpi win its
    /// case" → "win"). None for a question that does not open with an auxiliary, or whose verb is a stop word.</summary>
    public static IReadOnlyList<string> AskedVerbs(string lowerQuestion, IReadOnlyCollection<string> names)
    {
        var words = TextAnalyzer.Words(EndUp().Replace(lowerQuestion, " ")).ToList();
        if (words.Count < 3 || !(Auxiliary().IsMatch(words[0]) || Modal().IsMatch(words[0]))) return [];
        var verb = SubjectClosingWord(words) is { } at ? words[at] : null;
        if (verb is null || TextAnalyzer.IsStopWord(verb) || names.Any(n => n.Equals(verb, StringComparison.OrdinalIgnoreCase))) return [];
        return [Base(verb)];
    }

    /// <summary>Where the verb of a question opening with an auxiliary stands (<paramref name="words"/>[0] is the
    /// auxiliary): the last word that is not an adverb before the first determiner, particle or preposition after it.
    /// Null when there is none.</summary>
    internal static int? SubjectClosingWord(IReadOnlyList<string> words)
    {
        int? verb = null;
        for (var i = 1; i < words.Count; i++)
        {
            if (Boundary().IsMatch(words[i]))
            {
                if (verb is not null) break;
                continue;
            }
            if (!Adverb().IsMatch(words[i])) verb = i;
        }
        return verb;
    }

    /// <summary>True when the sentence holds one of <paramref name="verbs"/> as a statement of fact; false when every
    /// occurrence is governed by an order, a right, an intention, a modal, a claim or a denial; null when it holds none.</summary>
    public static bool? States(string sentence, IReadOnlyList<string> verbs)
    {
        if (verbs.Count == 0) return null;
        var words = TextAnalyzer.Words(sentence).ToList();
        bool? states = null;
        for (var i = 0; i < words.Count; i++)
        {
            if (!verbs.Contains(Base(words[i]))) continue;
            if (IsGoverned(words, i)) states ??= false;
            else return true;
        }
        return states;
    }

    /// <summary>An answered composition whose sentences hold the asked verb only short of a fact becomes partly
    /// covered, naming the asked fact as what the stories do not say; any other composition is returned as it is.</summary>
    public static Composition HoldToOutcome(Composition composition, QuestionAnalysis question)
    {
        if (composition.Coverage != AnswerCoverage.Answered || question.OutcomeVerbs.Count == 0) return composition;
        var states = composition.Sentences.Select(s => States(s.Text, question.OutcomeVerbs)).Where(s => s is not null).ToList();
        return states.Count > 0 && states.All(s => s == false)
            ? composition with { Coverage = AnswerCoverage.Partial, Missing = question.Wanted }
            : composition;
    }

    private static bool IsGoverned(List<string> words, int at)
    {
        // "won the right to sue", "got permission to …": the verb's object is a right, not the outcome.
        if (words.Skip(at + 1).Take(3).Any(w => Permission().IsMatch(w)) && words.Skip(at + 1).Take(4).Contains("to")) return true;
        var i = at - 1;
        while (i >= 0 && (Adverb().IsMatch(words[i]) || Auxiliary().IsMatch(words[i]) && !Modal().IsMatch(words[i]))) i--;
        if (i < 0) return false;
        if (Modal().IsMatch(words[i]) || Governor().IsMatch(words[i])) return true;
        // "waiting for a decade to join", "ordered to pay": an infinitive whose governor stands a few words back.
        if (words[i] != "to") return false;
        for (var j = i - 1; j >= Math.Max(0, i - 4); j--)
            if (Governor().IsMatch(words[j]) || Permission().IsMatch(words[j])) return true;
        return false;
    }

    /// <summary>The verb's base form: the stemmer's, after common irregular past forms ("won" → "win", "paid" → "pay").</summary>
    private static string Base(string word) => TextAnalyzer.Stem(word switch
    {
        "won" => "win", "paid" => "pay", "sold" => "sell", "bought" => "buy", "made" => "make", "went" or "gone" => "go",
        "took" or "taken" => "take", "got" or "gotten" => "get", "left" => "leave", "held" => "hold", "lost" => "lose",
        "began" or "begun" => "begin", "ran" => "run", "gave" or "given" => "give", "found" => "find", "kept" => "keep",
        "brought" => "bring", "signed" => "sign", "came" => "come", "shut" => "shut", "struck" => "strike", "sued" => "sue",
        _ => word,
    });

    [GeneratedRegex(@"\bend(ed|s)? up\b|\bmanage(d|s)? to\b")]
    private static partial Regex EndUp();

    [GeneratedRegex(@"^(did|does|do|is|are|was|were|has|have|had|be|been|being|not|n't|ever)$")]
    private static partial Regex Auxiliary();

    [GeneratedRegex(@"^(will|would|may|might|could|should|can|shall|must|'ll|'d)$")]
    private static partial Regex Modal();

    [GeneratedRegex(@"^(the|a|an|its|his|her|their|our|your|my|any|some|this|that|these|those|up|out|off|down|in|on|over|away|back|into|to|for|from|with|against|by|at|of|about|after|before|since|yet|now|then|together)$")]
    internal static partial Regex Boundary();

    [GeneratedRegex(@"^(actually|really|finally|eventually|still|also|even|ever|already|just|ultimately|indeed|not|never|well|badly)$|^\w{3,}ly$")]
    internal static partial Regex Adverb();

    // Words that put what follows short of a fact: intentions, plans, expectations, orders, attempts, promises,
    // claims and denials.
    [GeneratedRegex(@"^(hop(e|es|ed|ing)|plan(s|ned|ning)?|want(s|ed|ing)?|aim(s|ed|ing)?|intend(s|ed|ing)?|seek(s|ing)?|sought|expect(s|ed|ing)?|set|due|likely|unlikely|order(s|ed)?|bid(s|ding)?|attempt(s|ed|ing)?|tr(y|ies|ied|ying)|threaten(s|ed|ing)?|wait(s|ed|ing)?|vow(s|ed|ing)?|pledg(e|es|ed|ing)|promis(e|es|ed|ing)|propos(e|es|ed|ing)|urg(e|es|ed|ing)|ask(s|ed|ing)?|call(s|ed|ing)|told|able|allowed|going|claim(s|ed|ing)?|den(y|ies|ied|ying)|refus(e|es|ed|ing)|agree(s|d|ing)?|prepar(e|es|ed|ing)|poised|ready|keen|eager)$")]
    private static partial Regex Governor();

    [GeneratedRegex(@"^(right|rights|permission|go-ahead|approval|chance|opportunity|licence|license|power)$")]
    private static partial Regex Permission();
}
