namespace Newsdesk.Stories;

/// <summary>Finds the parties of one article and links the ways it refers to each within the article: a name and its
/// initials ("the British Phonographic Industry (BPI)", later "the BPI"), a surname ("Taylor" for "Geoff Taylor"), a
/// descriptor ("the industry body", "the firm") or a leading "He"/"It" for the last party of that kind.</summary>
public static class EntityDetector
{
    public static ArticleEntities Detect(IReadOnlyList<string> sentences)
    {
        var entities = new List<ArticleEntity>();
        var mentions = new List<IReadOnlyList<EntityMention>>();
        var masked = sentences.Select(QuoteMask.Mask).ToList();
        var nonInitialSingles = CollectNonInitialSingleNames(sentences);
        ArticleEntity? lastOrganisation = null, lastPerson = null, lastSubjectOrganisation = null;

        for (var s = 0; s < sentences.Count; s++)
        {
            var sentence = sentences[s];
            var found = new List<EntityMention>();
            foreach (var (start, length) in GroupSpans(sentence))
                found.Add(Mention(sentence, masked[s], start, length, AddGroup(entities, sentence.Substring(start, length))));
            foreach (var (start, length, isTitled) in NameSpans(sentence, nonInitialSingles))
            {
                if (found.Any(f => start < f.End && f.Start < start + length)) continue;
                var entity = AddName(entities, sentence, start, length, isTitled, found);
                found.Add(Mention(sentence, masked[s], start, length, entity));
            }
            foreach (System.Text.RegularExpressions.Match descriptor in NamePatterns.Descriptor().Matches(masked[s]))
            {
                if (found.Any(f => descriptor.Index < f.End && f.Start < descriptor.Index + descriptor.Length)) continue;
                var noun = descriptor.Groups["noun"].Value;
                var referent = entities.LastOrDefault(e => e.Kind != EntityKind.Person && e.Name.Contains(noun, StringComparison.OrdinalIgnoreCase) && FoundBefore(e, s, mentions))
                    ?? lastOrganisation;
                if (referent is not null) found.Add(new EntityMention(descriptor.Index, descriptor.Length, referent.Id, MentionRole.Reference));
            }
            var pronoun = NamePatterns.LeadingPronoun().Match(masked[s]);
            var pronounReferent = pronoun.Value == "It" ? lastSubjectOrganisation : lastPerson;
            if (pronoun.Success && pronounReferent is not null)
                found.Add(new EntityMention(0, pronoun.Length, pronounReferent.Id, MentionRole.Reference));

            found.Sort((a, b) => a.Start.CompareTo(b.Start));
            mentions.Add(found);
            foreach (var mention in found)
            {
                var entity = entities[mention.Entity];
                if (mention.Role == MentionRole.Place) entity.PlaceMentions++; else entity.OtherMentions++;
            }
            var plain = found.Where(m => m.Role == MentionRole.Plain).Select(m => entities[m.Entity]).ToList();
            lastOrganisation = plain.LastOrDefault(e => e.Kind == EntityKind.Organisation) ?? lastOrganisation;
            var subject = found.FirstOrDefault(m => m.CanBeSubject);
            if (found.Count > 0 && subject != default)
            {
                var subjectEntity = entities[subject.Entity];
                if (subjectEntity.Kind == EntityKind.Person) lastPerson = subjectEntity;
                else lastSubjectOrganisation = subjectEntity;
            }
        }
        return new ArticleEntities(entities, mentions, masked);
    }

    private static bool FoundBefore(ArticleEntity entity, int sentence, List<IReadOnlyList<EntityMention>> mentions) =>
        mentions.Take(sentence).Any(m => m.Any(x => x.Entity == entity.Id));

    private static EntityMention Mention(string sentence, string masked, int start, int length, ArticleEntity entity)
    {
        var before = sentence[..start];
        var role = masked[start] == '_' ? MentionRole.Quoted
            : NamePatterns.PlaceBefore().IsMatch(before) && entity.Kind != EntityKind.Group ? MentionRole.Place
            : NamePatterns.ModifierBefore().IsMatch(before) ? MentionRole.OfModifier
            : MentionRole.Plain;
        return new EntityMention(start, length, entity.Id, role);
    }

    private static IEnumerable<(int Start, int Length)> GroupSpans(string sentence)
    {
        foreach (System.Text.RegularExpressions.Match match in NamePatterns.Group().Matches(sentence))
        {
            var filler = NamePatterns.LeadingGroupFiller().Match(match.Value);
            var start = match.Index + (filler.Success ? filler.Length : 0);
            var text = sentence[start..(match.Index + match.Length)];
            var leading = NamePatterns.LeadingNonName().Match(text);
            if (leading.Success) { start += leading.Length; text = text[leading.Length..]; }
            if (text.Length > 0) yield return (start, text.Length);
        }
    }

    private static IEnumerable<(int Start, int Length, bool IsTitled)> NameSpans(string sentence, HashSet<string> nonInitialSingles)
    {
        foreach (System.Text.RegularExpressions.Match match in NamePatterns.Name().Matches(sentence))
        {
            var start = match.Index;
            var text = match.Value.TrimEnd('.', ',', '-', '\'', '’');
            var leading = NamePatterns.LeadingNonName().Match(text);
            var isTitled = NamePatterns.PersonTitleBefore().IsMatch(sentence[..start] + (leading.Success ? leading.Value : ""));
            if (leading.Success) { start += leading.Length; text = text[leading.Length..]; }
            // "James Newton's Choir": the owner is the party; "Mr Skeens of Brownsville": the person, not the town.
            var possessive = text.IndexOfAny(['\'', '’']);
            if (possessive > 0 && possessive + 1 < text.Length && text[possessive + 1] == 's' && (possessive + 2 == text.Length || text[possessive + 2] == ' ')) text = text[..possessive];
            var of = text.IndexOf(" of ", StringComparison.Ordinal);
            if (isTitled && of > 0) text = text[..of];
            if (text.Length == 0 || NamePatterns.NotAName().IsMatch(text) || text.All(c => char.IsDigit(c) || c is ',' or '.')) continue;
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // The first word of a sentence is capitalised whatever it is: alone, it is a name only when it has the
            // shape of one (MediaServices, BPI) or the article names it elsewhere.
            if (start == 0 && words.Length == 1 && !HasNameShape(text) && !nonInitialSingles.Contains(text)) continue;
            (start, text) = DropDemonym(start, text, words);
            yield return (start, text.Length, isTitled);
        }
    }

    // "New Yorker William Trowbridge", "Texan Michael Chicoine", "Songwriter Guy Chambers": the person is the last two words.
    private static (int Start, string Text) DropDemonym(int start, string text, string[] words)
    {
        if (words.Length < 3 || NamePatterns.OrganisationWord().IsMatch(text) || text.Contains(" of ", StringComparison.Ordinal)) return (start, text);
        var drop = 0;
        while (words.Length - drop > 2 && (words[drop] == "New" || words[drop].EndsWith("an", StringComparison.Ordinal)
            || words[drop].EndsWith("er", StringComparison.Ordinal) || words[drop].EndsWith("ish", StringComparison.Ordinal)
            || words[drop].EndsWith("ese", StringComparison.Ordinal)))
            drop++;
        if (drop == 0) return (start, text);
        var offset = string.Join(' ', words.Take(drop)).Length + 1;
        return (start + offset, text[offset..]);
    }

    private static bool HasNameShape(string word) => word.Skip(1).Any(c => char.IsUpper(c) || char.IsDigit(c));

    private static HashSet<string> CollectNonInitialSingleNames(IReadOnlyList<string> sentences)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
            foreach (System.Text.RegularExpressions.Match match in NamePatterns.Name().Matches(sentence))
            {
                if (match.Index == 0) continue;
                var name = match.Value.TrimEnd('.', ',');
                names.Add(name);
                // "Taylor said today" opens a sentence: the surname of "Geoff Taylor" is a name there too.
                foreach (var word in name.Split(' ')) names.Add(word);
            }
        return names;
    }

    private static ArticleEntity AddGroup(List<ArticleEntity> entities, string name)
    {
        var existing = entities.FirstOrDefault(e => e.Kind == EntityKind.Group && e.Names.Any(n => IsWordSuffix(n, name) || IsWordSuffix(name, n)));
        return Add(entities, existing, name, EntityKind.Group);
    }

    private static ArticleEntity AddName(List<ArticleEntity> entities, string sentence, int start, int length, bool isTitled, List<EntityMention> found)
    {
        var name = sentence.Substring(start, length);
        var words = name.Split(' ');
        var kind = isTitled ? EntityKind.Person : KindOf(name, words);
        var acronymDefinedBefore = AcronymDefinition(entities, sentence, start, found);
        var existing = acronymDefinedBefore
            ?? entities.FirstOrDefault(e => e.Names.Any(n => n.Equals(name, StringComparison.OrdinalIgnoreCase) || WithoutDomain(n).Equals(WithoutDomain(name), StringComparison.OrdinalIgnoreCase)))
            ?? entities.FirstOrDefault(e => e.Kind != EntityKind.Group && e.Names.Any(n => Initials(n) == name || Initials(name) == n))
            // "the US Department of Justice", later "the Department of Justice".
            ?? (words.Length >= 2 && kind == EntityKind.Organisation ? entities.FirstOrDefault(e => e.Kind == EntityKind.Organisation && e.Names.Any(n => IsWordSuffix(n, name) || IsWordSuffix(name, n))) : null)
            ?? (words.Length == 1 ? entities.FirstOrDefault(e => e.Kind == EntityKind.Person && e.Names.Any(n => n.EndsWith(" " + name, StringComparison.Ordinal))) : null)
            ?? (words.Length >= 2 && kind == EntityKind.Person ? entities.FirstOrDefault(e => e.Names.Any(n => n.Length > 0 && !n.Contains(' ') && name.EndsWith(" " + n, StringComparison.Ordinal))) : null);
        var entity = Add(entities, existing, name, kind);
        if (kind == EntityKind.Person || isTitled) entity.Kind = EntityKind.Person;
        return entity;
    }

    // "The British Phonographic Industry (BPI)": the initials in brackets are the name just before them.
    private static ArticleEntity? AcronymDefinition(List<ArticleEntity> entities, string sentence, int start, List<EntityMention> found)
    {
        if (start < 2 || sentence[start - 1] != '(') return null;
        var end = start - 1;
        while (end > 0 && sentence[end - 1] == ' ') end--;
        var named = found.LastOrDefault(m => m.End == end);
        return named == default ? null : entities[named.Entity];
    }

    private static ArticleEntity Add(List<ArticleEntity> entities, ArticleEntity? existing, string name, EntityKind kind)
    {
        var entity = existing ?? new ArticleEntity(entities.Count, kind);
        if (existing is null) entities.Add(entity);
        if (!entity.Names.Contains(name, StringComparer.OrdinalIgnoreCase)) entity.Names.Add(name);
        return entity;
    }

    private static EntityKind KindOf(string name, string[] words)
    {
        if (NamePatterns.OrganisationWord().IsMatch(name) || name.Any(char.IsDigit) || words.Any(w => w.Length > 1 && w.All(c => char.IsUpper(c) || c == '&'))) return EntityKind.Organisation;
        if (words.Length is >= 2 and <= 4 && words.All(w => char.IsUpper(w[0]) && w.Skip(1).All(c => char.IsLower(c) || c is '-' or '\'' or '’'))) return EntityKind.Person;
        return EntityKind.Organisation;
    }

    /// <summary>The capitals of a multi-word name, skipping "of", "the" and "and": "Motion Picture Association of America" → MPAA.</summary>
    public static string Initials(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsUpper(w[0])).ToList();
        return words.Count < 2 ? "" : string.Concat(words.Select(w => w[0]));
    }

    // "MP3Sparks.com" and "MP3Sparks" are one site.
    private static string WithoutDomain(string name) => System.Text.RegularExpressions.Regex.Replace(name, @"\.(?:com|net|org|co\.uk)$", "");

    private static bool IsWordSuffix(string longer, string shorter) =>
        longer.Equals(shorter, StringComparison.OrdinalIgnoreCase) || longer.EndsWith(" " + shorter, StringComparison.OrdinalIgnoreCase);
}
