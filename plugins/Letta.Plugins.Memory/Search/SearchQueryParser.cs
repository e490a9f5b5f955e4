using System.Text;
using Letta.Plugins.Memory.Service;

namespace Letta.Plugins.Memory.Search;

/// <summary>
/// Parses web-search syntax — words, <c>"quoted phrases"</c>, <c>OR</c>, <c>-exclude</c> — into a
/// <see cref="SearchQuery"/>. Raw user text never reaches the database's query parser: words are reduced to
/// letters and digits, operators are tolerated wherever they appear (an unbalanced quote runs to the end,
/// a lone <c>OR</c> or <c>-</c> is ignored), and a query left with nothing to look for is rejected naming <c>q</c>.
/// </summary>
internal static class SearchQueryParser
{
    public const int MaxLength = 1_000;
    public const int MaxTerms = 32;

    public static SearchQuery Parse(string? text, string field = "q")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new MemoryValidationException(field, "The search query is empty.");
        }

        if (text.Length > MaxLength)
        {
            throw new MemoryValidationException(field, $"The search query is longer than {MaxLength} characters.");
        }

        var clauses = new List<List<SearchTerm>>();
        var excluded = new List<SearchTerm>();
        var pendingOr = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var negate = false;
            if (c == '-' && i + 1 < text.Length && (text[i + 1] == '"' || char.IsLetterOrDigit(text[i + 1])))
            {
                negate = true;
                i++;
                c = text[i];
            }

            string raw;
            bool quoted;
            if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                raw = end < 0 ? text[(i + 1)..] : text[(i + 1)..end];
                i = end < 0 ? text.Length : end + 1;
                quoted = true;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"')
                {
                    i++;
                }

                raw = text[start..i];
                quoted = false;
                if (!negate && raw == "OR")
                {
                    pendingOr = clauses.Count > 0;
                    continue;
                }
            }

            var words = Words(raw);
            if (words.Count == 0)
            {
                continue; // punctuation, a lone '-', SQL fragments' symbols: nothing to search for
            }

            var term = new SearchTerm(words, quoted);
            if (negate)
            {
                excluded.Add(term);
            }
            else if (pendingOr)
            {
                clauses[^1].Add(term);
            }
            else
            {
                clauses.Add([term]);
            }

            pendingOr = false;
        }

        if (clauses.Count == 0)
        {
            throw new MemoryValidationException(field, "The search query has no words to look for (only operators, punctuation or exclusions).");
        }

        if (clauses.Sum(c => c.Count) + excluded.Count > MaxTerms)
        {
            throw new MemoryValidationException(field, $"The search query has more than {MaxTerms} terms.");
        }

        return new SearchQuery(clauses, excluded);
    }

    /// <summary>Splits text into lower-cased runs of letters and digits, as both databases' tokenizers do.</summary>
    public static List<string> Words(string raw)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (var ch in raw)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (sb.Length > 0)
            {
                words.Add(sb.ToString());
                sb.Clear();
            }
        }

        if (sb.Length > 0)
        {
            words.Add(sb.ToString());
        }

        return words;
    }
}
