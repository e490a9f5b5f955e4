using System.Text;

namespace Letta.Plugins.Memory.Search;

/// <summary>
/// Renders a <see cref="SearchQuery"/> as PostgreSQL <c>to_tsquery</c> input: quoted lexemes, <c>:*</c> for
/// prefixes, <c>&lt;-&gt;</c> for phrases, <c>|</c>, <c>&amp;</c> and <c>!</c>. (<c>websearch_to_tsquery</c> has no
/// prefix operator, so the web-search syntax is parsed here and rendered to the general form.)
/// </summary>
internal static class TsQueryRenderer
{
    public static string Render(SearchQuery query)
    {
        var parts = new List<string>();
        foreach (var clause in query.Clauses)
        {
            parts.Add(clause.Count == 1 ? Term(clause[0]) : "(" + string.Join(" | ", clause.Select(Term)) + ")");
        }

        foreach (var term in query.Excluded)
        {
            parts.Add("!" + Term(term));
        }

        return string.Join(" & ", parts);
    }

    private static string Term(SearchTerm term)
    {
        var sb = new StringBuilder("(");
        for (var i = 0; i < term.Words.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(" <-> ");
            }

            // Words are letters and digits only; quoting keeps them single lexemes regardless.
            sb.Append('\'').Append(term.Words[i].Replace("'", "''", StringComparison.Ordinal)).Append('\'');
            if (term.IsPrefix)
            {
                sb.Append(":*");
            }
        }

        return sb.Append(')').ToString();
    }
}
